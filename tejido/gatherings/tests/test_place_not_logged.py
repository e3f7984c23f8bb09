"""The exact address and the call link never reach a log: not Python's logging (every logger
at DEBUG, SQL statements and their parameters included), not the audit log, across making a
gathering (page and API), changing its place, answering it, a waitlist, the moment its place is
revealed (the page, its calendar files, the feed, the API) and the reminder."""

import json
import logging
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.tokens import create_token
from tejido.audit.models import AuditEntry
from tejido.core.clock import now
from tejido.gatherings.calendar_services import create_or_renew_feed
from tejido.gatherings.models import AddressView, Event, Rsvp
from tejido.gatherings.tasks import send_reminder

pytestmark = pytest.mark.django_db

ADDRESS = "Calle Secreta del Registro 17"
CALL = "https://call.example.org/sala-del-registro"
NEW_ADDRESS = "Plaza Escondida del Registro 3"
API_ADDRESS = "Travesía del Registro 9"
API_CALL = "https://call.example.org/otra-sala-del-registro"
SECRETS = (ADDRESS, CALL, NEW_ADDRESS, API_ADDRESS, API_CALL)
ZONE = ZoneInfo(settings.TIME_ZONE)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(user) -> dict[str, str]:
    _token, secret = create_token(actor=user, name="logs")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.fixture
def every_log(caplog):
    """Every logger at DEBUG (the request logger too, which the settings keep at ERROR), and
    every SQL statement logged with its parameters, as with DEBUG on."""
    caplog.set_level(logging.DEBUG)
    for name in ("django", "django.request", "django.db.backends", "django.tasks", "tejido"):
        caplog.set_level(logging.DEBUG, logger=name)
    connection.force_debug_cursor = True
    yield caplog
    connection.force_debug_cursor = False


def _logged(caplog) -> str:
    parts = [caplog.text]
    for record in caplog.records:
        parts.append(record.getMessage())
        parts.append(repr(record.args))
        parts.append(record.exc_text or "")
    return "\n".join(parts)


def test_the_place_never_reaches_a_log(every_log):
    organiser = OrganiserFactory(language="en")
    going, waiting = UserFactory(language="en"), UserFactory(language="en")
    day = (now() + timedelta(days=3)).astimezone(ZONE).date()
    host = _client(organiser)

    # Made on the page, with a place and a call link.
    made = host.post(
        reverse("event_create"),
        {
            "kind": "social",
            "title_es": "Cena del registro",
            "title_en": "Logbook dinner",
            "visibility": "network",
            "start_date": day.isoformat(),
            "start_time": "19:30",
            "end_date": day.isoformat(),
            "end_time": "22:00",
            "mode": "both",
            "address": ADDRESS,
            "call_link": CALL,
            "reveal_hours": "24",
            "capacity": "1",
            "promotion": "at_once",
            "offer_hours": "12",
            "attendee_list": "hosts",
            "reminder_hours": "24",
        },
    )
    assert made.status_code == 302, made.content.decode()[:2000]
    event = Event.objects.get(title_es="Cena del registro")
    assert (event.address, event.call_link) == (ADDRESS, CALL)
    occurrence = event.occurrences.get()
    # A bad change on the page: its errors are for the form, not the logs.
    assert (
        host.post(reverse("event_edit", args=[event.pk]), {"address": ADDRESS}).status_code == 400
    )

    # Made and changed through the API.
    headers = _api(organiser)
    starts = datetime.combine(day + timedelta(days=1), time(18), ZONE)
    answer = Client().post(
        "/api/v1/events",
        json.dumps(
            {
                "title_es": "Otra del registro",
                "starts_at": starts.isoformat(),
                "ends_at": (starts + timedelta(hours=2)).isoformat(),
                "mode": "both",
                "address": API_ADDRESS,
                "call_link": API_CALL,
            }
        ),
        content_type="application/json",
        **headers,
    )
    assert answer.status_code == 201, answer.content
    changed = Client().patch(
        f"/api/v1/events/{event.pk}",
        json.dumps({"address": NEW_ADDRESS}),
        content_type="application/json",
        **headers,
    )
    assert changed.status_code == 200, changed.content

    # Answered: one seat taken, the next one waits; then the place is revealed.
    rsvp_url = reverse("occurrence_rsvp", args=[occurrence.pk])
    assert _client(going).post(rsvp_url, {"answer": "going"}).status_code == 302
    assert _client(waiting).post(rsvp_url, {"answer": "going"}).status_code == 302
    assert Rsvp.objects.get(user=waiting).seat == Rsvp.Seat.WAITLISTED
    secret = create_or_renew_feed(actor=going)
    with time_machine.travel(occurrence.starts_at - timedelta(hours=2), tick=False):
        member = _client(going)
        page = member.get(reverse("occurrence_detail", args=[occurrence.pk])).content.decode()
        assert NEW_ADDRESS in page
        assert CALL in page
        for name in ("occurrence_calendar", "series_calendar"):
            assert member.get(reverse(name, args=[occurrence.pk])).status_code == 200
        assert Client().get(f"/calendar/{secret}.ics").status_code == 200
        detail = Client().get(f"/api/v1/occurrences/{occurrence.pk}", **_api(going))
        assert json.loads(detail.content)["address"] == NEW_ADDRESS
        assert AddressView.objects.filter(user=going).exists()
        # The one waiting is refused the place, and a stranger the host's tools.
        url = reverse("occurrence_detail", args=[occurrence.pk])
        assert NEW_ADDRESS not in _client(waiting).get(url).content.decode()
        assert _client(waiting).get(reverse("event_edit", args=[event.pk])).status_code == 404
        assert host.get(reverse("occurrence_detail", args=[occurrence.pk])).status_code == 200
    with time_machine.travel(occurrence.starts_at - timedelta(hours=24), tick=False):
        assert send_reminder.call(occurrence.pk, occurrence.starts_at.isoformat()) == 1
    # Withdrawing gives the seat to the one waiting.
    assert _client(going).post(reverse("occurrence_withdraw", args=[occurrence.pk])).status_code
    assert Rsvp.objects.get(user=waiting).seat == Rsvp.Seat.CONFIRMED

    records = every_log.records
    # The logs were listening: SQL statements, the tasks' runs, the 4xx warnings.
    assert any(r.name == "django.db.backends" for r in records)
    assert any(r.name.startswith("django.request") for r in records)
    logged = _logged(every_log)
    # ...with their parameters: the title, which is not sealed, is there in the clear.
    assert "Cena del registro" in logged
    for secret_text in SECRETS:
        assert secret_text not in logged, secret_text
        assert secret_text.split("/")[-1] not in logged, secret_text
    entries = AuditEntry.objects.filter(target_kind__icontains="event")
    assert entries.exists()
    audit = "\n".join(
        json.dumps(row, default=str)
        for row in entries.values("action", "target_name", "target_key", "detail")
    )
    for secret_text in SECRETS:
        assert secret_text not in audit, secret_text
