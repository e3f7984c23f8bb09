"""Listings as HSDS records, viewer by viewer: a service's record (and an organisation's) holds
the specification's fields only, never ours, never the assurer's address; it nests the places
the viewer may see and nothing under a hidden one; a visitor gets the public listings, a vetted
member the members' too, an organiser every one. Values are in HSDS's terms: ids and dates as
text, times as HH:MM, amounts as numbers, an empty text as null, a schedule's UTC offset from
the network's zone when it gives none."""

import json
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tejido.access.directory import visible_organizations, visible_services
from tejido.access.hsds_records import (
    EXTENSIONS,
    attributes_of,
    organization_detail,
    organization_record,
    service_record_queryset,
    service_records,
    service_summary,
    taxonomy_record,
    term_record,
)
from tejido.directory.factories import (
    AddressFactory,
    LocationFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    tag,
    term,
)
from tejido.directory.models import (
    CATEGORIES_ID,
    Accessibility,
    Attribute,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    OrganizationIdentifier,
    Phone,
    Program,
    RequiredDocument,
    Schedule,
    ServiceArea,
    TaxonomyTerm,
    Visibility,
)
from tejido.directory.models.hours import network_zone

pytestmark = pytest.mark.django_db

PLACES = {
    Visibility.PUBLIC: ("Sede", "Calle Pública 1"),
    Visibility.MEMBERS: ("Local de socias", "Calle Socias 2"),
    Visibility.ORGANISERS: ("Piso refugio", "Calle Oculta 3"),
}
SERVICES = {
    Visibility.PUBLIC: "Asesoría jurídica",
    Visibility.MEMBERS: "Grupo de apoyo",
    Visibility.ORGANISERS: "Acogida de urgencia",
}
VIEWERS = {"visitor": None, "member": "member", "organiser": "organiser"}


@pytest.fixture
def listed(make_user):
    """A public organisation with a service of each visibility; the public one is offered at
    a place of each visibility, with every detail HSDS nests."""
    organization = OrganizationFactory(name="Colectivo Arcoíris", email="hola@example.org")
    program = Program.objects.create(
        organization=organization, name="Programa jurídico", description="Asesoría."
    )
    services = {
        visibility: ServiceFactory(organization=organization, name=name, visibility=visibility)
        for visibility, name in SERVICES.items()
    }
    service = services[Visibility.PUBLIC]
    service.program = program
    service.assured_date = date(2026, 1, 15)
    service.assurer_email = "verifica@example.org"
    service.last_modified = datetime(2026, 2, 1, 9, 30, tzinfo=UTC)
    service.minimum_age = 16
    service.save()
    tag(service, "legal")
    Phone.objects.create(service=service, number="600 000 000")
    ScheduleFactory(service=service)
    ScheduleFactory(service=service, timezone=Decimal("-5"), valid_from=date(2026, 1, 1))
    ServiceArea.objects.create(service=service, name="Madrid")
    Language.objects.create(service=service, code="es", name="Español")
    Funding.objects.create(service=service, source="Ayuntamiento")
    CostOption.objects.create(service=service, amount=Decimal("12.50"), currency="EUR")
    RequiredDocument.objects.create(service=service, document="Ninguno")
    lawyer = Contact.objects.create(service=service, name="Lucía", title="Abogada")
    Phone.objects.create(contact=lawyer, number="600 000 001")
    # A term named by an established taxonomy's name only: HSDS's `taxonomy`, no detail.
    outside = TaxonomyTerm.objects.create(
        code="ext-1", name="Término externo", description="", taxonomy="Otra taxonomía"
    )
    places: dict[str, Location] = {}
    for visibility, (name, street) in PLACES.items():
        place = LocationFactory(
            organization=organization,
            name=name,
            visibility=visibility,
            latitude=Decimal("40.416775"),
        )
        AddressFactory(location=place, address_1=street)
        Accessibility.objects.create(location=place, description="Rampa")
        Language.objects.create(location=place, code="en", name="English")
        line = Phone.objects.create(location=place, number=f"91 000 00{len(places)}")
        Language.objects.create(phone=line, code="es", name="Español")
        Schedule.objects.create(location=place, byday="SA", opens_at=time(10, 30))
        Attribute.objects.create(link_entity="location", link_id=place.pk, taxonomy_term=outside)
        at = ServiceAtLocationFactory(service=service, location=place)
        desk = Contact.objects.create(service_at_location=at, name=f"Mostrador {name}")
        Phone.objects.create(contact=desk, number="600 111 111")
        Phone.objects.create(service_at_location=at, number="600 222 222")
        Schedule.objects.create(service_at_location=at, byday="MO", opens_at=time(9))
        places[visibility] = place
    Funding.objects.create(organization=organization, source="Fundación")
    chair = Contact.objects.create(organization=organization, name="Marta")
    Phone.objects.create(contact=chair, number="600 333 333")
    Phone.objects.create(organization=organization, number="91 999 99 99")
    OrganizationIdentifier.objects.create(
        organization=organization, identifier_type="NIF", identifier="G00000000"
    )
    Attribute.objects.create(
        link_entity="organization", link_id=organization.pk, taxonomy_term=term("lgbtq-led")
    )
    return {
        "organization": organization,
        "program": program,
        "services": services,
        "places": places,
        "people": {"visitor": None, "member": make_user(), "organiser": make_user("organiser")},
    }


