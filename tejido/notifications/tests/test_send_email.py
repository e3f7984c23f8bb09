"""Emails to addresses that are not a member's (an invitation, say): rendered in the language
asked for, one recipient per message, and queued ones leave only if the transaction commits."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from tejido.network.models import NetworkSettings
from tejido.notifications.email import send_email
from tejido.notifications.services import queue_email

pytestmark = pytest.mark.django_db

SUBJECT = _("You have a new notification")
TEXT = _("See it here: %(link)s")


@pytest.fixture(autouse=True)
def _sender(settings):
    settings.DEFAULT_FROM_EMAIL = "Tejido <tejido@example.org>"
    network = NetworkSettings.current()
    network.name = "Red Arcoíris"
    network.save()


def test_send_email_renders_in_the_language_asked_for(translations):
    sent = send_email(
        to="friend@example.net",
        subject=SUBJECT,
        text=TEXT,
        params={"link": "https://tejido.example.org/join/abc/"},
        language="es",
    )
    assert sent == 1
    [message] = mail.outbox
    assert message.to == ["friend@example.net"]
    assert message.subject == "Tienes una notificación nueva"
    assert message.body == "Puedes verlo aquí: https://tejido.example.org/join/abc/\n"
    assert message.from_email == "Red Arcoíris <tejido@example.org>"


def test_send_email_defaults_to_the_sites_language(translations, settings):
    send_email(to="friend@example.net", subject=SUBJECT, text=TEXT, params={"link": "x"})
    assert mail.outbox[0].subject == "Tienes una notificación nueva"
    assert settings.LANGUAGE_CODE == "es"


def test_queued_email_leaves_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(
            to="friend@example.net",
            subject=SUBJECT,
            text=TEXT,
            params={"link": "https://tejido.example.org/"},
            language="en",
        )
        assert mail.outbox == []
    [message] = mail.outbox
    assert message.subject == "You have a new notification"
    assert message.body == "See it here: https://tejido.example.org/\n"
    assert message.to == ["friend@example.net"]


def test_queued_email_is_dropped_on_rollback(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                queue_email(
                    to="friend@example.net", subject=SUBJECT, text=TEXT, params={"link": ""}
                )
                raise RuntimeError("the invitation failed")
        except RuntimeError:
            pass
    assert mail.outbox == []


def test_a_subject_is_always_one_line():
    send_email(to="a@example.net", subject="Line one\nBcc: victim@example.net", text="x")
    [message] = mail.outbox
    assert "\n" not in message.subject
    assert message.recipients() == ["a@example.net"]


def test_the_sender_name_is_one_safe_quoted_line(settings):
    from tejido.notifications.email import sender

    network = NetworkSettings.current()
    network.name = 'Red "Arco" <LGBTQ+>\nBcc: x@example.net'
    network.save()
    assert sender() == '"Red \\"Arco\\" <LGBTQ+> Bcc: x@example.net" <tejido@example.org>'
    send_email(to="a@example.net", subject="s", text="t")
    assert mail.outbox[0].recipients() == ["a@example.net"]
    settings.DISCREET_SENDER_NAME = "Notifications"
    assert sender(discreet=True) == "Notifications <tejido@example.org>"
