"""The organisers' review queue: suggested edits and out-of-date notes, recommendations
waiting for approval, and how many services wait to be verified again; and what the
organisers' forms start from when they edit a listing."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.db.models import Q

from tejido.access.base import AnyUser
from tejido.access.directory import (
    can_manage_directory,
    visible_locations,
    visible_organizations,
    visible_recommendations,
    visible_services,
    visible_suggestions,
)
from tejido.core.choices import label
from tejido.core.errors import NotFound
from tejido.core.paging import ListPage, paginate
from tejido.directory.community_services import listing_path
from tejido.directory.models import (
    STALE_AFTER_DAYS,
    Attribute,
    Recommendation,
    Review,
    Suggestion,
    SuggestionState,
)
from tejido.directory.moments import today
from tejido.directory.selectors import as_uuid

QUEUE_PAGE = 25


@dataclass(frozen=True)
class QueueRow:
    id: int
    kind: str
    kind_label: str
    listing_name: str
    listing_url: str
    text: str
    author_name: str
    created_at: datetime


def _author(item: Suggestion | Recommendation) -> str:
    profile = getattr(item.author, "profile", None)
    return str(profile.chosen_name) if profile is not None else ""


def _listing(item: Suggestion | Recommendation) -> Any:
    return getattr(item, "service", None) or getattr(item, "organization", None) or item.business


def _rows(items: list[Any]) -> list[QueueRow]:
    rows = []
    for item in items:
        listing = _listing(item)
        is_suggestion = isinstance(item, Suggestion)
        rows.append(
            QueueRow(
                id=item.pk,
                kind=item.kind if is_suggestion else "recommendation",
                kind_label=label(item, "kind") if is_suggestion else "",
                listing_name=listing.shown("name"),
                listing_url=listing_path(listing),
                text=item.text if is_suggestion else item.note,
                author_name=_author(item),
                created_at=item.created_at,
            )
        )
    return rows


def _organiser_only(viewer: AnyUser | None) -> None:
    if not can_manage_directory(viewer):
        raise NotFound()


def list_open_suggestions(
    *, viewer: AnyUser | None, page: int | str | None = 1
) -> ListPage[QueueRow]:
    """The oldest first."""
    _organiser_only(viewer)
    suggestions = (
        visible_suggestions(viewer)
        .filter(state=SuggestionState.OPEN)
        .select_related("author__profile", "service", "organization", "business")
        .order_by("created_at", "id")
    )
    return paginate(suggestions, page, _rows, per_page=QUEUE_PAGE)


def list_pending_recommendations(
    *, viewer: AnyUser | None, page: int | str | None = 1
) -> ListPage[QueueRow]:
    _organiser_only(viewer)
    recommendations = (
        visible_recommendations(viewer)
        .filter(review=Review.PENDING)
        .select_related("author__profile", "service", "business")
        .order_by("created_at", "id")
    )
    return paginate(recommendations, page, _rows, per_page=QUEUE_PAGE)


def count_stale_services(*, viewer: AnyUser | None) -> int:
    _organiser_only(viewer)
    cutoff = today() - timedelta(days=STALE_AFTER_DAYS)
    return (
        visible_services(viewer)
        .filter(Q(assured_date__isnull=True) | Q(assured_date__lt=cutoff))
        .count()
    )


def count_waiting(*, viewer: AnyUser | None) -> int:
    """What waits in the queue (0 for anyone who is not an organiser)."""
    if not can_manage_directory(viewer):
        return 0
    suggestions = visible_suggestions(viewer).filter(state=SuggestionState.OPEN).count()
    return suggestions + visible_recommendations(viewer).filter(review=Review.PENDING).count()


# --- what the organisers' forms start from -------------------------------------------------------


def _translations_as_fields(translations: dict[str, dict[str, str]]) -> dict[str, str]:
    return {
        f"{name}_{lang}": text
        for lang, texts in (translations or {}).items()
        for name, text in texts.items()
    }


def organization_for_edit(*, viewer: AnyUser | None, organization_id: Any) -> dict[str, Any]:
    _organiser_only(viewer)
    found = visible_organizations(viewer).filter(pk=as_uuid(organization_id)).first()
    if found is None:
        raise NotFound()
    fields = ("name", "alternate_name", "description", "email", "website", "visibility")
    return {
        **{name: getattr(found, name) for name in fields},
        **_translations_as_fields(found.translations),
    }


SERVICE_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "status",
    "visibility",
    "url",
    "email",
    "eligibility_description",
    "application_process",
    "fees_description",
    "interpretation_services",
    "alert",
    "wait_time",
    "minimum_age",
    "maximum_age",
    "organization_id",
)


def service_for_edit(*, viewer: AnyUser | None, service_id: Any) -> dict[str, Any]:
    _organiser_only(viewer)
    found = (
        visible_services(viewer)
        .filter(pk=as_uuid(service_id))
        .prefetch_related(
            "languages", "phones", "schedules", "cost_options", "service_at_locations"
        )
        .first()
    )
    if found is None:
        raise NotFound()
    costs = [c.amount for c in found.cost_options.all() if c.amount is not None]
    return {
        **{name: getattr(found, name) for name in SERVICE_FIELDS},
        **_translations_as_fields(found.translations),
        "term_ids": list(
            Attribute.objects.filter(link_entity="service", link_id=found.pk).values_list(
                "taxonomy_term", flat=True
            )
        ),
        "language_codes": [lang.code for lang in found.languages.all()],
        "phones": "\n".join(phone.number for phone in found.phones.all()),
        "hours": [
            {
                "days": [d for d in s.byday.split(",") if d],
                "opens_at": s.opens_at,
                "closes_at": s.closes_at,
            }
            for s in found.schedules.all()
        ],
        "cost": costs[0] if costs else None,
        "location_ids": [p.location_id for p in found.service_at_locations.all()],
    }


def location_for_edit(*, viewer: AnyUser | None, location_id: Any) -> dict[str, Any]:
    _organiser_only(viewer)
    found = (
        visible_locations(viewer)
        .filter(pk=as_uuid(location_id))
        .prefetch_related("addresses", "accessibility")
        .first()
    )
    if found is None:
        raise NotFound()
    address = found.addresses.first()
    access = found.accessibility.first()
    values: dict[str, Any] = {
        name: getattr(found, name)
        for name in (
            "name",
            "description",
            "transportation",
            "visibility",
            "location_type",
            "url",
            "organization_id",
            "area_id",
        )
    }
    if address is not None:
        for name in ("address_1", "address_2", "city", "state_province", "postal_code", "country"):
            values[name] = getattr(address, name)
    values["accessibility"] = access.description if access is not None else ""
    return {**values, **_translations_as_fields(found.translations)}


def locations_list(*, viewer: AnyUser | None) -> list[tuple[UUID, str, str]]:
    """Every place organisers may deliver a service at: id, name, visibility."""
    _organiser_only(viewer)
    return list(
        visible_locations(viewer).order_by("name", "id").values_list("pk", "name", "visibility")
    )


def organizations_list(*, viewer: AnyUser | None) -> list[tuple[UUID, str]]:
    _organiser_only(viewer)
    return list(visible_organizations(viewer).order_by("sort_name", "id").values_list("pk", "name"))