def _records(viewer, services=None):
    shown = visible_services(viewer) if services is None else services
    return service_records(service_record_queryset(viewer, shown, full=True).order_by("sort_name"))


def _sees(visibility) -> set[str]:
    """Who sees something of this visibility."""
    return {
        Visibility.PUBLIC: {"visitor", "member", "organiser"},
        Visibility.MEMBERS: {"member", "organiser"},
        Visibility.ORGANISERS: {"organiser"},
    }[visibility]


@pytest.mark.parametrize("who", list(VIEWERS))
def test_each_viewer_gets_the_services_and_places_they_may_see(listed, who):
    viewer = listed["people"][who]
    records = {r["name"]: r for r in _records(viewer)}
    assert set(records) == {SERVICES[v] for v in Visibility if who in _sees(v)}
    public = records[SERVICES[Visibility.PUBLIC]]
    located = public["service_at_locations"]
    assert {p["location"]["name"] for p in located} == {
        PLACES[v][0] for v in Visibility if who in _sees(v)
    }
    text = json.dumps(records, ensure_ascii=False)
    for visibility, (name, street) in PLACES.items():
        assert (street in text) == (who in _sees(visibility))
        assert (f"Mostrador {name}" in text) == (who in _sees(visibility))
    for place in located:
        assert place["service_id"] == public["id"]
        assert place["location_id"] == place["location"]["id"]
        assert place["contacts"][0]["phones"][0]["number"] == "600 111 111"
        assert place["phones"][0]["number"] == "600 222 222"
        assert (place["schedules"][0]["byday"], place["schedules"][0]["opens_at"]) == (
            "MO",
            "09:00",
        )
        assert place["attributes"] == place["metadata"] == []


