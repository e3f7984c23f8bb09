"""Listings as HSDS 3.0 records for a viewer: what the HSDS-shaped read API (visitors: the
public directory) answers. A record holds the specification's fields only, never ours (who
may see it, translations, who verified it); a service's places are those the viewer may see
(tejido.access.directory), and nothing else under a hidden place comes with it. The assurer's
email is never given: it names a person.

Fetch services through `service_record_queryset` and organisations, taxonomies and terms as
they are; each record is then built without further queries but the attributes' (one per
list)."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, time
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db.models import Model, Prefetch, QuerySet
from django.utils import timezone as django_timezone

from tejido.access.base import AnyUser
from tejido.access.directory import visible_locations, visible_services
from tejido.directory.models import (
    Attribute,
    Organization,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from tejido.directory.models.hours import network_zone

# Our own fields on the HSDS tables, never part of a record.
EXTENSIONS = frozenset(
    {
        "created_at",
        "updated_at",
        "visibility",
        "translations",
        "verified_by",
        "sort_name",
        "area",
        "position",
    }
)
WITHHELD = frozenset({"assurer_email"})


def hsds_fields(model: type[Model]) -> list[tuple[str, Any]]:
    """(HSDS name, model field) of a table's own fields, in the model's order: a foreign
    key by its column (`organization_id`, and `taxonomy_id` for a term's taxonomy)."""
    found = []
    for field in model._meta.concrete_fields:
        if field.name in EXTENSIONS:
            continue
        found.append((field.db_column or field.attname, field))
    return found


def _value(value: Any) -> Any:
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        return float(value)
    return value


def flat(obj: Model) -> dict[str, Any]:
    """The record's own fields; an empty text is null, as HSDS leaves what is not known."""
    record = {}
    for name, field in hsds_fields(type(obj)):
        value = getattr(obj, field.attname)
        record[name] = None if value == "" or name in WITHHELD else _value(value)
    return record


def _network_offset() -> float:
    offset = django_timezone.now().astimezone(network_zone()).utcoffset()
    return offset.total_seconds() / 3600 if offset is not None else 0.0


def _schedule(schedule: Any) -> dict[str, Any]:
    """A schedule with its UTC offset: one given with it, else the network's today."""
    record = flat(schedule)
    if record["timezone"] is None:
        record["timezone"] = _network_offset()
    return {**record, "attributes": [], "metadata": []}


def _phone(phone: Any) -> dict[str, Any]:
    languages = [_plain(language) for language in phone.languages.all()]
    return {**flat(phone), "languages": languages, "attributes": [], "metadata": []}


def _plain(obj: Model) -> dict[str, Any]:
    return {**flat(obj), "attributes": [], "metadata": []}


def _contact(contact: Any) -> dict[str, Any]:
    return {**_plain(contact), "phones": [_phone(p) for p in contact.phones.all()]}


def term_record(term: TaxonomyTerm) -> dict[str, Any]:
    detail = term.taxonomy_detail
    return {
        **flat(term),
        "taxonomy_detail": taxonomy_record(detail) if detail is not None else None,
        "metadata": [],
    }


def taxonomy_record(taxonomy: Taxonomy) -> dict[str, Any]:
    return {**flat(taxonomy), "metadata": []}


def attributes_of(entity: str, ids: Iterable[UUID]) -> dict[UUID, list[dict[str, Any]]]:
    """The attributes of these records of one table, with their terms: one query."""
    found: dict[UUID, list[dict[str, Any]]] = defaultdict(list)
    wanted = list(ids)
    if wanted:
        links = Attribute.objects.filter(link_entity=entity, link_id__in=wanted).select_related(
            "taxonomy_term__taxonomy_detail"
        )
        for link in links.order_by("taxonomy_term__position", "id"):
            found[link.link_id].append(
                {**flat(link), "taxonomy_term": term_record(link.taxonomy_term), "metadata": []}
            )
    return found


def organization_record(organization: Organization) -> dict[str, Any]:
    """An organisation's own fields (HSDS's organization_list shape)."""
    return flat(organization)


def service_record_queryset(
    viewer: AnyUser | None, services: QuerySet[Service], *, full: bool
) -> QuerySet[Service]:
    """`services` with what their records read: the organisation and program always; with
    `full`, everything a service record nests, its places only where the viewer sees them."""
    services = services.select_related("organization", "program")
    if not full:
        return services
    places = (
        ServiceAtLocation.objects.filter(location__in=visible_locations(viewer))
        .prefetch_related(
            "contacts__phones__languages",
            "phones__languages",
            "schedules",
            "location__addresses",
            "location__phones__languages",
            "location__schedules",
            "location__accessibility",
            "location__languages",
        )
        .select_related("location")
        .order_by("id")
    )
    return services.prefetch_related(
        Prefetch("service_at_locations", queryset=places, to_attr="visible_places"),
        "phones__languages",
        "schedules",
        "service_areas",
        "languages",
        "funding",
        "cost_options",
        "required_documents",
        "contacts__phones__languages",
    )


def service_summary(service: Service) -> dict[str, Any]:
    """HSDS's service_list shape: the service with its organisation and program."""
    program = service.program
    return {
        **flat(service),
        "organization": flat(service.organization),
        "program": flat(program) if program is not None else None,
    }


def _location(location: Any, attributes: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        **flat(location),
        "languages": [_plain(lang) for lang in location.languages.all()],
        "addresses": [_plain(address) for address in location.addresses.all()],
        "contacts": [],
        "accessibility": [_plain(item) for item in location.accessibility.all()],
        "phones": [_phone(p) for p in location.phones.all()],
        "schedules": [_schedule(s) for s in location.schedules.all()],
        "attributes": attributes,
        "metadata": [],
    }


def service_records(services: Iterable[Service]) -> list[dict[str, Any]]:
    """Whole service records (HSDS's service shape), for services fetched through
    `service_record_queryset` with `full`: two more queries, whatever their number."""
    services = list(services)
    attributes = attributes_of("service", [s.id for s in services])
    places = [p for s in services for p in getattr(s, "visible_places", [])]
    place_attributes = attributes_of("location", [p.location_id for p in places])
    records = []
    for service in services:
        located = [
            {
                **flat(place),
                "contacts": [_contact(c) for c in place.contacts.all()],
                "phones": [_phone(p) for p in place.phones.all()],
                "schedules": [_schedule(s) for s in place.schedules.all()],
                "location": _location(place.location, place_attributes[place.location_id]),
                "attributes": [],
                "metadata": [],
            }
            for place in getattr(service, "visible_places", [])
        ]
        records.append(
            {
                **service_summary(service),
                "phones": [_phone(p) for p in service.phones.all()],
                "schedules": [_schedule(s) for s in service.schedules.all()],
                "service_areas": [_plain(area) for area in service.service_areas.all()],
                "service_at_locations": located,
                "languages": [_plain(lang) for lang in service.languages.all()],
                "funding": [_plain(item) for item in service.funding.all()],
                "cost_options": [_plain(cost) for cost in service.cost_options.all()],
                "required_documents": [_plain(d) for d in service.required_documents.all()],
                "contacts": [_contact(c) for c in service.contacts.all()],
                "attributes": attributes[service.id],
                "metadata": [],
            }
        )
    return records


def organization_detail(viewer: AnyUser | None, organization: Organization) -> dict[str, Any]:
    """An organisation with what it nests in HSDS (its services as service_list records, its
    places the viewer sees, its phones, contacts and programs)."""
    services = service_record_queryset(
        viewer, visible_services(viewer).filter(organization=organization.pk), full=False
    )
    places = list(
        visible_locations(viewer)
        .filter(organization=organization.pk)
        .prefetch_related(
            "addresses", "phones__languages", "schedules", "accessibility", "languages"
        )
        .order_by("id")
    )
    place_attributes = attributes_of("location", [p.id for p in places])
    return {
        **flat(organization),
        "funding": [_plain(item) for item in organization.funding.all()],
        "contacts": [
            _contact(c) for c in organization.contacts.prefetch_related("phones__languages")
        ],
        "phones": [_phone(p) for p in organization.phones.prefetch_related("languages")],
        "locations": [_location(p, place_attributes[p.id]) for p in places],
        "programs": [_plain(program) for program in organization.programs.all()],
        "organization_identifiers": [
            _plain(item) for item in organization.organization_identifiers.all()
        ],
        "attributes": attributes_of("organization", [organization.id])[organization.id],
        "metadata": [],
        "services": [service_summary(s) for s in services.order_by("sort_name", "id")],
    }
