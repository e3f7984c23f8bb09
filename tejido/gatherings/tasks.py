"""Gatherings' background work, on Django's tasks framework with the database worker: the end
of a seat offer, reminders before an occurrence, and keeping a series' dates ahead."""

from datetime import timedelta

from django.db import transaction
from django.tasks import task
from django.urls import reverse

from tejido.access.events import audience_of_event
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.core.later import run_at
from tejido.gatherings.models import Event, Occurrence, Rsvp
from tejido.gatherings.moments import occurrence_params
from tejido.notifications.services import notify

__all__ = ["expire_seat_offer", "extend_series", "run_at", "send_reminder"]


@task()
def expire_seat_offer(rsvp_id: int, expires_at: str) -> bool:
    """A seat offer ran out: the seat goes to the next person waiting."""
    from tejido.gatherings.services import lapse_offer

    return lapse_offer(rsvp_id=rsvp_id, expires_at=expires_at)


def schedule_reminder(occurrence: Occurrence) -> None:
    """After the transaction commits, have the reminder sent `reminder_hours` before the start;
    a task made for an earlier start finds the date moved and does nothing."""
    moment = occurrence.starts_at - timedelta(hours=occurrence.event.reminder_hours)
    if occurrence.starts_at <= now():
        return
    start = occurrence.starts_at.isoformat()
    transaction.on_commit(lambda: run_at(send_reminder, moment, occurrence.pk, start), robust=True)


@task()
def send_reminder(occurrence_id: int, starts_at: str) -> int:
    """Remind everyone with a confirmed seat, once, if the occurrence still starts at
    `starts_at`, is not cancelled and has not started. Returns how many were reminded."""
    with transaction.atomic():
        occurrence = (
            Occurrence.objects.select_for_update()
            .select_related("event")
            .filter(pk=occurrence_id, reminded_at__isnull=True, cancelled_at__isnull=True)
            .first()
        )
        if (
            occurrence is None
            or occurrence.event.cancelled_at is not None
            or occurrence.starts_at.isoformat() != starts_at
            or occurrence.starts_at <= now()
        ):
            return 0
        occurrence.reminded_at = now()
        occurrence.save(update_fields=["reminded_at", "updated_at"])
        going = User.objects.filter(
            pk__in=Rsvp.objects.filter(occurrence=occurrence, seat=Rsvp.Seat.CONFIRMED).values(
                "user"
            ),
        ).filter(pk__in=audience_of_event(occurrence.event).values("pk"))
        url = reverse("occurrence_detail", args=[occurrence.pk])
        count = 0
        for user in going:
            notify(
                user=user,
                kind="event_reminder",
                about=occurrence.event,
                params=occurrence_params(user, occurrence),
                url=url,
            )
            count += 1
        return count


@task()
def extend_series(event_id: int) -> int:
    """Make the series' dates that have come within the horizon, and come back in a month.
    Returns how many were made."""
    from tejido.gatherings.event_services import make_occurrences

    event = Event.objects.filter(pk=event_id, cancelled_at__isnull=True).first()
    if event is None or not event.recurrence:
        return 0
    made = make_occurrences(event)
    run_at(extend_series, now() + timedelta(days=30), event_id)
    return made
