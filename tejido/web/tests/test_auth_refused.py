"""A suspended or removed member who gives the right password gets exactly the wrong-password
answer, and is told by email (at most once a day, in their language, discreet when asked)
that their account is suspended or closed and how to reach the organisers."""

import pytest
import time_machine
from django.conf import settings
from django.contrib import auth
from django.test import Client
from django.urls import reverse

from tejido.accounts.models import User
from tejido.network.models import NetworkSettings
from tejido.web.tests._auth_support import (
    PASSWORD,
    SoftPasskey,
    log_in,
    make_member,
)
from tejido.web.tests.test_auth_mfa import open_with_password

pytestmark = pytest.mark.django_db

CONTACT = "Escribe a cuidados@example.org"


@pytest.fixture(autouse=True)
def _contact():
    network = NetworkSettings.current()
    network.organiser_contact = CONTACT
    network.save()


def english() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.parametrize(
    "standing",
    [{"state": User.State.SUSPENDED}, {"state": User.State.REMOVED}, {"is_active": False}],
    ids=["suspended", "removed", "deactivated"],
)
def test_the_right_password_of_a_refused_member_reads_as_a_wrong_one(
    standing, assert_same_answer, django_capture_on_commit_callbacks
):
    person = make_member(email="person@example.org", **standing)
    client = english()
    with django_capture_on_commit_callbacks(execute=True):
        right = log_in(client, person.email, PASSWORD)
    wrong = log_in(english(), person.email, "not the password")

    assert right.status_code == 200
    assert "are not correct" in right.text
    assert not auth.get_user(client).is_authenticated
    assert_same_answer(right, wrong)


def test_the_suspended_member_is_emailed_once_a_day_with_the_contact(
    mailoutbox, django_capture_on_commit_callbacks
):
    person = make_member(state=User.State.SUSPENDED, language="en")

    with time_machine.travel("2030-03-01 09:00 +0000", tick=False) as traveller:
        with django_capture_on_commit_callbacks(execute=True):
            log_in(Client(), person.email)
            log_in(Client(), person.email)
        assert len(mailoutbox) == 1
        traveller.shift(60 * 60 * 25)
        with django_capture_on_commit_callbacks(execute=True):
            log_in(Client(), person.email)

    assert len(mailoutbox) == 2
    email = mailoutbox[0]
    assert email.to == [person.email]
    assert email.subject == "Your account is suspended"
    assert "Your account is suspended" in email.body
    assert CONTACT in email.body
    assert NetworkSettings.current().name in email.from_email


def test_a_wrong_password_emails_nobody(mailoutbox, django_capture_on_commit_callbacks):
    person = make_member(state=User.State.SUSPENDED)

    with django_capture_on_commit_callbacks(execute=True):
        log_in(Client(), person.email, "not the password")

    assert mailoutbox == []


def test_the_email_is_in_the_members_language(
    translations, mailoutbox, django_capture_on_commit_callbacks
):
    person = make_member(state=User.State.REMOVED, language="es")

    with django_capture_on_commit_callbacks(execute=True):
        log_in(english(), person.email)

    (email,) = mailoutbox
    assert email.subject == "Tu cuenta está cerrada"
    assert "Tu cuenta se ha cerrado" in email.body
    assert CONTACT in email.body


def test_discreet_mode_gives_a_neutral_subject_and_sender(
    mailoutbox, django_capture_on_commit_callbacks
):
    person = make_member(state=User.State.SUSPENDED, language="en", discreet_mode=True)

    with django_capture_on_commit_callbacks(execute=True):
        log_in(Client(), person.email)

    (email,) = mailoutbox
    assert "suspended" not in email.subject.lower()
    assert NetworkSettings.current().name not in email.from_email
    assert settings.DISCREET_SENDER_NAME in email.from_email
    assert CONTACT in email.body


def test_without_a_contact_the_email_says_how_else(mailoutbox, django_capture_on_commit_callbacks):
    network = NetworkSettings.current()
    network.organiser_contact = ""
    network.save()
    person = make_member(state=User.State.SUSPENDED, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        log_in(Client(), person.email)

    assert "ask a member you trust" in mailoutbox[0].body


def test_a_passkey_of_a_suspended_member_logs_nobody_in_and_says_no_more(
    mailoutbox, django_capture_on_commit_callbacks
):
    member = make_member(language="en")
    client = Client()
    passkey = SoftPasskey()
    log_in(client, member.email)
    page = open_with_password(client, reverse("mfa_add_webauthn"))
    client.post(
        reverse("mfa_add_webauthn"),
        {
            "name": "Key",
            "passwordless": "on",
            "credential": passkey.register(page.context["js_data"]["creation_options"]),
        },
    )
    User.objects.filter(pk=member.pk).update(state=User.State.SUSPENDED)
    mailoutbox.clear()  # the "passkey added" notice

    stranger = english()
    options = stranger.get(reverse("mfa_login_webauthn"), HTTP_ACCEPT="application/json").json()
    with django_capture_on_commit_callbacks(execute=True):
        response = stranger.post(
            reverse("mfa_login_webauthn"),
            {"credential": passkey.authenticate(options["request_options"])},
            follow=True,
        )

    assert not auth.get_user(stranger).is_authenticated
    assert response.redirect_chain[-1][0] == reverse("account_login")
    assert "You could not be logged in." in response.text
    assert "suspended" not in response.text.lower()
    assert "inactive" not in response.text.lower()
    assert [email.to for email in mailoutbox] == [[member.email]]
