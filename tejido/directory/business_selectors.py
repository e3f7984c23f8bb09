"""Every read of welcoming businesses, shaped by the viewer: the list (searched, by kind and
area), one business with its recommendations and what the viewer may do there."""

from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet

from tejido.access.base import AnyUser
from tejido.access.business_cards import (
    BusinessCard,
    business_card_queryset,
    business_cards,
    business_recommendations,
    voucher_names,
)
from tejido.access.directory import (
    can_manage_directory,
    can_recommend,
    can_vouch_for,
    visible_businesses,
)
from tejido.access.directory_cards import RecommendationCard
from tejido.access.reports import can_report
from tejido.core.errors import NotFound
from tejido.core.paging import ListPage, paginate
from tejido.core.search import SearchIndex, matching, stemmed
from tejido.directory.models import Business, BusinessKind
from tejido.directory.moments import today
from tejido.directory.selectors import MAX_QUERY_LENGTH

BUSINESS_SEARCH = SearchIndex(table="directory_business", column="words")
BUSINESSES_PER_PAGE = 20


@dataclass(frozen=True)
class BusinessFilters:
    q: str = ""
    kind: str = ""
    area: int | None = None

    @property
    def any(self) -> bool:
        return bool(self.q.strip() or self.kind or self.area is not None)


def filtered_businesses(viewer: AnyUser | None, filters: BusinessFilters) -> QuerySet[Business]:
    businesses = visible_businesses(viewer)
    if filters.q.strip():
        query = stemmed(filters.q.strip()[:MAX_QUERY_LENGTH])
        businesses = matching(businesses, BUSINESS_SEARCH, query)
    if filters.kind in BusinessKind.values:
        businesses = businesses.filter(kind=filters.kind)
    if filters.area is not None:
        businesses = businesses.filter(area=filters.area)
    return businesses.order_by("sort_name", "id")


def list_businesses(
    *, viewer: AnyUser | None, filters: BusinessFilters, page: int | str | None = 1
) -> ListPage[BusinessCard]:
    day = today()
    return paginate(
        business_card_queryset(filtered_businesses(viewer, filters)),
        page,
        lambda found: business_cards(viewer, found, today=day),
        per_page=BUSINESSES_PER_PAGE,
    )


@dataclass(frozen=True)
class BusinessPage:
    card: BusinessCard
    recommendations: tuple[RecommendationCard, ...]
    can_vouch: bool
    can_recommend: bool
    can_report: bool
    can_manage: bool
    # Organisers only: what they noted when they last changed its standing, and who vouched.
    standing_note: str | None
    vouchers: tuple[str, ...]


def _business(viewer: AnyUser | None, business_id: Any) -> Business:
    try:
        pk = int(business_id)
    except (TypeError, ValueError) as error:
        raise NotFound() from error
    found = business_card_queryset(visible_businesses(viewer)).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def get_business(*, viewer: AnyUser | None, business_id: Any) -> BusinessPage:
    business = _business(viewer, business_id)
    manage = can_manage_directory(viewer)
    return BusinessPage(
        card=business_cards(viewer, [business], today=today())[0],
        recommendations=business_recommendations(viewer, business),
        can_vouch=can_vouch_for(viewer, business),
        can_recommend=can_recommend(viewer, business),
        can_report=can_report(viewer, business),
        can_manage=manage,
        standing_note=business.standing_note if manage else None,
        vouchers=voucher_names(viewer, business),
    )


def business_for_edit(*, viewer: AnyUser | None, business_id: Any) -> dict[str, Any]:
    """What the organisers' form starts from: its fields, their translations as
    <field>_<lang>, and its opening hours as lines of days and times (as a service's)."""
    if not can_manage_directory(viewer):
        raise NotFound()
    business = _business(viewer, business_id)
    values = {
        name: getattr(business, name)
        for name in (
            "name",
            "kind",
            "description",
            "address",
            "directions",
            "hours_note",
            "phone",
            "website",
            "fitting_rooms",
            "names_used",
            "staff_trained",
            "pledge_accepted_on",
            "visited_on",
            "visibility",
            "area_id",
        )
    }
    for lang, texts in (business.translations or {}).items():
        for name, text in texts.items():
            values[f"{name}_{lang}"] = text
    values["hours"] = [
        {"days": line.byday.split(","), "opens_at": line.opens_at, "closes_at": line.closes_at}
        for line in business.hours.all()
    ]
    return values


# How many businesses due for verification the review queue lists at once.
DUE_SHOWN = 25


@dataclass(frozen=True)
class BusinessesDue:
    cards: list[BusinessCard]
    total: int


def list_businesses_due(*, viewer: AnyUser | None) -> BusinessesDue:
    """Organisers: the businesses whose date to be verified again has come, or that were
    never verified, the longest overdue first."""
    if not can_manage_directory(viewer):
        raise NotFound()
    day = today()
    due = visible_businesses(viewer).filter(Q(reverify_on__lte=day) | Q(reverify_on__isnull=True))
    first = business_card_queryset(due).order_by(F("reverify_on").asc(nulls_first=True), "id")
    found = list(first[:DUE_SHOWN])
    total = len(found) if len(found) < DUE_SHOWN else due.count()
    return BusinessesDue(cards=business_cards(viewer, found, today=day), total=total)
