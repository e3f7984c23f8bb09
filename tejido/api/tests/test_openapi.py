"""The OpenAPI document: valid, public, and truthful about every operation and its security."""

import json
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

OPERATIONS = {
    ("/api/v1/me", "get"),
    ("/api/v1/me", "patch"),
    ("/api/v1/members", "get"),
    ("/api/v1/members/{member_id}", "get"),
    ("/api/v1/blocks", "get"),
    ("/api/v1/members/{member_id}/block", "post"),
    ("/api/v1/members/{member_id}/block", "delete"),
    ("/api/v1/groups", "get"),
    ("/api/v1/groups/{slug}", "get"),
    ("/api/v1/groups/{slug}/join", "post"),
    ("/api/v1/groups/{slug}/leave", "post"),
    ("/api/v1/groups", "post"),
    ("/api/v1/groups/{slug}", "patch"),
    ("/api/v1/groups/{slug}/archive", "post"),
    ("/api/v1/groups/{slug}/unarchive", "post"),
    ("/api/v1/groups/{slug}/organisers/{member_id}", "put"),
    ("/api/v1/groups/{slug}/organisers/{member_id}", "delete"),
    ("/api/v1/groups/{slug}/invitations/{member_id}", "post"),
    ("/api/v1/groups/{slug}/invitation/accept", "post"),
    ("/api/v1/groups/{slug}/invitation/decline", "post"),
    ("/api/v1/applications", "get"),
    ("/api/v1/applications/{application_id}", "get"),
    ("/api/v1/applications/{application_id}/approve", "post"),
    ("/api/v1/applications/{application_id}/decline", "post"),
    ("/api/v1/applications/{application_id}/question", "post"),
    ("/api/v1/reports", "post"),
    ("/api/v1/organise/reports", "get"),
    ("/api/v1/organise/reports/{report_id}", "get"),
    ("/api/v1/organise/reports/{report_id}/dismiss", "post"),
    ("/api/v1/organise/reports/{report_id}/warn", "post"),
    ("/api/v1/organise/reports/{report_id}/suspend", "post"),
    ("/api/v1/events", "get"),
    ("/api/v1/events", "post"),
    ("/api/v1/me/events", "get"),
    ("/api/v1/occurrences/{occurrence_id}", "get"),
    ("/api/v1/occurrences/{occurrence_id}/rsvp", "post"),
    ("/api/v1/occurrences/{occurrence_id}/rsvp", "delete"),
    ("/api/v1/occurrences/{occurrence_id}/seat", "post"),
    ("/api/v1/occurrences/{occurrence_id}/cancel", "post"),
    ("/api/v1/events/{event_id}/occurrences", "get"),
    ("/api/v1/events/{event_id}", "patch"),
    ("/api/v1/tokens", "get"),
    ("/api/v1/tokens/{token_id}", "delete"),
    ("/api/v1/films", "get"),
    ("/api/v1/films", "post"),
    ("/api/v1/polls", "get"),
    ("/api/v1/polls/{poll_id}", "get"),
    ("/api/v1/polls/{poll_id}/vote", "post"),
    ("/api/v1/occurrences/{occurrence_id}/sheet", "get"),
    ("/api/v1/occurrences/{occurrence_id}/slots", "post"),
    ("/api/v1/slots/{slot_id}/claims", "post"),
    ("/api/v1/claims/{claim_id}", "delete"),
    ("/api/v1/directory/services", "get"),
    ("/api/v1/directory/services/{service_id}", "get"),
    ("/api/v1/directory/businesses", "get"),
    ("/api/v1/directory/businesses/{business_id}", "get"),
    ("/api/v1/directory/{kind}/{listing_id}/recommendation", "post"),
    ("/api/v1/directory/{kind}/{listing_id}/suggestion", "post"),
    ("/api/v1/directory/businesses/{business_id}/vouch", "post"),
    ("/api/v1/directory/businesses/{business_id}/vouch", "delete"),
    ("/api/v1/aid/requests", "get"),
    ("/api/v1/aid/requests", "post"),
    ("/api/v1/aid/requests/{request_id}", "get"),
    ("/api/v1/aid/requests/{request_id}", "patch"),
    ("/api/v1/aid/requests/{request_id}/close", "post"),
    ("/api/v1/aid/requests/{request_id}/progress", "post"),
    ("/api/v1/aid/requests/{request_id}/help", "post"),
    ("/api/v1/aid/requests/{request_id}/ask", "post"),
    ("/api/v1/aid/requests/{request_id}/dispatch", "post"),
    ("/api/v1/aid/offers", "get"),
    ("/api/v1/aid/offers", "post"),
    ("/api/v1/aid/offers/{offer_id}", "get"),
    ("/api/v1/aid/offers/{offer_id}", "patch"),
    ("/api/v1/aid/offers/{offer_id}/close", "post"),
    ("/api/v1/aid/matches/{match_id}", "get"),
    ("/api/v1/aid/matches/{match_id}/answer", "post"),
    ("/api/v1/aid/matches/{match_id}/withdraw", "post"),
    ("/api/v1/aid/matches/{match_id}/messages", "post"),
    ("/api/v1/aid/matches/{match_id}/contact", "put"),
    ("/api/v1/aid/mine", "get"),
    ("/api/v1/aid/follow-ups/{follow_up_id}", "post"),
    ("/api/v1/aid/dispatch", "get"),
    # Support circles.
    ("/api/v1/support/circles/mine", "get"),
    ("/api/v1/support/circles/{circle_id}/intake", "get"),
    ("/api/v1/support/circles/{circle_id}/intake/{place_id}", "post"),
    # Support circles: sessions and attendance.
    ("/api/v1/support/sessions", "get"),
    ("/api/v1/support/sessions/{occurrence_id}/attendance", "get"),
    ("/api/v1/support/sessions/{occurrence_id}/attendance", "post"),
}
# Peer buddies and check-ins (issue 13).
OPERATIONS |= {
    ("/api/v1/buddies", "get"),
    ("/api/v1/buddies/opt-in", "put"),
    ("/api/v1/buddies/opt-in", "delete"),
    ("/api/v1/buddies/suggestions", "get"),
    ("/api/v1/buddies/pairs", "post"),
    ("/api/v1/buddies/pairs/{pair_id}", "get"),
    ("/api/v1/buddies/pairs/{pair_id}/answer", "post"),
    ("/api/v1/buddies/pairs/{pair_id}/end", "post"),
    ("/api/v1/buddies/pairs/{pair_id}/messages", "post"),
    ("/api/v1/check-ins", "get"),
    ("/api/v1/check-ins/choice", "put"),
    ("/api/v1/check-ins/choice", "delete"),
    ("/api/v1/check-ins/snooze", "post"),
    ("/api/v1/check-ins/take", "post"),
    ("/api/v1/check-ins/{checkin_id}", "get"),
    ("/api/v1/check-ins/{checkin_id}/messages", "post"),
    ("/api/v1/check-ins/{checkin_id}/done", "post"),
    # Professionals (issue 13).
    ("/api/v1/professionals", "get"),
    ("/api/v1/professionals/{professional_id}", "get"),
}
# Gatherings: moving dates, running polls, changing slots and claims, the calendar feed.
OPERATIONS |= {
    ("/api/v1/occurrences/{occurrence_id}", "patch"),
    ("/api/v1/occurrences/{occurrence_id}/following", "patch"),
    ("/api/v1/polls", "post"),
    ("/api/v1/polls/{poll_id}/close", "post"),
    ("/api/v1/polls/{poll_id}/event", "post"),
    ("/api/v1/slots/{slot_id}", "patch"),
    ("/api/v1/slots/{slot_id}", "delete"),
    ("/api/v1/claims/{claim_id}", "patch"),
    ("/api/v1/me/calendar-feed", "get"),
    ("/api/v1/me/calendar-feed", "delete"),
}