def test_a_record_holds_hsds_fields_in_hsds_terms_and_never_ours(listed):
    service = listed["services"][Visibility.PUBLIC]
    (record,) = _records(None, visible_services(None).filter(pk=service.pk))
    # Every value is JSON's own: ids, dates and times as text, amounts as numbers.
    assert json.loads(json.dumps(record)) == record
    assert not EXTENSIONS & set(record)
    assert record["id"] == str(service.pk)
    assert record["organization_id"] == str(listed["organization"].pk)
    assert record["assurer_email"] is None  # it names a person
    assert record["alternate_name"] is None  # an empty text is not known
    assert record["assured_date"] == "2026-01-15"
    assert record["last_modified"] == "2026-02-01T09:30:00+00:00"
    assert record["minimum_age"] == 16
    assert record["status"] == "active"
    assert record["organization"]["name"] == "Colectivo Arcoíris"
    assert record["program"]["name"] == "Programa jurídico"
    assert record["program"]["organization_id"] == str(listed["organization"].pk)
    assert [p["number"] for p in record["phones"]] == ["600 000 000"]
    assert [a["name"] for a in record["service_areas"]] == ["Madrid"]
    assert [lang["code"] for lang in record["languages"]] == ["es"]
    assert [f["source"] for f in record["funding"]] == ["Ayuntamiento"]
    assert [(c["amount"], c["currency"]) for c in record["cost_options"]] == [(12.5, "EUR")]
    assert [d["document"] for d in record["required_documents"]] == ["Ninguno"]
    (lawyer,) = record["contacts"]
    assert (lawyer["name"], lawyer["phones"][0]["number"]) == ("Lucía", "600 000 001")
    assert record["metadata"] == []
    (attribute,) = record["attributes"]
    assert (attribute["link_entity"], attribute["link_id"]) == ("service", str(service.pk))
    assert attribute["taxonomy_term"]["code"] == "legal"
    assert attribute["taxonomy_term"]["taxonomy_id"] == str(CATEGORIES_ID)
    assert attribute["taxonomy_term"]["taxonomy_detail"]["id"] == str(CATEGORIES_ID)


def test_a_schedule_without_an_offset_takes_the_networks_today(listed):
    service = listed["services"][Visibility.PUBLIC]
    (record,) = _records(None, visible_services(None).filter(pk=service.pk))
    offset = timezone.now().astimezone(network_zone()).utcoffset()
    assert offset is not None
    by_start = sorted(record["schedules"], key=lambda s: s["valid_from"] or "")
    assert [(s["timezone"], s["valid_from"]) for s in by_start] == [
        (offset.total_seconds() / 3600, None),
        (-5.0, "2026-01-01"),
    ]
    assert (by_start[0]["opens_at"], by_start[0]["closes_at"]) == ("09:00", "17:00")
    assert by_start[0]["attributes"] == by_start[0]["metadata"] == []


def test_a_place_nests_its_own_details_and_attributes(listed):
    service = listed["services"][Visibility.PUBLIC]
    (record,) = _records(None, visible_services(None).filter(pk=service.pk))
    (place,) = record["service_at_locations"]
    location = place["location"]
    assert location["id"] == str(listed["places"][Visibility.PUBLIC].pk)
    assert json.loads(json.dumps(location)) == location
    assert location["latitude"] == 40.416775
    assert location["organization_id"] == str(listed["organization"].pk)
    assert [a["address_1"] for a in location["addresses"]] == ["Calle Pública 1"]
    assert [a["description"] for a in location["accessibility"]] == ["Rampa"]
    assert [lang["code"] for lang in location["languages"]] == ["en"]
    (line,) = location["phones"]
    assert [lang["name"] for lang in line["languages"]] == ["Español"]
    assert [(s["byday"], s["opens_at"]) for s in location["schedules"]] == [("SA", "10:30")]
    assert location["contacts"] == []
    (attribute,) = location["attributes"]
    assert attribute["link_entity"] == "location"
    # A term from an established taxonomy named only by its name has no detail to nest.
    assert attribute["taxonomy_term"]["taxonomy"] == "Otra taxonomía"
    assert attribute["taxonomy_term"]["taxonomy_id"] is None
    assert attribute["taxonomy_term"]["taxonomy_detail"] is None


def test_a_service_with_no_places_program_or_terms(listed):
    bare = listed["services"][Visibility.MEMBERS]
    member = listed["people"]["member"]
    (record,) = _records(member, visible_services(member).filter(pk=bare.pk))
    assert record["program"] is None
    assert record["service_at_locations"] == []
    assert record["attributes"] == []
    assert record["schedules"] == record["phones"] == record["contacts"] == []


