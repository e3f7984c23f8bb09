"""Emails to addresses that are not a member's (an invitation) and account emails: queued ones
leave only if the transaction commits, each to one recipient, with our sender and headers."""

import pytest
from django.core import mail
from django.db import transaction

from tejido.network.models import NetworkSettings
from tejido.notifications.email import sender
from tejido.notifications.services import queue_email

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _sender(settings):
    settings.DEFAULT_FROM_EMAIL = "Tejido <tejido@example.org>"
    settings.DISCREET_SENDER_NAME = "Notifications"
    network = NetworkSettings.current()
    network.name = "Red Arcoíris"
    network.save()


def test_queued_email_leaves_after_commit_with_our_sender_and_headers(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(to="friend@example.net", subject="Your invitation", body="Hello,\n")
        assert mail.outbox == []
    [message] = mail.outbox
    assert (message.to, message.subject, message.body) == (
        ["friend@example.net"],
        "Your invitation",
        "Hello,\n",
    )
    assert message.from_email == "Red Arcoíris <tejido@example.org>"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"


def test_a_discreet_email_has_the_neutral_sender(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(to="a@example.net", subject="Account notice", body="x", discreet=True)
    assert mail.outbox[0].from_email == "Notifications <tejido@example.org>"


def test_html_goes_along_as_an_alternative(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(to="a@example.net", subject="s", body="text", html="<p>text</p>")
    assert mail.outbox[0].alternatives[0].content == "<p>text</p>"


def test_queued_email_is_dropped_on_rollback(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                queue_email(to="friend@example.net", subject="s", body="b")
                raise RuntimeError("the invitation failed")
        except RuntimeError:
            pass
    assert mail.outbox == []


def test_a_subject_is_always_one_line(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(to="a@example.net", subject="Line one\nBcc: victim@example.net", body="x")
    [message] = mail.outbox
    assert "\n" not in message.subject
    assert message.recipients() == ["a@example.net"]


def test_the_sender_name_is_one_safe_quoted_line(django_capture_on_commit_callbacks):
    network = NetworkSettings.current()
    network.name = 'Red "Arco" <LGBTQ+>\nBcc: x@example.net'
    network.save()
    assert sender() == '"Red \\"Arco\\" <LGBTQ+> Bcc: x@example.net" <tejido@example.org>'
    with django_capture_on_commit_callbacks(execute=True):
        queue_email(to="a@example.net", subject="s", body="t")
    assert mail.outbox[0].recipients() == ["a@example.net"]
    assert sender(discreet=True) == "Notifications <tejido@example.org>"
