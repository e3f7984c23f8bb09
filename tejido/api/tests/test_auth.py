"""Who gets in: only a vetted member's live token, and every refusal is the same JSON 401."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from tejido.accounts.factories import ApplicantFactory, UserFactory
from tejido.accounts.models import ApiToken, User
from tejido.accounts.tokens import authenticate_token, create_token, revoke_token
from tejido.api.tests.conftest import assert_error

pytestmark = pytest.mark.django_db


def test_no_token_is_401_json(api):
    response = api(None).get("/tokens")
    body = assert_error(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Bearer" in body["message"]


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Bearer garbage",
        "Bearer tej_",
        "Bearer tej_" + "x" * 43,
        "Basic dXNlcjpwYXNz",
        "Token tej_abc",
        "Bearer " + "tej_" + "é" * 300,
    ],
)
def test_garbage_is_401(header):
    response = Client().get("/api/v1/tokens", HTTP_AUTHORIZATION=header)
    assert_error(response, 401, "unauthenticated")


def test_revoked_token_is_401(api, member):
    client = api(member)
    assert client.get("/tokens").status_code == 200
    token = ApiToken.objects.get(user=member)
    revoke_token(actor=member, token_id=token.pk)
    assert_error(client.get("/tokens"), 401, "unauthenticated")


@pytest.mark.parametrize("state", [User.State.SUSPENDED, User.State.REMOVED])
def test_suspended_or_removed_member_is_401_at_once(api, member, state):
    client = api(member)
    assert client.get("/tokens").status_code == 200
    User.objects.filter(pk=member.pk).update(state=state)
    assert_error(client.get("/tokens"), 401, "unauthenticated")
    # Reinstated, the same token works again: suspension does not revoke it.
    User.objects.filter(pk=member.pk).update(state=User.State.MEMBER)
    assert client.get("/tokens").status_code == 200


def test_applicant_cannot_hold_or_use_a_token(api):
    member = UserFactory()
    client = api(member)
    User.objects.filter(pk=member.pk).update(state=User.State.APPLICANT)
    assert_error(client.get("/tokens"), 401, "unauthenticated")
    assert authenticate_token(client.token or "") is None


def test_someone_elses_digest_does_not_match(member):
    _, mine = create_token(actor=member, name="mine")
    # Same prefix, different secret: found by prefix, refused by the digest comparison.
    forged = mine[:12] + ("A" if mine[12] != "A" else "B") + mine[13:]
    assert authenticate_token(forged) is None
    assert authenticate_token(mine) == member


def test_scheme_is_case_insensitive_and_messages_follow_the_member(api, member, translations):
    _, token = create_token(actor=member, name="t")
    response = Client().get("/api/v1/tokens", HTTP_AUTHORIZATION=f"bearer {token}")
    assert response.status_code == 200


def test_unauthenticated_message_follows_accept_language(translations):
    english = Client().get("/api/v1/tokens", HTTP_ACCEPT_LANGUAGE="en")
    spanish = Client().get("/api/v1/tokens", HTTP_ACCEPT_LANGUAGE="es")
    assert english.json()["message"].startswith("Send a valid personal access token")
    assert spanish.json()["message"].startswith("Envía un token de acceso personal válido")


def test_last_used_is_written_at_most_once_a_minute(member, django_assert_num_queries):
    token, plaintext = create_token(actor=member, name="t")
    assert token.last_used_at is None
    with time_machine.travel("2030-01-01 12:00:00+00:00", tick=False):
        with django_assert_num_queries(2):  # find the token with its member; write last used
            assert authenticate_token(plaintext) == member
        first = ApiToken.objects.get(pk=token.pk).last_used_at
        assert first is not None
    with time_machine.travel(first + timedelta(seconds=59), tick=False):
        with django_assert_num_queries(1):  # only the lookup
            authenticate_token(plaintext)
        assert ApiToken.objects.get(pk=token.pk).last_used_at == first
    with time_machine.travel(first + timedelta(seconds=61), tick=False):
        authenticate_token(plaintext)
        assert ApiToken.objects.get(pk=token.pk).last_used_at == first + timedelta(seconds=61)


def test_applicant_cannot_make_a_token():
    from tejido.core.errors import NotFound

    with pytest.raises(NotFound):
        create_token(actor=ApplicantFactory(), name="x")


def test_a_new_code_of_conduct_must_be_accepted_before_using_the_api(api, member, translations):
    from tejido.accounts.factories import OrganiserFactory
    from tejido.membership.services import accept_conduct, publish_conduct

    member.language = "en"
    member.save()
    client = api(member)
    assert client.get("/me").status_code == 200
    publish_conduct(actor=OrganiserFactory(), text_es="Cuidado mutuo.", text_en="Mutual care.")
    for response in (client.get("/me"), client.get("/groups"), client.patch("/me", {"bio": "x"})):
        body = assert_error(response, 403, "conduct_not_accepted")
        assert body["message"].startswith("The network has a new code of conduct.")
    member.language = "es"
    member.save()
    body = assert_error(client.get("/me"), 403, "conduct_not_accepted")
    assert body["message"].startswith("La red tiene un código de conducta nuevo.")
    accept_conduct(actor=member)
    assert client.get("/me").status_code == 200


def test_too_many_wrong_tokens_from_one_address_are_refused_for_a_while(api, member):
    from tejido.api.v1.auth import FAILED_ATTEMPTS_LIMIT

    _, good = create_token(actor=member, name="t")
    for _ in range(FAILED_ATTEMPTS_LIMIT):
        wrong = Client().get("/api/v1/me", HTTP_AUTHORIZATION="Bearer tej_wrong")
        assert_error(wrong, 401, "unauthenticated")
    # Now even a right token from that address is refused, so guessing learns nothing more.
    for header in ("Bearer tej_wrong", f"Bearer {good}"):
        refused = Client().get("/api/v1/me", HTTP_AUTHORIZATION=header)
        assert_error(refused, 429, "too_many_attempts")
    elsewhere = Client(REMOTE_ADDR="192.0.2.7").get(
        "/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {good}"
    )
    assert elsewhere.status_code == 200
    # A request without any token guesses nothing and is not counted.
    assert_error(Client(REMOTE_ADDR="192.0.2.8").get("/api/v1/me"), 401, "unauthenticated")