REFERENCE = re.compile(r'"#/components/schemas/([^"]+)"')


@pytest.fixture
def document():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def test_document_describes_the_api(document):
    assert document["openapi"].startswith("3.1")
    assert document["info"]["title"] == "Tejido API"
    assert document["info"]["version"] == "1"
    listed = {(path, method) for path, item in document["paths"].items() for method in item}
    assert listed == OPERATIONS


def test_every_operation_needs_a_bearer_token(document):
    assert document["components"]["securitySchemes"] == {
        "TokenAuth": {"type": "http", "scheme": "bearer"}
    }
    for path, item in document["paths"].items():
        for method, operation in item.items():
            assert operation["security"] == [{"TokenAuth": []}], (path, method)


def test_every_operation_declares_its_errors(document):
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            for status in ("401", "404", "422"):
                assert responses[status]["content"] == error, (path, method, status)
            if method != "get":
                for status in ("400", "409"):
                    assert responses[status]["content"] == error, (path, method, status)
            successes = [s for s in responses if s.startswith("2")]
            assert len(successes) == 1, (path, method)


def test_operation_ids_are_unique_and_short(document):
    ids = [op["operationId"] for item in document["paths"].values() for op in item.values()]
    assert len(ids) == len(set(ids))
    assert all("tejido" not in op_id for op_id in ids)


