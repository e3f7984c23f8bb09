"""Every write organisers make to the HSDS listings: organisations, services and places
(locations with their address), and verifying a service. Each is audited, keeps the HSDS
`last_modified`, and makes the search words of the services it touches again.

A service's form edits what it shows: its own phones, opening hours, cost and languages are
replaced by what is given; anything else an HSDS import brought (contacts, a second cost
option's conditions …) stays as it was."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import time
from typing import Any, cast
from uuid import UUID

from django.db import transaction
from django.utils.translation import gettext

from tejido.access.base import AnyUser
from tejido.access.directory import can_manage_directory
from tejido.accounts.choices import LANGUAGE_CODES
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotFound
from tejido.core.text import TextRule
from tejido.directory.cleaning import (
    LONG_TEXT,
    NAME,
    OPTIONAL_NAME,
    SHORT_TEXT,
    Cleaner,
    apply_changes,
)
from tejido.directory.errors import BadDays, BadHours
from tejido.directory.indexing import index_services, services_at, services_of
from tejido.directory.models import (
    Accessibility,
    Address,
    Attribute,
    CostOption,
    Language,
    Location,
    LocationType,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    TaxonomyTerm,
    Visibility,
    Weekday,
)
from tejido.directory.moments import today
from tejido.membership.checks import require_organiser
from tejido.network.models import Area

TRANSLATED = {"name": OPTIONAL_NAME, "description": LONG_TEXT}
PHONE = TextRule.of_column(Phone, "number")
REQUIRED_TEXT = TextRule(6000, required=True, multiline=True)


def _organiser(actor: AnyUser) -> User:
    if not can_manage_directory(actor):
        raise NotFound()
    return require_organiser(actor)


def _locked[M: Organization | Service | Location](model: type[M], pk: UUID | None) -> M | None:
    if pk is None:
        return None
    found = model._default_manager.select_for_update().filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return cast(M, found)


def _save(obj: Any, values: Mapping[str, Any], *, actor: User, created: bool, action: str) -> None:
    changed = apply_changes(obj, values)
    obj.save()
    record_action(
        actor=actor,
        action=f"directory.{action}_{'create' if created else 'update'}",
        target=obj,
        detail={"id": str(obj.pk)} if created else {"id": str(obj.pk), "changed": changed},
    )


# --- organisations -------------------------------------------------------------------------------


@transaction.atomic
def save_organization(
    *, actor: AnyUser, organization_id: UUID | None = None, **fields: Any
) -> Organization:
    """Make an organisation (no id) or change one: name, alternate_name, description, email,
    website, visibility, and name_<lang> / description_<lang> translations."""
    organiser = _organiser(actor)
    organization = _locked(Organization, organization_id) or Organization()
    created = organization_id is None
    cleaner = Cleaner()
    if created:
        fields = {"name": "", "description": "", **fields}
    cleaner.texts(
        fields,
        {"name": NAME, "alternate_name": OPTIONAL_NAME, "description": REQUIRED_TEXT},
    )
    cleaner.email(fields, "email")
    cleaner.url(fields, "website")
    cleaner.choice(fields, "visibility", Visibility)
    cleaner.translations(fields, TRANSLATED, kept=organization.translations)
    _save(organization, cleaner.done(), actor=organiser, created=created, action="organization")
    index_services(services_of([organization.pk]))
    return organization


# --- services ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hours:
    """One line of opening hours a form gives: the days, and from when to when."""

    days: Sequence[str]
    opens_at: time | None
    closes_at: time | None


SERVICE_TEXTS = {
    "alternate_name": OPTIONAL_NAME,
    "description": LONG_TEXT,
    "eligibility_description": LONG_TEXT,
    "application_process": LONG_TEXT,
    "fees_description": LONG_TEXT,
    "interpretation_services": LONG_TEXT,
    "alert": LONG_TEXT,
    "wait_time": SHORT_TEXT,
}
SERVICE_TRANSLATED = {
    "name": OPTIONAL_NAME,
    "description": LONG_TEXT,
    "eligibility_description": LONG_TEXT,
    "application_process": LONG_TEXT,
}


def _clean_service(fields: Mapping[str, Any], service: Service) -> dict[str, Any]:
    cleaner = Cleaner()
    cleaner.texts(fields, {"name": NAME, **SERVICE_TEXTS})
    cleaner.url(fields, "url")
    cleaner.email(fields, "email")
    cleaner.choice(fields, "status", ServiceStatus)
    cleaner.choice(fields, "visibility", Visibility)
    cleaner.number(fields, "minimum_age")
    cleaner.number(fields, "maximum_age")
    cleaner.amount(fields, "cost")
    cleaner.translations(fields, SERVICE_TRANSLATED, kept=service.translations)
    values = cleaner.done()
    low, high = values.get("minimum_age"), values.get("maximum_age")
    if low is not None and high is not None and high < low:
        raise InvalidInput(
            detail={"maximum_age": gettext("The maximum age must not be below the minimum.")}
        )
    return values


def clean_hours(hours: Iterable[Hours]) -> list[Hours]:
    """The lines given, less the empty ones; a line with days but no times (or times but no
    days) is refused. A service's hours and a business's are checked alike."""
    kept = []
    for line in hours:
        if not line.days and line.opens_at is None and line.closes_at is None:
            continue
        if line.opens_at is None or line.closes_at is None:
            raise BadHours(detail={"hours": str(BadHours.message)})
        if not line.days or set(line.days) - set(Weekday.values):
            raise BadDays(detail={"hours": str(BadDays.message)})
        kept.append(line)
    return kept


def _known_ids(model: Any, ids: Iterable[Any], field: str) -> list[Any]:
    wanted = list(dict.fromkeys(ids))
    found = set(model.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    if len(found) != len(wanted):
        raise InvalidInput(detail={field: gettext("Choose from the list.")})
    return wanted


@transaction.atomic
def save_service(
    *,
    actor: AnyUser,
    organization_id: UUID,
    service_id: UUID | None = None,
    term_ids: Iterable[UUID] = (),
    language_codes: Iterable[str] = (),
    phones: Iterable[str] = (),
    hours: Iterable[Hours] = (),
    location_ids: Iterable[UUID] = (),
    **fields: Any,
) -> Service:
    """Make a service of an organisation (no id) or change one. `term_ids` are its
    categories and attributes, `location_ids` the places it is delivered at; `cost` is an
    amount (0 for free) or None for none given. Everything else is a Service field."""
    organiser = _organiser(actor)
    organization = Organization.objects.filter(pk=organization_id).first()
    if organization is None:
        raise InvalidInput(detail={"organization_id": gettext("Choose an organisation.")})
    service = _locked(Service, service_id) or Service()
    created = service_id is None
    values = _clean_service({"name": "", **fields} if created else fields, service)
    terms = _known_ids(TaxonomyTerm, term_ids, "term_ids")
    places = _known_ids(Location, location_ids, "location_ids")
    codes = list(dict.fromkeys(language_codes))
    if set(codes) - LANGUAGE_CODES:
        raise InvalidInput(detail={"language_codes": gettext("Choose from the list.")})
    numbers = [PHONE.clean(number, field="phones") for number in phones]
    lines = clean_hours(hours)
    cost = values.pop("cost", None)
    values["organization"] = organization
    values["last_modified"] = now()
    _save(service, values, actor=organiser, created=created, action="service")
    _replace_terms(service, terms)
    Language.objects.filter(service=service).delete()
    Language.objects.bulk_create(Language(service=service, code=code) for code in codes)
    Phone.objects.filter(service=service).delete()
    Phone.objects.bulk_create(Phone(service=service, number=n) for n in numbers if n)
    Schedule.objects.filter(service=service).delete()
    Schedule.objects.bulk_create(
        Schedule(
            service=service,
            freq="WEEKLY",
            byday=",".join(line.days),
            opens_at=line.opens_at,
            closes_at=line.closes_at,
        )
        for line in lines
    )
    _replace_cost(service, cost)
    ServiceAtLocation.objects.filter(service=service).exclude(location__in=places).delete()
    already = set(
        ServiceAtLocation.objects.filter(service=service).values_list("location", flat=True)
    )
    ServiceAtLocation.objects.bulk_create(
        ServiceAtLocation(service=service, location_id=pk) for pk in places if pk not in already
    )
    index_services([service.pk])
    return service


def _replace_terms(service: Service, terms: list[UUID]) -> None:
    links = Attribute.objects.filter(link_entity="service", link_id=service.pk)
    links.exclude(taxonomy_term__in=terms).delete()
    already = set(links.values_list("taxonomy_term", flat=True))
    Attribute.objects.bulk_create(
        Attribute(link_entity="service", link_id=service.pk, taxonomy_term_id=term)
        for term in terms
        if term not in already
    )


def _replace_cost(service: Service, cost: Any) -> None:
    """The form's one amount: 0 is free; None leaves the service without a price."""
    CostOption.objects.filter(service=service).delete()
    if cost is not None:
        CostOption.objects.create(service=service, amount=cost, currency="EUR")


