"""Tokens: made once, stored only as a digest, listed and revoked by their owner alone."""

import hashlib

import pytest

from tejido.accounts.factories import UserFactory
from tejido.accounts.models import ApiToken
from tejido.accounts.tokens import (
    MAX_ACTIVE_TOKENS,
    TooManyTokens,
    create_token,
    list_tokens,
    revoke_token,
)
from tejido.api.tests.conftest import assert_error
from tejido.core.errors import InvalidInput, NotFound

pytestmark = pytest.mark.django_db


def test_only_the_digest_is_stored(member):
    token, plaintext = create_token(actor=member, name="  calendar script  ")
    token.refresh_from_db()
    assert token.name == "calendar script"
    assert plaintext.startswith("tej_")
    assert len(plaintext) > 40
    assert token.digest == hashlib.sha256(plaintext.encode()).hexdigest()
    assert token.prefix == plaintext[:12]
    assert plaintext not in str(list(ApiToken.objects.filter(pk=token.pk).values()))


@pytest.mark.parametrize("name", ["", "   ", "x" * 81, "a\x00b"])
def test_bad_names_are_refused(member, name):
    with pytest.raises(InvalidInput) as caught:
        create_token(actor=member, name=name)
    assert "name" in caught.value.detail
    assert not ApiToken.objects.exists()


def test_active_tokens_are_limited(member):
    for i in range(MAX_ACTIVE_TOKENS):
        create_token(actor=member, name=f"t{i}")
    with pytest.raises(TooManyTokens):
        create_token(actor=member, name="one too many")
    revoke_token(actor=member, token_id=list_tokens(viewer=member)[0].pk)
    create_token(actor=member, name="room again")


def test_revoke_only_own_live_tokens(member):
    other = UserFactory()
    theirs, _ = create_token(actor=other, name="theirs")
    mine, _ = create_token(actor=member, name="mine")
    with pytest.raises(NotFound):
        revoke_token(actor=member, token_id=theirs.pk)
    revoke_token(actor=member, token_id=mine.pk)
    with pytest.raises(NotFound):
        revoke_token(actor=member, token_id=mine.pk)
    with pytest.raises(NotFound):
        revoke_token(actor=member, token_id=999999)
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None


def test_get_tokens_lists_only_mine_without_secrets(api, member):
    create_token(actor=UserFactory(), name="someone else's")
    client = api(member)
    create_token(actor=member, name="second")
    revoked, _ = create_token(actor=member, name="revoked")
    revoke_token(actor=member, token_id=revoked.pk)
    response = client.get("/tokens")
    assert response.status_code == 200
    items = response.json()
    assert [t["name"] for t in items] == ["second", "tests"]
    assert set(items[0]) == {"id", "name", "prefix", "created_at", "last_used_at"}
    # The token in use was just used; the other one never.
    assert items[1]["last_used_at"] is not None
    assert items[0]["last_used_at"] is None


def test_get_tokens_query_count_does_not_grow(api, member, django_assert_num_queries):
    client = api(member)
    client.get("/tokens")  # the token's last use is written on the first call only
    with django_assert_num_queries(2):  # authenticate; list
        assert len(client.get("/tokens").json()) == 1
    for i in range(10):
        create_token(actor=member, name=f"t{i}")
    with django_assert_num_queries(2):
        assert len(client.get("/tokens").json()) == 11


def test_delete_token(api, member):
    client = api(member)
    other, _ = create_token(actor=member, name="other")
    response = client.delete(f"/tokens/{other.pk}")
    assert response.status_code == 204
    assert response.content == b""
    assert ApiToken.objects.get(pk=other.pk).revoked_at is not None
    assert_error(client.delete(f"/tokens/{other.pk}"), 404, "not_found")


def test_delete_someone_elses_token_is_404_like_a_missing_one(api, member):
    theirs, _ = create_token(actor=UserFactory(), name="theirs")
    client = api(member)
    hidden = assert_error(client.delete(f"/tokens/{theirs.pk}"), 404, "not_found")
    missing = assert_error(client.delete("/tokens/987654"), 404, "not_found")
    assert hidden == missing
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None


def test_delete_own_token_in_use_locks_me_out(api, member):
    client = api(member)
    token = ApiToken.objects.get(user=member)
    assert client.delete(f"/tokens/{token.pk}").status_code == 204
    assert_error(client.get("/tokens"), 401, "unauthenticated")


@pytest.mark.parametrize("token_id", ["abc", "0", "-1", str(2**64)])
def test_delete_with_a_bad_id_is_422(api, member, token_id):
    body = assert_error(api(member).delete(f"/tokens/{token_id}"), 422, "invalid")
    assert "token_id" in body["detail"]
