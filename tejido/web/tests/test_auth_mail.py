"""Account emails go out in their recipient's language and, for a member in discreet mode,
with a neutral subject and sender; none carries anything about another member."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tejido.network.models import NetworkSettings
from tejido.web.auth_adapter import NEUTRAL_SUBJECT
from tejido.web.tests._auth_support import PASSWORD, log_in, make_member

pytestmark = pytest.mark.django_db

NETWORK = "Red Arcoíris Sur"


@pytest.fixture(autouse=True)
def _named_network(settings):
    settings.DISCREET_SENDER_NAME = "Notices"
    settings.DEFAULT_FROM_EMAIL = "Tejido <no-reply@example.net>"
    NetworkSettings.objects.update_or_create(pk=1, defaults={"name": NETWORK})


def english() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def ask_for_reset(email: str) -> None:
    english().post(reverse("account_reset_password"), {"email": email})


def test_a_member_hears_from_the_network_by_name(mailoutbox):
    member = make_member(language="en")

    ask_for_reset(member.email)

    (mail,) = mailoutbox
    assert mail.from_email == f"{NETWORK} <no-reply@example.net>"
    assert mail.subject == "Password Reset Email"


def test_a_discreet_member_gets_a_neutral_subject_and_sender(mailoutbox):
    member = make_member(language="en", discreet_mode=True)

    ask_for_reset(member.email)

    (mail,) = mailoutbox
    assert mail.subject == "Account notice"
    assert mail.from_email == "Notices <no-reply@example.net>"
    assert NETWORK not in mail.subject + mail.from_email + mail.body
    assert "/accounts/password/reset/key/" in mail.body  # the link itself still works


def test_mail_goes_out_in_the_recipients_language_not_the_askers(mailoutbox, translations):
    spanish = make_member(language="es", discreet_mode=True)

    ask_for_reset(spanish.email)  # asked from an English page

    (mail,) = mailoutbox
    with translation.override("es"):
        assert mail.subject == str(NEUTRAL_SUBJECT)
    assert mail.subject == "Aviso de la cuenta"
    assert mail.body.startswith("Hola,")


def test_the_someone_signed_up_with_your_address_mail_respects_discreet_mode(mailoutbox):
    member = make_member(email="quiet@example.org", language="en", discreet_mode=True)

    english().post(
        reverse("account_signup"),
        {
            "email": "quiet@example.org",
            "chosen_name": "Someone",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )

    (mail,) = mailoutbox
    assert mail.to == [member.email]
    assert mail.subject == "Account notice"
    assert mail.from_email == "Notices <no-reply@example.net>"
    assert NETWORK not in mail.body


def test_security_notices_respect_discreet_mode(mailoutbox):
    member = make_member(language="en", discreet_mode=True)
    client = english()
    log_in(client, member.email)

    client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another long passphrase",
            "password2": "another long passphrase",
        },
    )

    (mail,) = mailoutbox
    assert mail.to == [member.email]
    assert mail.subject == "Account notice"
    assert mail.from_email == "Notices <no-reply@example.net>"
    assert NETWORK not in mail.body


def test_no_mail_carries_another_members_data(mailoutbox):
    marker = "ZZ-PRIVATE-7d1e"
    make_member(email="other@example.org", profile__chosen_name=marker, profile__pronouns=marker)
    member = make_member(language="en")
    client = english()

    ask_for_reset(member.email)
    ask_for_reset("other-unknown@example.org")
    log_in(client, member.email)
    client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "another long passphrase",
            "password2": "another long passphrase",
        },
    )

    assert mailoutbox
    for mail in mailoutbox:
        assert mail.to == [member.email]
        assert marker not in mail.subject + mail.body + mail.from_email
        assert "other@example.org" not in mail.body


def test_a_network_name_cannot_break_the_from_header(mailoutbox):
    NetworkSettings.objects.filter(pk=1).update(name='Red "Sur"\r\nBcc: spy@example.com')
    member = make_member(language="en")

    ask_for_reset(member.email)

    (mail,) = mailoutbox
    assert "\n" not in mail.from_email
    assert "\r" not in mail.from_email
    assert mail.from_email.endswith("<no-reply@example.net>")
    message = mail.message()
    assert message["Bcc"] is None
    assert mail.recipients() == [member.email]
