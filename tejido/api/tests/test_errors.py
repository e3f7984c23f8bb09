"""Every answer under /api/v1/ is JSON in one shape: unknown addresses, wrong methods, and
failures nobody expected, which are logged but never shown."""

import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client, RequestFactory

from tejido.api.tests.conftest import assert_error
from tejido.api.v1.api import api as ninja_api
from tejido.core.errors import Conflict, NotAllowed, NotFound

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    ["/api/v1/", "/api/v1/nothing", "/api/v1/me/", "/api/v1/members/abc/x", "/api/v1/docs"],
)
def test_unknown_addresses_are_json_404(path):
    assert_error(Client().get(path), 404, "not_found")


def test_unknown_address_looks_like_a_hidden_thing(api, member):
    client = api(member)
    assert client.get("/nothing").json() == client.get("/members/987654").json()


def test_wrong_method_is_json_405(api, member):
    response = api(member).request("put", "/me")
    assert_error(response, 405, "method_not_allowed")
    assert set(response["Allow"].split(", ")) == {"GET", "PATCH"}


def test_session_cookie_alone_is_not_enough(member_client):
    """The API reads only the bearer token, so a page can never make a logged-in browser call
    it (no cross-site request forgery through the API)."""
    assert_error(member_client.get("/api/v1/me"), 401, "unauthenticated")


def test_bearer_requests_need_no_csrf_token(member):
    from tejido.accounts.tokens import create_token

    _, token = create_token(actor=member, name="t")
    client = Client(enforce_csrf_checks=True)
    response = client.patch(
        "/api/v1/me",
        '{"bio": "hola"}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200


def _request():
    return RequestFactory().get("/api/v1/me")


def test_unexpected_failure_is_a_bare_500_and_is_logged(caplog):
    with caplog.at_level(logging.ERROR, logger="tejido.api"):
        response = ninja_api.on_exception(_request(), RuntimeError("secret detail 1234"))
    body = assert_error(response, 500, "server_error")
    assert body["detail"] == {}
    assert "secret detail" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert "secret detail 1234" in caplog.text


def test_500_stays_json_in_debug(settings):
    settings.DEBUG = True
    response = ninja_api.on_exception(_request(), ZeroDivisionError("secret"))
    assert_error(response, 500, "server_error")
    assert b"secret" not in response.content


@pytest.mark.parametrize(
    "exc",
    [NotFound(), NotAllowed(), Http404("secret"), PermissionDenied("secret")],
)
def test_forbidden_and_missing_are_the_same_404(exc):
    response = ninja_api.on_exception(_request(), exc)
    body = assert_error(response, 404, "not_found")
    assert body == {"code": "not_found", "message": str(NotFound.message), "detail": {}}


def test_domain_error_carries_code_and_detail():
    class SlotTaken(Conflict):
        code = "slot_taken"

    response = ninja_api.on_exception(_request(), SlotTaken(detail={"slot": "taken"}))
    body = assert_error(response, 409, "slot_taken")
    assert body["detail"] == {"slot": "taken"}


def test_error_messages_are_in_spanish_for_spanish_members(api, member, translations):
    body = assert_error(api(member).patch("/me", "[1]"), 400, "malformed")
    assert body["message"] == (
        "El cuerpo de la petición debe ser un objeto JSON. No se ha cambiado nada."
    )
