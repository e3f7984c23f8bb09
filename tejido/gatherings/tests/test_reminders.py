"""Gatherings' notices and background work: the reminder N hours before a date reaches the
confirmed attendees once, at its moment, and never for a date moved or cancelled since; a seat
offer's end passes the seat on; changes and cancellations are told. With the database backend
the work waits in the queue for the worker, which runs it when it is due."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.gatherings.event_services import (
    cancel_event,
    cancel_occurrence,
    update_occurrence,
)
from tejido.gatherings.factories import EventFactory, OccurrenceFactory, RsvpFactory
from tejido.gatherings.models import Event, Rsvp
from tejido.gatherings.services import cancel_rsvp, rsvp
from tejido.gatherings.tasks import expire_seat_offer, schedule_reminder, send_reminder
from tejido.notifications.models import Notice

ADDRESS = "Calle del Marcador 77"


def _kinds(user) -> list[str]:
    return list(Notice.objects.filter(user=user).order_by("pk").values_list("kind", flat=True))


def _date(**event):
    return OccurrenceFactory(event=EventFactory(address=ADDRESS, reminder_hours=24, **event))


def _no_place_in_any_notice():
    for params in Notice.objects.values_list("params", flat=True):
        assert ADDRESS not in str(params)


@pytest.mark.django_db
def test_the_reminder_at_its_moment_tells_the_confirmed_once():
    occurrence = _date()
    confirmed = [RsvpFactory(occurrence=occurrence).user for _ in range(2)]
    waiting = RsvpFactory(occurrence=occurrence, seat=Rsvp.Seat.WAITLISTED).user
    maybe = RsvpFactory(occurrence=occurrence, answer="maybe", seat=Rsvp.Seat.NONE).user
    start = occurrence.starts_at.isoformat()
    with time_machine.travel(occurrence.starts_at - timedelta(hours=24), tick=False):
        assert send_reminder.call(occurrence.pk, start) == 2
        # Run again (a worker retried it): nobody hears twice.
        assert send_reminder.call(occurrence.pk, start) == 0
    for person in confirmed:
        assert _kinds(person) == ["event_reminder"]
        notice = Notice.objects.get(user=person)
        assert notice.url == f"/events/{occurrence.pk}/"
    assert _kinds(waiting) == []
    assert _kinds(maybe) == []
    _no_place_in_any_notice()


@pytest.mark.django_db
def test_a_reminder_made_for_a_date_since_moved_does_nothing():
    occurrence = _date()
    person = RsvpFactory(occurrence=occurrence).user
    old_start = occurrence.starts_at
    new_start = old_start + timedelta(days=2)
    update_occurrence(
        actor=OrganiserFactory(),
        occurrence=occurrence,
        starts_at=new_start,
        ends_at=new_start + timedelta(hours=2),
    )
    assert _kinds(person) == ["event_changed"]
    with time_machine.travel(old_start - timedelta(hours=24), tick=False):
        assert send_reminder.call(occurrence.pk, old_start.isoformat()) == 0
    with time_machine.travel(new_start - timedelta(hours=24), tick=False):
        assert send_reminder.call(occurrence.pk, new_start.isoformat()) == 1
    assert _kinds(person) == ["event_changed", "event_reminder"]
    _no_place_in_any_notice()


@pytest.mark.django_db
def test_a_cancelled_date_or_event_sends_no_reminder():
    organiser = OrganiserFactory()
    one = _date()
    person = RsvpFactory(occurrence=one).user
    cancel_occurrence(actor=organiser, occurrence=one)
    assert _kinds(person) == ["occurrence_cancelled"]
    other = _date()
    someone = RsvpFactory(occurrence=other).user
    cancel_event(actor=organiser, event=other.event)
    with time_machine.travel(one.starts_at - timedelta(hours=24), tick=False):
        assert send_reminder.call(one.pk, one.starts_at.isoformat()) == 0
        assert send_reminder.call(other.pk, other.starts_at.isoformat()) == 0
    assert "event_reminder" not in _kinds(person)
    assert "event_reminder" not in _kinds(someone)
    _no_place_in_any_notice()


@pytest.mark.django_db
def test_a_reminder_after_the_start_is_not_sent():
    occurrence = _date()
    RsvpFactory(occurrence=occurrence)
    with time_machine.travel(occurrence.starts_at + timedelta(minutes=5), tick=False):
        assert send_reminder.call(occurrence.pk, occurrence.starts_at.isoformat()) == 0


@pytest.mark.django_db
def test_an_offer_that_runs_out_passes_the_seat_on():
    occurrence = _date(capacity=1, promotion=Event.Promotion.OFFER, offer_hours=12)
    first, second, third = UserFactory.create_batch(3)
    for person in (first, second, third):
        rsvp(actor=person, occurrence=occurrence, answer="going")
    assert _kinds(third) == ["rsvp_waitlisted"]
    assert Notice.objects.get(user=third).params["position"] == 2
    cancel_rsvp(actor=first, occurrence=occurrence)
    offer = Rsvp.objects.get(user=second)
    assert offer.seat == Rsvp.Seat.OFFERED
    expires = offer.offer_expires_at
    assert expires is not None
    # Early, the task leaves the offer alone.
    with time_machine.travel(expires - timedelta(minutes=1), tick=False):
        assert expire_seat_offer.call(offer.pk, expires.isoformat()) is False
    with time_machine.travel(expires + timedelta(seconds=1), tick=False):
        assert expire_seat_offer.call(offer.pk, expires.isoformat()) is True
        assert expire_seat_offer.call(offer.pk, expires.isoformat()) is False
    assert Rsvp.objects.get(user=second).seat == Rsvp.Seat.NONE
    assert Rsvp.objects.get(user=third).seat == Rsvp.Seat.OFFERED
    assert _kinds(second)[-1] == "seat_offer_lapsed"
    assert _kinds(third)[-1] == "seat_offered"


# A real transaction: the worker closes the database connection after its batch, which on
# PostgreSQL would end a test wrapped in one.
@pytest.mark.django_db(transaction=True)
def test_the_database_worker_sends_the_reminder_when_it_is_due(
    settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    occurrence = _date()
    person = RsvpFactory(occurrence=occurrence).user
    with django_capture_on_commit_callbacks(execute=True):
        schedule_reminder(occurrence)
    queued = DBTaskResult.objects.get(task_path__endswith="send_reminder")
    assert queued.run_after == occurrence.starts_at - timedelta(hours=24)
    # Before its moment the worker leaves it waiting.
    with time_machine.travel(occurrence.starts_at - timedelta(hours=25), tick=False):
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", "-v", "0")
    assert _kinds(person) == []
    with time_machine.travel(occurrence.starts_at - timedelta(hours=23), tick=False):
        call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", "-v", "0")
    assert _kinds(person) == ["event_reminder"]
