"""Logging in and out, rate limits, password reset and change, change of email: through
allauth's real views, and never revealing whether an address has an account."""

import re

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import auth
from django.test import Client
from django.urls import reverse

from tejido.accounts.models import User
from tejido.web.tests._auth_support import (
    NEW_PASSWORD,
    PASSWORD,
    log_in,
    make_applicant,
    make_member,
    normalised,
)

pytestmark = pytest.mark.django_db

RESET_LINK = re.compile(r"http://testserver/accounts/password/reset/key/[^\s]+/")
CONFIRM_LINK = re.compile(r"http://testserver/accounts/confirm-email/[^/\s]+/")


def english() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_member_logs_in_and_lands_home(client):
    member = make_member()

    response = log_in(client, member.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert auth.get_user(client) == member


def test_an_applicant_lands_on_their_application(client):
    applicant = make_applicant()

    response = log_in(client, applicant.email)

    assert response["Location"] == reverse("application_status")


@pytest.mark.parametrize("state", [User.State.SUSPENDED, User.State.REMOVED])
def test_suspended_and_removed_people_cannot_log_in(client, state):
    person = make_member(state=state)

    response = log_in(client, person.email, follow=True)

    assert not auth.get_user(client).is_authenticated
    # The wrong-password answer, not allauth's "account inactive" page (test_auth_refused.py).
    assert response.redirect_chain == []
    assert 'id="quick-exit"' in response.text


def test_a_wrong_password_and_an_unknown_address_read_the_same(client):
    make_member(email="known@example.org")

    known = log_in(english(), "known@example.org", "not the password")
    unknown = log_in(english(), "nobody@example.org", "not the password")

    assert known.status_code == unknown.status_code == 200
    assert normalised(known.content, "known@example.org") == normalised(
        unknown.content, "nobody@example.org"
    )
    assert "are not correct" in known.text
    assert 'role="alert"' in known.text


def _fail_until_limited(address: str) -> str:
    client = english()
    for _ in range(5):
        response = log_in(client, address, "not the password")
        assert "Try again later" not in response.text
    limited = log_in(client, address, "not the password")
    assert limited.status_code == 200
    return normalised(limited.content, address)


def test_repeated_failures_are_limited_alike_for_known_and_unknown_addresses():
    from django.core.cache import cache

    member = make_member(email="known@example.org")
    known = _fail_until_limited("known@example.org")
    cache.clear()
    unknown = _fail_until_limited("nobody@example.org")

    assert "Too many failed login attempts. Try again later." in known
    assert known == unknown
    # Once limited, even the right password is refused for now.
    cache.clear()
    _fail_until_limited("known@example.org")
    client = Client()
    response = log_in(client, member.email, PASSWORD)
    assert response.status_code == 200
    assert not auth.get_user(client).is_authenticated


def test_logging_out_asks_first_and_needs_a_post(client):
    member = make_member()
    log_in(client, member.email)

    confirm = client.get(reverse("account_logout"))

    assert confirm.status_code == 200
    assert 'method="post"' in confirm.text
    assert 'id="quick-exit"' in confirm.text
    assert auth.get_user(client).is_authenticated
    done = client.post(reverse("account_logout"))
    assert done.status_code == 302
    assert not auth.get_user(client).is_authenticated


def test_password_reset_reads_the_same_for_known_and_unknown_addresses(mailoutbox):
    member = make_member(email="known@example.org", language="en")
    url = reverse("account_reset_password")

    known = Client().post(url, {"email": "known@example.org"}, follow=True)
    unknown = Client().post(url, {"email": "nobody@example.org"}, follow=True)

    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert normalised(known.content) == normalised(unknown.content)
    # Only the owner of a known address gets mail; nothing is sent to an unknown one.
    assert [m.to for m in mailoutbox] == [[member.email]]


def test_password_reset_by_email_sets_a_new_password(client, mailoutbox):
    member = make_member(language="en")
    client.post(reverse("account_reset_password"), {"email": member.email})
    (mail,) = mailoutbox
    link = RESET_LINK.search(mail.body)
    assert link is not None

    form = client.get(link.group(0), follow=True)
    assert form.status_code == 200
    assert 'id="quick-exit"' in form.text
    assert 'name="password1"' in form.text
    done = client.post(
        form.redirect_chain[-1][0] if form.redirect_chain else link.group(0),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert done.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


def test_changing_the_password_needs_the_current_one_and_tells_the_member(client, mailoutbox):
    member = make_member(language="en")
    log_in(client, member.email)
    url = reverse("account_change_password")

    wrong = client.post(
        url, {"oldpassword": "nope", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert wrong.status_code == 200
    assert 'aria-invalid="true"' in wrong.text
    right = client.post(
        url, {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert right.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert [m.to for m in mailoutbox] == [[member.email]]
    assert "password" in mailoutbox[0].subject.lower()


def test_changing_the_email_needs_a_fresh_password(client, mailoutbox):
    member = make_member(email="old@example.org", language="en")
    with time_machine.travel("2030-01-01 10:00 +0000", tick=False) as traveller:
        log_in(client, member.email)
        traveller.shift(600)  # longer ago than ACCOUNT_REAUTHENTICATION_TIMEOUT

        asked = client.post(
            reverse("account_email"), {"action_add": "", "email": "new@example.org"}
        )

        assert asked.status_code == 302
        assert asked["Location"].startswith(reverse("account_reauthenticate"))
        assert not EmailAddress.objects.filter(email="new@example.org").exists()
        assert mailoutbox == []

        page = client.get(asked["Location"])
        assert page.status_code == 200
        assert 'id="quick-exit"' in page.text
        wrong = client.post(asked["Location"], {"password": "not it"})
        assert wrong.status_code == 200
        assert not EmailAddress.objects.filter(email="new@example.org").exists()
        resumed = client.post(asked["Location"], {"password": PASSWORD})

    assert resumed.status_code == 302
    pending = EmailAddress.objects.get(email="new@example.org")
    assert pending.user == member
    assert not pending.verified
    (mail,) = mailoutbox
    assert mail.to == ["new@example.org"]
    link = CONFIRM_LINK.search(mail.body)
    assert link is not None

    client.post(link.group(0))

    member.refresh_from_db()
    assert member.email == "new@example.org"
    assert EmailAddress.objects.get(user=member).email == "new@example.org"
    # The old address is told about the change.
    assert ["old@example.org"] in [m.to for m in mailoutbox]


def test_the_email_page_shows_the_pending_change_without_inline_style(client):
    member = make_member(language="en")
    log_in(client, member.email)
    asked = client.post(reverse("account_email"), {"action_add": "", "email": "next@example.org"})
    client.post(asked["Location"], {"password": PASSWORD})

    page = client.get(reverse("account_email"))

    assert "next@example.org" in page.text
    assert "style=" not in page.text
    assert 'name="action_send"' in page.text
    assert 'name="action_remove"' in page.text


def test_a_language_chosen_before_logging_in_is_kept():
    member = make_member(language="es")
    client = Client()
    client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    log_in(client, member.email)
    member.refresh_from_db()
    assert member.language == "en"
    assert client.get("/").content.decode().startswith('<!DOCTYPE html>\n<html lang="en"')


def test_without_a_choice_the_saved_language_stays():
    member = make_member(language="en")
    client = Client()
    log_in(client, member.email)
    member.refresh_from_db()
    assert member.language == "en"
