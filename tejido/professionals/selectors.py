"""Every read of professionals, shaped by the viewer: members' list (searched, by profession,
language, cost and area), one professional, and the organisers' list with the listings whose
verification is due."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from tejido.access.base import AnyUser
from tejido.access.professionals import (
    ProfessionalCard,
    can_manage_professionals,
    professional_card_queryset,
    professional_cards,
    visible_professionals,
)
from tejido.core.errors import NotFound
from tejido.core.paging import ListPage, paginate
from tejido.core.search import SearchIndex, matching
from tejido.professionals.models import Cost, Profession, Professional
from tejido.professionals.moments import today

PROFESSIONAL_SEARCH = SearchIndex(table="professionals_professional", column="words")
PROFESSIONALS_PER_PAGE = 20
# The longest search a member can type; anything past it is ignored.
MAX_QUERY_LENGTH = 100


@dataclass(frozen=True)
class ProfessionalFilters:
    q: str = ""
    profession: str = ""
    language: str = ""
    cost: str = ""
    area: int | None = None
    # Organisers: only the listings whose verification is due.
    due: bool = False

    @property
    def any(self) -> bool:
        return bool(
            self.q.strip()
            or self.profession
            or self.language
            or self.cost
            or self.area is not None
            or self.due
        )


def _filtered(viewer: AnyUser | None, filters: ProfessionalFilters) -> QuerySet[Professional]:
    day = today()
    found = visible_professionals(viewer, today=day)
    if filters.q.strip():
        found = matching(found, PROFESSIONAL_SEARCH, filters.q.strip()[:MAX_QUERY_LENGTH])
    if filters.profession in Profession.values:
        found = found.filter(profession=filters.profession)
    if filters.cost in Cost.values:
        found = found.filter(cost=filters.cost)
    if filters.language and filters.language.isalpha():
        found = found.filter(languages__contains=f" {filters.language} ")
    if filters.area is not None:
        found = found.filter(area=filters.area)
    if filters.due:
        found = found.filter(verify_again_by__lt=day)
    return found.order_by("sort_name", "id")


def list_professionals(
    *, viewer: AnyUser | None, filters: ProfessionalFilters, page: int | str | None = 1
) -> ListPage[ProfessionalCard]:
    day = today()
    return paginate(
        professional_card_queryset(_filtered(viewer, filters)),
        page,
        lambda found: professional_cards(viewer, found, today=day),
        per_page=PROFESSIONALS_PER_PAGE,
    )


def _professional(viewer: AnyUser | None, professional_id: Any) -> Professional:
    try:
        pk = int(professional_id)
    except (TypeError, ValueError) as error:
        raise NotFound() from error
    visible = visible_professionals(viewer, today=today())
    found = professional_card_queryset(visible).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


@dataclass(frozen=True)
class ProfessionalPage:
    card: ProfessionalCard
    can_manage: bool


def get_professional(*, viewer: AnyUser | None, professional_id: Any) -> ProfessionalPage:
    """Missing, unlisted, lapsed and not the viewer's to see answer alike: NotFound."""
    found = _professional(viewer, professional_id)
    return ProfessionalPage(
        card=professional_cards(viewer, [found], today=today())[0],
        can_manage=can_manage_professionals(viewer),
    )


def professional_for_edit(*, viewer: AnyUser | None, professional_id: Any) -> dict[str, Any]:
    """What the organisers' form starts from."""
    if not can_manage_professionals(viewer):
        raise NotFound()
    found = _professional(viewer, professional_id)
    values: dict[str, Any] = {
        name: getattr(found, name)
        for name in (
            "name",
            "profession",
            "specialities_es",
            "specialities_en",
            "cost",
            "cost_note_es",
            "cost_note_en",
            "how_to_reach",
            "verify_again_by",
        )
    }
    values["languages"] = found.language_codes
    values["area"] = found.area_id
    return values


def count_due_professionals(*, viewer: AnyUser | None) -> int:
    """For the organisers' overview: listed professionals whose verification is due."""
    if not can_manage_professionals(viewer):
        raise NotFound()
    day = today()
    return (
        visible_professionals(viewer, today=day)
        .filter(listed=True, verify_again_by__lt=day)
        .count()
    )
