"""Writes about circles' sessions: a facilitator makes the circle's series (a gatherings event
seen only by the circle, tejido.access.events) and records who came to each
session. Nothing here names the circle or the session outside the circle's own pages: the
audit log gets numbers, notices are content-free (Event.notices_content_free)."""

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction

from tejido.access.base import AnyUser
from tejido.access.circle_sessions import (
    can_create_sessions,
    can_record_attendance,
    session_places,
)
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotFound
from tejido.gatherings.errors import BadDates
from tejido.gatherings.event_services import (
    clean_event_fields,
    make_occurrences,
    repeat_rule,
)
from tejido.gatherings.models import Event, Occurrence, Rsvp
from tejido.gatherings.services import lock_occurrence
from tejido.gatherings.tasks import extend_series, run_at
from tejido.support import session_audit  # noqa: F401  (registers the audit labels)
from tejido.support.models import Attendance, Circle
from tejido.support.session_errors import AttendanceNotYet, BadFrequency

FREQUENCIES = ("weekly", "fortnightly")
# Attendance marks recorded at once, one a place: more than a circle has places
# (rules.MAX_PLACES), so a longer list names places outside the circle.
MAX_MARKS = 500
# The fields of a session series its facilitators choose; the rest is fixed for a circle.
SERIES_FIELDS = (
    "title_es",
    "title_en",
    "description_es",
    "description_en",
    "starts_at",
    "ends_at",
    "mode",
    "address",
    "call_link",
    "reveal_hours",
)


def _circle_for(actor: AnyUser, circle: Circle | int) -> Circle:
    found = circle if isinstance(circle, Circle) else Circle.objects.filter(pk=circle).first()
    if found is None or not can_create_sessions(actor, found):
        raise NotFound()
    return found


@transaction.atomic
def create_session_series(
    *, actor: User, circle: Circle | int, frequency: str, **fields: Any
) -> Event:
    """Make the circle's sessions: a weekly or fortnightly series whose exact place only its
    confirmed attendees see, shortly before each session; who comes is for the facilitators."""
    chosen = _circle_for(actor, circle)
    if frequency not in FREQUENCIES:
        raise BadFrequency(detail={"frequency": str(BadFrequency.message)})
    unknown = set(fields) - set(SERIES_FIELDS)
    if unknown:
        raise TypeError(f"A session series has no field {sorted(unknown)[0]!r}.")
    if "starts_at" not in fields or "ends_at" not in fields:
        raise BadDates(detail={"starts_at": str(BadDates.message)})
    event = Event(
        kind=Event.Kind.SUPPORT_SESSION,
        visibility=Event.Visibility.CIRCLE,
        circle=chosen,
        attendee_list=Event.AttendeeList.HOSTS,
        languages=[chosen.language],
        created_by=actor,
        **clean_event_fields(fields),
    )
    if not (event.title_es or event.title_en):
        raise InvalidInput(detail={"title_es": str(InvalidInput.message)})
    if not timedelta(0) < event.ends_at - event.starts_at <= timedelta(hours=12):
        raise BadDates(detail={"ends_at": str(BadDates.message)})
    event.recurrence = repeat_rule(
        frequency, event.starts_at, event.time_zone, count=None, until=None
    )
    event.save()
    make_occurrences(event, after=event.starts_at)
    transaction.on_commit(
        lambda: run_at(extend_series, now() + timedelta(days=30), event.pk), robust=True
    )
    record_action(actor=actor, action="circle_session.create", target=event)
    return event


@transaction.atomic
def record_session_attendance(
    *, actor: User, occurrence: Occurrence, present: dict[int, bool], moment: datetime | None = None
) -> int:
    """Record who came to a session, by place: for the circle's members the facilitator may
    see. A place outside the circle answers as if it did not exist. Returns how many rows."""
    locked = lock_occurrence(occurrence)
    if not can_record_attendance(actor, locked, moment or now()):
        if can_record_attendance(actor, locked, locked.starts_at):
            raise AttendanceNotYet()
        raise NotFound()
    if len(present) > MAX_MARKS:
        raise NotFound()
    places = set(session_places(actor, locked).values_list("pk", flat=True))
    if not set(present) <= places:
        raise NotFound()
    for place_id, came in present.items():
        Attendance.objects.update_or_create(
            occurrence=locked,
            place_id=place_id,
            defaults={"present": bool(came), "recorded_by": actor},
        )
    if present:
        record_action(actor=actor, action="circle_session.attendance", target=locked)
    return len(present)


def withdraw_from_circle_sessions(*, user_id: int, circle_id: int) -> int:
    """Someone who left a circle (their place deleted) no longer answers its sessions to come:
    the facilitators' list of who is going forgets them. Returns how many answers went."""
    deleted, _ = Rsvp.objects.filter(
        user=user_id,
        occurrence__event__circle=circle_id,
        occurrence__event__visibility=Event.Visibility.CIRCLE,
        occurrence__ends_at__gt=now(),
    ).delete()
    return deleted


__all__ = [
    "FREQUENCIES",
    "create_session_series",
    "record_session_attendance",
    "withdraw_from_circle_sessions",
]
