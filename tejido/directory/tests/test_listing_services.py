"""Organisers make, edit and verify listings: bad input changes nothing and says what is
wrong, every write is audited and found by search at once, and nobody else may write."""

from datetime import date, time
from decimal import Decimal

import pytest
import time_machine

from tejido.audit.models import AuditEntry
from tejido.core.errors import InvalidInput, NotFound
from tejido.directory.factories import (
    LocationFactory,
    OrganizationFactory,
    ServiceFactory,
    term,
)
from tejido.directory.listing_services import (
    Hours,
    save_location,
    save_organization,
    save_service,
    verify_service,
)
from tejido.directory.models import (
    Address,
    Attribute,
    CostOption,
    Organization,
    Schedule,
    Service,
    ServiceAtLocation,
    Visibility,
)
from tejido.directory.selectors import ServiceFilters, get_service, list_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser(make_user):
    return make_user(role="organiser")


def test_an_organiser_lists_a_service_that_search_finds_at_once(organiser):
    organization = save_organization(
        actor=organiser,
        name="Colectivo Arcoíris",
        description="Apoyo mutuo.",
        visibility=Visibility.PUBLIC,
    )
    place = save_location(
        actor=organiser,
        organization_id=organization.pk,
        name="Local del colectivo",
        visibility=Visibility.PUBLIC,
        address_1="Calle Mayor 1",
        city="Madrid",
        state_province="Madrid",
        postal_code="28013",
        accessibility="Entrada sin escalones.",
    )
    service = save_service(
        actor=organiser,
        organization_id=organization.pk,
        name="Asesoría laboral",
        description="Orientación para encontrar empleo.",
        visibility=Visibility.PUBLIC,
        term_ids=[term("employment").pk, term("free").pk],
        language_codes=["es", "en"],
        phones=["+34 600 000 000"],
        hours=[Hours(days=["MO", "WE"], opens_at=time(10), closes_at=time(14))],
        location_ids=[place.pk],
        cost=Decimal("0"),
        name_en="Careers advice",
    )
    found = list_services(viewer=None, filters=ServiceFilters(q="asesoria laboral"))
    assert [card.id for card in found] == [service.pk]
    assert [card.id for card in list_services(viewer=None, filters=ServiceFilters(q="careers"))]
    detail = get_service(viewer=None, service_id=str(service.pk))
    assert [c.code for c in detail.card.categories] == ["employment"]
    assert detail.card.free
    assert detail.phones == ("+34 600 000 000",)
    assert detail.places[0].address_lines == ("Calle Mayor 1, 28013 Madrid, Madrid",)
    assert detail.places[0].accessibility == ("Entrada sin escalones.",)
    assert detail.hours[0].days == ("MO", "WE")
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert actions == {
        "directory.organization_create",
        "directory.location_create",
        "directory.service_create",
    }


def test_editing_replaces_what_the_form_shows(organiser):
    service = ServiceFactory()
    first, second = LocationFactory(), LocationFactory()
    ServiceAtLocation.objects.create(service=service, location=first)
    Attribute.objects.create(link_entity="service", link_id=service.pk, taxonomy_term=term("food"))
    save_service(
        actor=organiser,
        organization_id=service.organization_id,
        service_id=service.pk,
        term_ids=[term("housing").pk],
        location_ids=[second.pk],
        hours=[Hours(days=["FR"], opens_at=time(9), closes_at=time(12))],
        cost=Decimal("5"),
    )
    codes = Attribute.objects.filter(link_id=service.pk).values_list(
        "taxonomy_term__code", flat=True
    )
    assert list(codes) == ["housing"]
    assert list(
        ServiceAtLocation.objects.filter(service=service).values_list("location", flat=True)
    ) == [second.pk]
    assert Schedule.objects.get(service=service).byday == "FR"
    assert CostOption.objects.get(service=service).amount == Decimal("5.00")
    assert AuditEntry.objects.get().action == "directory.service_update"


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"name": ""}, "name"),
        ({"name": "Bien", "url": "javascript:alert(1)"}, "url"),
        ({"name": "Bien", "email": "no es un correo"}, "email"),
        ({"name": "Bien", "visibility": "everyone"}, "visibility"),
        ({"name": "Bien", "minimum_age": "doce"}, "minimum_age"),
        ({"name": "Bien", "minimum_age": 30, "maximum_age": 18}, "maximum_age"),
        ({"name": "Bien", "cost": "gratis"}, "cost"),
        ({"name": "Bien", "term_ids": ["00000000-0000-0000-0000-000000000000"]}, "term_ids"),
        ({"name": "Bien", "language_codes": ["xx"]}, "language_codes"),
        (
            {"name": "Bien", "hours": [Hours(days=["MO"], opens_at=time(9), closes_at=None)]},
            "hours",
        ),
        (
            {"name": "Bien", "hours": [Hours(days=["XX"], opens_at=time(9), closes_at=time(10))]},
            "hours",
        ),
    ],
)
def test_bad_input_changes_nothing(organiser, fields, problem):
    organization = OrganizationFactory()
    with pytest.raises(InvalidInput) as raised:
        save_service(actor=organiser, organization_id=organization.pk, **fields)
    assert problem in raised.value.detail
    assert not Service.objects.exists()
    assert not AuditEntry.objects.exists()


def test_an_address_needs_its_town_and_a_country_of_two_letters(organiser):
    with pytest.raises(InvalidInput) as raised:
        save_location(actor=organiser, name="Sitio", address_1="Calle 1")
    assert set(raised.value.detail) == {"city", "state_province", "postal_code"}
    with pytest.raises(InvalidInput) as raised:
        save_location(actor=organiser, name="Sitio", country="España")
    assert "country" in raised.value.detail
    assert not Address.objects.exists()


def test_only_organisers_write_listings(make_user):
    organization = OrganizationFactory()
    for person in (None, make_user(role="applicant"), make_user()):
        with pytest.raises(NotFound):
            save_organization(actor=person, name="Otro", description="x")
        with pytest.raises(NotFound):
            save_service(actor=person, organization_id=organization.pk, name="Otro")
        with pytest.raises(NotFound):
            save_location(actor=person, name="Otro")
    assert Organization.objects.count() == 1


def test_verifying_a_service_makes_it_fresh_and_says_who(organiser, make_user):
    service = ServiceFactory(assured_date=date(2024, 1, 1))
    with time_machine.travel("2026-03-04 10:00 +01:00", tick=False):
        assert get_service(viewer=None, service_id=service.pk).card.stale
        verify_service(actor=organiser, service_id=service.pk)
        for_visitor = get_service(viewer=None, service_id=service.pk).card
        for_member = get_service(viewer=make_user(), service_id=service.pk).card
    assert not for_visitor.stale
    assert for_visitor.assured_date == date(2026, 3, 4)
    assert for_visitor.verified_by_name is None
    assert for_member.verified_by_name == organiser.profile.chosen_name
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.detail["id"]) == ("directory.service_verify", str(service.pk))


def test_a_missing_service_and_a_hidden_one_are_the_same_not_found(make_user):
    hidden = ServiceFactory(visibility=Visibility.ORGANISERS)
    member = make_user()
    for missing in (hidden.pk, "00000000-0000-0000-0000-000000000000", "not-a-uuid"):
        with pytest.raises(NotFound):
            get_service(viewer=member, service_id=missing)