def test_error_shape_is_in_the_document(document):
    error = document["components"]["schemas"]["ErrorOut"]
    assert set(error["required"]) == {"code", "message"}
    assert set(error["properties"]) == {"code", "message", "detail"}


def test_hidden_profile_fields_are_optional_not_nullable(document):
    member = document["components"]["schemas"]["MemberOut"]
    assert set(member["required"]) == {"id", "chosen_name", "is_self", "roles"}
    assert member["properties"]["bio"] == {"title": "Bio", "type": "string"}


def test_document_loads_in_schemathesis(document):
    import schemathesis
    from schemathesis.core.result import Ok

    schema = schemathesis.openapi.from_dict(document)
    results = list(schema.get_all_operations())
    assert all(isinstance(result, Ok) for result in results), results
    assert len(results) == len(OPERATIONS)


def test_no_interactive_docs_page():
    # The Swagger page would load scripts from a CDN.
    response = Client().get("/api/v1/docs")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_the_server_and_the_paths_make_the_apis_own_addresses(document, settings):
    # A client joins the server's URL and a path: that must name the operation, on this site.
    from urllib.parse import urlsplit

    from django.urls import resolve

    assert document["servers"] == [{"url": settings.SITE_URL, "description": "This network"}]
    server = document["servers"][0]["url"]
    assert not server.endswith("/")  # the paths start with one
    for path, item in document["paths"].items():
        url = server + re.sub(r"\{[^}]+\}", "1", path)
        assert urlsplit(url).netloc == urlsplit(settings.SITE_URL).netloc
        match = resolve(urlsplit(url).path)
        assert match.namespace == "api-v1", url
        assert match.url_name in {operation["operationId"] for operation in item.values()}, url


def test_the_document_names_its_licence(document):
    assert document["info"]["license"] == {
        "name": "GNU Affero General Public License v3.0 or later",
        "identifier": "AGPL-3.0-or-later",
    }


def test_every_component_is_referenced(document):
    # Each schema is reached from the operations, directly or through another schema.
    schemas = document["components"]["schemas"]
    outside = json.dumps({key: value for key, value in document.items() if key != "components"})
    reached = set()
    pending = set(REFERENCE.findall(outside))
    while pending:
        name = pending.pop()
        assert name in schemas, f"a reference to a schema that is not there: {name}"
        if name not in reached:
            reached.add(name)
            pending |= set(REFERENCE.findall(json.dumps(schemas[name])))
    assert set(schemas) == reached, f"unused components: {sorted(set(schemas) - reached)}"


def test_every_schema_has_a_name_of_its_own():
    """The document names each schema by its class: two classes of one name in different
    modules would share one entry, and answers would be checked against the wrong one."""
    import importlib
    import pkgutil

    from ninja import Schema

    import tejido.api.v1

    seen: dict[str, str] = {}
    clashes = []
    for module_info in pkgutil.iter_modules(tejido.api.v1.__path__):
        module = importlib.import_module(f"tejido.api.v1.{module_info.name}")
        for name, value in vars(module).items():
            if not (isinstance(value, type) and issubclass(value, Schema)):
                continue
            if value.__module__ != module.__name__:
                continue
            if name in seen:
                clashes.append(f"{name}: {seen[name]} and {module.__name__}")
            seen[name] = module.__name__
    assert not clashes
