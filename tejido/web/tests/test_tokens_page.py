"""The token page: list my tokens, make one (its secret shown once, after a recent login),
revoke one. Only vetted members have it."""

import pytest
from django.test import Client
from django.urls import reverse

from tejido.accounts.factories import ApplicantFactory, UserFactory
from tejido.accounts.models import ApiToken, User
from tejido.accounts.tokens import authenticate_token, create_token

pytestmark = pytest.mark.django_db

URL = "/me/tokens/"
PASSWORD = "correct horse battery staple"  # the factories' password


@pytest.fixture
def member(make_user):
    """The member (and so `member_client`) reads Tejido in English: the texts asserted below
    are the English ones."""
    return make_user(language="en")


def fresh_login(user: User) -> Client:
    """Logged in and just confirmed the password again, as allauth asks before sensitive
    actions."""
    client = Client()
    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


def secret_in(page: str) -> str:
    start = page.index('id="new-token" value="') + len('id="new-token" value="')
    return page[start : page.index('"', start)]


def test_url_name():
    assert reverse("token_list") == URL


def test_anonymous_is_sent_to_log_in():
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_applicant_gets_404(login):
    assert login(ApplicantFactory()).get(URL).status_code == 404


def test_empty_state_says_what_to_do(member_client):
    response = member_client.get(URL)
    assert response.status_code == 200
    assert b"You have no tokens" in response.content
    assert b'<label for="id_name">' in response.content


def test_lists_only_my_live_tokens(login, member):
    mine, _ = create_token(actor=member, name="my calendar")
    revoked, _ = create_token(actor=member, name="old laptop")
    ApiToken.objects.filter(pk=revoked.pk).update(revoked_at=mine.created_at)
    create_token(actor=UserFactory(), name="someone else's")
    page = login(member).get(URL).content.decode()
    assert "my calendar" in page
    assert mine.prefix in page
    assert "old laptop" not in page
    assert "someone else" not in page
    assert "Never" in page  # not used yet


def test_make_a_token_shows_the_secret_once(member):
    client = fresh_login(member)
    response = client.post(URL, {"name": "phone app"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=member)
    page = response.content.decode()
    secret = secret_in(page)
    assert secret.startswith(token.prefix)
    assert authenticate_token(secret) == member
    assert "will not be shown again" in page
    # Never again: not on the next page, not in the session.
    again = client.get(URL).content.decode()
    assert secret not in again
    assert "phone app" in again
    assert secret not in str(dict(client.session))


def test_making_a_token_needs_the_password_again(member_client, member):
    response = member_client.post(URL, {"name": "phone app"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not ApiToken.objects.filter(user=member).exists()
    # Once the password is confirmed, the request goes through and the secret is shown.
    response = member_client.post(response["Location"], {"password": PASSWORD})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=member)
    assert token.name == "phone app"
    assert authenticate_token(secret_in(response.content.decode())) == member


def test_wrong_password_makes_no_token(member_client, member):
    location = member_client.post(URL, {"name": "phone app"})["Location"]
    response = member_client.post(location, {"password": "not my password at all"})
    assert response.status_code == 200
    assert not ApiToken.objects.filter(user=member).exists()


@pytest.mark.parametrize("name", ["", "   ", "x" * 81])
def test_bad_name_is_an_error_on_the_field(member, name):
    client = fresh_login(member)
    response = client.post(URL, {"name": name})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert 'aria-describedby="id_name_help id_name_error"' in page
    assert 'id="new-token"' not in page
    assert not ApiToken.objects.filter(user=member).exists()


def test_revoke_my_token(login, member):
    token, plaintext = create_token(actor=member, name="old script")
    client = login(member)
    response = client.post(URL, {"revoke": str(token.pk)}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert "is revoked" in response.content.decode()
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert authenticate_token(plaintext) is None


@pytest.mark.parametrize("value", ["nonsense", "", "99999"])
def test_revoke_garbage_is_a_message_not_an_error(member_client, value):
    response = member_client.post(URL, {"revoke": value}, follow=True)
    assert response.status_code == 200
    assert "does not exist or was already revoked" in response.content.decode()


def test_cannot_revoke_someone_elses_token(member_client):
    theirs, plaintext = create_token(actor=UserFactory(), name="theirs")
    response = member_client.post(URL, {"revoke": str(theirs.pk)}, follow=True)
    assert "does not exist or was already revoked" in response.content.decode()
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None
    assert authenticate_token(plaintext) is not None


def test_page_queries_do_not_grow_with_tokens(member_client, member, django_assert_max_num_queries):
    create_token(actor=member, name="one")
    member_client.get(URL)  # warm up per-process caches (network settings row and the like)
    with django_assert_max_num_queries(100) as few:
        member_client.get(URL)
    for i in range(15):
        create_token(actor=member, name=f"more {i}")
    with django_assert_max_num_queries(100) as many:
        response = member_client.get(URL)
    assert response.content.decode().count("<tr>") == 17  # the head and 16 tokens
    assert len(many.captured_queries) == len(few.captured_queries)


def test_page_in_spanish(member, translations):
    User.objects.filter(pk=member.pk).update(language="es")
    client = fresh_login(member)
    page = client.get(URL).content.decode()
    assert "Tokens de la API" in page
    assert "No tienes tokens" in page
