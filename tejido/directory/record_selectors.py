"""Reads for the HSDS-shaped API: listings as HSDS records for the viewer (the public API
asks as a visitor: public listings only), searched and paged as the HSDS API pages them."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import Q

from tejido.access.base import AnyUser
from tejido.access.directory import (
    visible_organizations,
    visible_service_at_locations,
    visible_services,
)
from tejido.access.hsds_records import (
    flat,
    organization_detail,
    organization_record,
    service_record_queryset,
    service_records,
    service_summary,
    taxonomy_record,
    term_record,
)
from tejido.core.clock import now
from tejido.core.errors import NotFound
from tejido.core.paging import ListPage, paginate
from tejido.core.search import query_words
from tejido.directory.models import Attribute, Taxonomy, TaxonomyTerm
from tejido.directory.selectors import ServiceFilters, filtered_services


@dataclass(frozen=True)
class RecordFilters:
    search: str = ""
    taxonomy_term_id: UUID | None = None
    taxonomy_id: UUID | None = None
    organization_id: UUID | None = None
    modified_after: datetime | None = None


def _services(viewer: AnyUser | None, filters: RecordFilters) -> Any:
    services = filtered_services(
        viewer,
        ServiceFilters(q=filters.search, organization=filters.organization_id),
        moment=now(),
    )
    if filters.taxonomy_term_id:
        services = services.filter(pk__in=_linked(Q(taxonomy_term=filters.taxonomy_term_id)))
    if filters.taxonomy_id:
        services = services.filter(
            pk__in=_linked(Q(taxonomy_term__taxonomy_detail=filters.taxonomy_id))
        )
    if filters.modified_after:
        services = services.filter(last_modified__gte=filters.modified_after)
    return services


def _linked(condition: Q) -> Any:
    return Attribute.objects.filter(condition, link_entity="service").values("link_id")


def list_service_records(
    *, viewer: AnyUser | None, filters: RecordFilters, page: int, per_page: int
) -> ListPage[dict[str, Any]]:
    services = service_record_queryset(viewer, _services(viewer, filters), full=False)
    return paginate(
        services, page, lambda found: [service_summary(s) for s in found], per_page=per_page
    )


def get_service_record(*, viewer: AnyUser | None, service_id: UUID) -> dict[str, Any]:
    found = service_record_queryset(viewer, visible_services(viewer), full=True).filter(
        pk=service_id
    )
    records = service_records(found)
    if not records:
        raise NotFound()
    return records[0]


def list_service_at_location_records(
    *, viewer: AnyUser | None, filters: RecordFilters, page: int, per_page: int
) -> ListPage[dict[str, Any]]:
    """Each place a service is delivered at, as HSDS's service_at_location_list: the pair of
    ids with the service's summary."""
    places = (
        visible_service_at_locations(viewer)
        .filter(service__in=_services(viewer, filters))
        .select_related("service__organization", "service__program", "location")
    )
    return paginate(
        places.order_by("service__sort_name", "id"),
        page,
        lambda found: [_place_record(place) for place in found],
        per_page=per_page,
    )


def _place_record(place: Any) -> dict[str, Any]:
    return {
        **flat(place),
        "service": service_summary(place.service),
        "location": flat(place.location),
    }


def get_service_at_location_record(*, viewer: AnyUser | None, record_id: UUID) -> dict[str, Any]:
    place = visible_service_at_locations(viewer).filter(pk=record_id).first()
    if place is None:
        raise NotFound()
    return get_service_record(viewer=viewer, service_id=place.service_id)


def list_organization_records(
    *, viewer: AnyUser | None, search: str, page: int, per_page: int
) -> ListPage[dict[str, Any]]:
    organizations = visible_organizations(viewer)
    for word in query_words(search):
        organizations = organizations.filter(sort_name__contains=word)
    return paginate(
        organizations.order_by("sort_name", "id"),
        page,
        lambda found: [organization_record(o) for o in found],
        per_page=per_page,
    )


def get_organization_record(*, viewer: AnyUser | None, organization_id: UUID) -> dict[str, Any]:
    found = visible_organizations(viewer).filter(pk=organization_id).first()
    if found is None:
        raise NotFound()
    return organization_detail(viewer, found)


def _named(found: Any, search: str, *, by_code: bool = False) -> Any:
    """Those whose name (or code) holds every word of `search`, case aside."""
    for word in search.split():
        matches = Q(name__icontains=word)
        found = found.filter(matches | Q(code__icontains=word) if by_code else matches)
    return found


def list_taxonomy_records(*, search: str, page: int, per_page: int) -> ListPage[dict[str, Any]]:
    """Taxonomies are public: they name kinds of service, never a listing."""
    return paginate(
        _named(Taxonomy.objects.all(), search).order_by("name", "id"),
        page,
        lambda found: [taxonomy_record(t) for t in found],
        per_page=per_page,
    )


def get_taxonomy_record(*, taxonomy_id: UUID) -> dict[str, Any]:
    found = Taxonomy.objects.filter(pk=taxonomy_id).first()
    if found is None:
        raise NotFound()
    return taxonomy_record(found)


def list_term_records(
    *,
    search: str,
    taxonomy_id: UUID | None,
    parent_id: UUID | None,
    top_only: bool,
    page: int,
    per_page: int,
) -> ListPage[dict[str, Any]]:
    terms = _named(TaxonomyTerm.objects.select_related("taxonomy_detail"), search, by_code=True)
    if taxonomy_id:
        terms = terms.filter(taxonomy_detail=taxonomy_id)
    if parent_id:
        terms = terms.filter(parent=parent_id)
    if top_only:
        terms = terms.filter(parent__isnull=True)
    return paginate(
        terms.order_by("taxonomy_detail", "position", "name", "id"),
        page,
        lambda found: [term_record(t) for t in found],
        per_page=per_page,
    )


def get_term_record(*, term_id: UUID) -> dict[str, Any]:
    found = TaxonomyTerm.objects.select_related("taxonomy_detail").filter(pk=term_id).first()
    if found is None:
        raise NotFound()
    return term_record(found)
