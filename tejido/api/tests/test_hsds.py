"""The HSDS-shaped read API: no token, public listings only, the specification's field names
and pages, and the same 404 for hidden and missing ids. Its OpenAPI document is valid and
lists every operation; lists cost the same queries at two sizes."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from tejido.directory.factories import (
    AddressFactory,
    LocationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    tag,
    term,
)
from tejido.directory.models import (
    CATEGORIES_ID,
    Contact,
    CostOption,
    Language,
    Phone,
    Visibility,
)

pytestmark = pytest.mark.django_db
BASE = "/api/hsds"
HIDDEN_STREET = "Calle Oculta Marcador 9"


def _get(path: str, **params):
    response = Client().get(BASE + path, params)
    return response.status_code, response.json()


@pytest.fixture
def listed():
    service = tag(ServiceFactory(name="Asesoría jurídica", description="Cambio de nombre"), "legal")
    public_place = LocationFactory(name="Sede")
    AddressFactory(location=public_place, address_1="Calle Pública 1")
    hidden_place = LocationFactory(name="Piso refugio", visibility=Visibility.ORGANISERS)
    AddressFactory(location=hidden_place, address_1=HIDDEN_STREET)
    ServiceAtLocationFactory(service=service, location=public_place)
    ServiceAtLocationFactory(service=service, location=hidden_place)
    ScheduleFactory(service=service)
    ScheduleFactory(service=service, timezone=Decimal("-5"), valid_from=date(2026, 1, 1))
    Phone.objects.create(service=service, number="600 000 000")
    contact = Contact.objects.create(service=service, name="Lucía", title="Abogada")
    Phone.objects.create(contact=contact, number="600 000 001")
    Language.objects.create(service=service, code="es", name="Español")
    CostOption.objects.create(service=service, amount=0, currency="EUR")
    members_only = ServiceFactory(name="Para socias", visibility=Visibility.MEMBERS)
    return {"service": service, "members_only": members_only}


def test_the_root_says_what_it_is():
    status, body = _get("/")
    assert status == 200
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/api/hsds/openapi.json")


def test_services_are_paged_as_hsds_pages_them(listed):
    status, body = _get("/services", per_page=1)
    assert status == 200
    assert {k: body[k] for k in ("total_items", "total_pages", "page_number", "size")} == {
        "total_items": 1,
        "total_pages": 1,
        "page_number": 1,
        "size": 1,
    }
    assert body["first_page"]
    assert body["last_page"]
    assert not body["empty"]
    (record,) = body["contents"]
    assert record["id"] == str(listed["service"].pk)
    assert record["organization"]["id"] == str(listed["service"].organization_id)
    assert "visibility" not in record
    assert "translations" not in record
    body = _get("/services", search="asesoria juridica")[1]
    assert body["total_items"] == 1
    body = _get("/services", search="nada de eso")[1]
    assert body["empty"]


def test_one_service_nests_what_hsds_nests_without_hidden_places(listed):
    status, body = _get(f"/services/{listed['service'].pk}")
    assert status == 200
    assert [p["location"]["name"] for p in body["service_at_locations"]] == ["Sede"]
    assert (
        body["service_at_locations"][0]["location"]["addresses"][0]["address_1"]
        == "Calle Pública 1"
    )
    assert HIDDEN_STREET not in json.dumps(body)
    assert body["phones"][0]["number"] == "600 000 000"
    in_madrid, in_offset = sorted(body["schedules"], key=lambda s: s["valid_from"] or "")
    assert (in_madrid["byday"], in_madrid["opens_at"]) == ("MO,TU,WE,TH,FR", "09:00")
    assert in_madrid["timezone"] in (1, 2)  # the network's offset today
    assert (in_offset["timezone"], in_offset["valid_from"]) == (-5, "2026-01-01")
    assert body["contacts"][0]["phones"][0]["number"] == "600 000 001"
    assert body["cost_options"][0]["amount"] == 0
    assert body["languages"][0]["code"] == "es"
    (attribute,) = body["attributes"]
    assert attribute["link_entity"] == "service"
    assert attribute["taxonomy_term"]["code"] == "legal"
    assert attribute["taxonomy_term"]["taxonomy_id"] == str(CATEGORIES_ID)
    assert body["assurer_email"] is None


def test_hidden_and_missing_are_the_same_404(listed):
    for path in (
        f"/services/{listed['members_only'].pk}",
        "/services/00000000-0000-0000-0000-000000000000",
        f"/organizations/{listed['members_only'].organization_id}/nope",
    ):
        status, body = _get(path)
        assert status == 404
        assert body["code"] == "not_found"
    status, _body = _get("/services/not-a-uuid")
    assert status == 422


def test_filters_by_term_taxonomy_and_organization(listed):
    assert _get("/services", taxonomy_term_id=str(term("legal").pk))[1]["total_items"] == 1
    assert _get("/services", taxonomy_term_id=str(term("food").pk))[1]["total_items"] == 0
    assert _get("/services", taxonomy_id=str(CATEGORIES_ID))[1]["total_items"] == 1
    organization = str(listed["service"].organization_id)
    assert _get("/services", organization_id=organization)[1]["total_items"] == 1
    assert _get("/services", modified_after="2999-01-01T00:00:00Z")[1]["total_items"] == 0
    assert _get("/services", per_page=1000)[0] == 422
    status, _body = _get("/services", nonsense="1")
    assert status == 422


def test_organizations_and_places(listed):
    body = _get("/organizations", per_page=100)[1]
    organization = str(listed["service"].organization_id)
    assert organization in {o["id"] for o in body["contents"]}
    detail = _get(f"/organizations/{organization}")[1]
    assert [s["name"] for s in detail["services"]] == ["Asesoría jurídica"]
    body = _get("/service_at_locations")[1]
    assert [p["location"]["name"] for p in body["contents"]] == ["Sede"]
    place = body["contents"][0]
    _status, service = _get(f"/service_at_locations/{place['id']}")
    assert service["id"] == str(listed["service"].pk)


def test_taxonomies_and_terms_in_hsds_shape():
    legal = term("legal")  # the seeded taxonomies, again if a transactional test emptied them
    body = _get("/taxonomies")[1]
    assert body["total_items"] == 2
    taxonomy = _get(f"/taxonomies/{CATEGORIES_ID}")[1]
    assert taxonomy["name"] == "Categorías"
    body = _get("/taxonomy_terms", taxonomy_id=str(CATEGORIES_ID), top_only="true")[1]
    assert "legal-asylum" not in {t["code"] for t in body["contents"]}
    assert "legal" in {t["code"] for t in body["contents"]}
    body = _get("/taxonomy_terms", parent_id=str(legal.pk))[1]
    assert {t["code"] for t in body["contents"]} == {
        "legal-name-gender",
        "legal-asylum",
        "legal-discrimination",
    }
    _status, one = _get(f"/taxonomy_terms/{legal.pk}")
    assert one["taxonomy_detail"]["id"] == str(CATEGORIES_ID)
    assert _get("/taxonomy_terms", search="vivienda")[1]["total_items"] == 1


def test_the_document_lists_every_operation_without_security():
    document = Client().get(BASE + "/openapi.json").json()
    paths = set(document["paths"])
    assert {
        "/api/hsds/",
        "/api/hsds/services",
        "/api/hsds/services/{id}",
        "/api/hsds/organizations",
        "/api/hsds/organizations/{id}",
        "/api/hsds/taxonomies",
        "/api/hsds/taxonomies/{id}",
        "/api/hsds/taxonomy_terms",
        "/api/hsds/taxonomy_terms/{id}",
        "/api/hsds/service_at_locations",
        "/api/hsds/service_at_locations/{id}",
    } == paths
    assert "security" not in document
    service = document["components"]["schemas"]["Service"]["properties"]
    assert {"organization_id", "assured_date", "service_at_locations", "attributes"} <= set(service)


@pytest.mark.parametrize("size", [2, 8])
def test_lists_cost_the_same_queries_at_any_size(django_assert_num_queries, size):
    for number in range(size):
        service = tag(ServiceFactory(name=f"Servicio {number}"), "food")
        ServiceAtLocationFactory(service=service)
    # The page's count and rows.
    with django_assert_num_queries(2):
        assert _get("/services")[1]["total_items"] == size
    with django_assert_num_queries(2):
        assert _get("/organizations")[1]["total_items"] == 2 * size
    # The count, the rows with their services and places.
    with django_assert_num_queries(2):
        assert _get("/service_at_locations")[1]["total_items"] == size
    with django_assert_num_queries(2):
        _get("/taxonomy_terms")


@pytest.mark.parametrize("moment", ["0009-07-28T20:02:01+22:05", "0001-01-01T00:00:00+10:00"])
def test_an_impossible_offset_is_a_clear_422(moment):
    status, body = _get("/services", modified_after=moment)
    assert status == 422, body