@transaction.atomic
def verify_service(*, actor: AnyUser, service_id: UUID) -> Service:
    """The organiser checked the service is right today: it is no longer stale."""
    organiser = _organiser(actor)
    service = _locked(Service, service_id)
    assert service is not None
    service.assured_date = today()
    service.verified_by = organiser
    service.save(update_fields=["assured_date", "verified_by", "updated_at"])
    record_action(
        actor=organiser,
        action="directory.service_verify",
        target=service,
        detail={"id": str(service.pk)},
    )
    return service


# --- places --------------------------------------------------------------------------------------

ADDRESS_LINE = TextRule(300)
ADDRESS_TEXTS = {
    "address_1": ADDRESS_LINE,
    "address_2": ADDRESS_LINE,
    "city": SHORT_TEXT,
    "state_province": SHORT_TEXT,
    "postal_code": TextRule.of_column(Address, "postal_code"),
}
LOCATION_TRANSLATED = {"name": OPTIONAL_NAME, "transportation": LONG_TEXT}
# A country is given by its two letters (ISO 3166-1 alpha-2), as the address column holds it.
COUNTRY_LETTERS = Address._meta.get_field("country").max_length or 2


@transaction.atomic
def save_location(
    *,
    actor: AnyUser,
    location_id: UUID | None = None,
    organization_id: UUID | None = None,
    area_id: int | None = None,
    accessibility: str = "",
    **fields: Any,
) -> Location:
    """Make a place (no id) or change one: name, description, transportation (directions in
    words), visibility, location_type, url, its area, its accessibility in words, and its
    address (address_1, address_2, city, state_province, postal_code, country)."""
    organiser = _organiser(actor)
    location = _locked(Location, location_id) or Location()
    created = location_id is None
    cleaner = Cleaner()
    cleaner.texts(
        fields,
        {"name": NAME, "description": LONG_TEXT, "transportation": LONG_TEXT, **ADDRESS_TEXTS},
    )
    cleaner.choice(fields, "visibility", Visibility)
    cleaner.choice(fields, "location_type", LocationType)
    cleaner.url(fields, "url")
    cleaner.translations(fields, LOCATION_TRANSLATED, kept=location.translations)
    described = Cleaner()
    described.text({"accessibility": accessibility}, "accessibility", LONG_TEXT)
    values = {**cleaner.done(), **described.done()}
    address = {name: values.pop(name) for name in ADDRESS_TEXTS if name in values}
    country = str(fields.get("country") or "ES").strip().upper()
    if len(country) != COUNTRY_LETTERS or not country.isalpha():
        raise InvalidInput(detail={"country": gettext("Enter the country's two letters (ES).")})
    values["organization"] = (
        Organization.objects.filter(pk=organization_id).first() if organization_id else None
    )
    values["area"] = Area.objects.filter(pk=area_id).first() if area_id is not None else None
    access_text = values.pop("accessibility")
    _save(location, values, actor=organiser, created=created, action="location")
    _replace_address(location, address, country)
    Accessibility.objects.filter(location=location).delete()
    if access_text:
        Accessibility.objects.create(location=location, description=access_text)
    index_services(services_at([location.pk]))
    return location


def _replace_address(location: Location, address: dict[str, str], country: str) -> None:
    """HSDS asks an address for its street, city, province and postal code together."""
    if not address.get("address_1"):
        Address.objects.filter(location=location).delete()
        return
    missing = [name for name in ("city", "state_province", "postal_code") if not address.get(name)]
    if missing:
        raise InvalidInput(detail={name: gettext("This field is required.") for name in missing})
    kept = Address.objects.filter(location=location).first() or Address(location=location)
    for name, value in address.items():
        setattr(kept, name, value)
    kept.country = country
    kept.save()