def test_summaries_carry_the_organisation_and_program_only(listed):
    found = service_record_queryset(None, visible_services(None), full=False)
    (summary,) = [service_summary(s) for s in found]
    assert summary["name"] == SERVICES[Visibility.PUBLIC]
    assert summary["organization"]["id"] == str(listed["organization"].pk)
    assert summary["program"]["id"] == str(listed["program"].pk)
    assert "service_at_locations" not in summary
    assert "attributes" not in summary
    member = listed["people"]["member"]
    others = service_record_queryset(
        member, visible_services(member).filter(visibility=Visibility.MEMBERS), full=False
    )
    assert [service_summary(s)["program"] for s in others] == [None]


@pytest.mark.parametrize("who", list(VIEWERS))
def test_an_organisation_nests_what_the_viewer_sees_of_it(listed, who):
    viewer = listed["people"][who]
    detail = organization_detail(viewer, listed["organization"])
    assert [s["name"] for s in detail["services"]] == sorted(
        SERVICES[v] for v in Visibility if who in _sees(v)
    )
    assert {p["name"] for p in detail["locations"]} == {
        PLACES[v][0] for v in Visibility if who in _sees(v)
    }
    text = json.dumps(detail, ensure_ascii=False)
    for visibility, (_name, street) in PLACES.items():
        assert (street in text) == (who in _sees(visibility))
    assert not EXTENSIONS & set(detail)
    assert detail["email"] == "hola@example.org"
    assert [f["source"] for f in detail["funding"]] == ["Fundación"]
    (chair,) = detail["contacts"]
    assert (chair["name"], chair["phones"][0]["number"]) == ("Marta", "600 333 333")
    assert [p["number"] for p in detail["phones"]] == ["91 999 99 99"]
    assert [p["name"] for p in detail["programs"]] == ["Programa jurídico"]
    assert [i["identifier"] for i in detail["organization_identifiers"]] == ["G00000000"]
    assert [a["taxonomy_term"]["code"] for a in detail["attributes"]] == ["lgbtq-led"]
    for place in detail["locations"]:
        assert [a["taxonomy_term"]["code"] for a in place["attributes"]] == ["ext-1"]
    assert detail["metadata"] == []


def test_an_organisation_record_is_its_own_fields(listed, make_user):
    hidden = OrganizationFactory(name="Red discreta", visibility=Visibility.MEMBERS)
    assert [organization_record(o)["name"] for o in visible_organizations(None)] == [
        "Colectivo Arcoíris"
    ]
    member = listed["people"]["member"]
    names = {organization_record(o)["name"] for o in visible_organizations(member)}
    assert names == {"Colectivo Arcoíris", "Red discreta"}
    record = organization_record(hidden)
    assert record["id"] == str(hidden.pk)
    assert record["alternate_name"] is None
    assert not EXTENSIONS & set(record)
    assert "services" not in record
    assert "metadata" not in record


def test_taxonomies_and_terms():
    legal = term("legal")
    record = term_record(legal)
    assert (record["id"], record["code"]) == (str(legal.pk), "legal")
    assert record["taxonomy_id"] == str(CATEGORIES_ID)
    assert record["parent_id"] is None
    assert record["taxonomy_detail"] == taxonomy_record(legal.taxonomy_detail)
    assert record["taxonomy_detail"]["name"] == "Categorías"
    assert record["metadata"] == []
    assert not EXTENSIONS & set(record)
    child = term_record(term("legal-asylum"))
    assert child["parent_id"] == str(legal.pk)


def test_attributes_of_nothing_ask_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert attributes_of("service", []) == {}


def test_records_cost_the_same_queries_for_one_service_or_many():
    def cost() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            found = service_record_queryset(None, visible_services(None), full=True)
            records = service_records(found)
        return len(records), len(queries)

    def add(count: int) -> None:
        for number in range(count):
            service = tag(ServiceFactory(name=f"Servicio {number}"), "food")
            ServiceAtLocationFactory(service=service)
            ScheduleFactory(service=service)

    add(1)
    one, queries = cost()
    add(3)
    assert cost() == (one + 3, queries)
