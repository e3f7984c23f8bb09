"""Reads about circles' sessions, always with `viewer=`: a member's sessions to come, the
circle a facilitator makes sessions for, and a session's attendance page (facilitators only).
A session the viewer may not see answers NotFound, as a missing one does."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet

from tejido.access.base import AnyUser
from tejido.access.circle_sessions import (
    AttendanceRow,
    NoteCard,
    attendance_rows,
    can_create_sessions,
    can_read_notes,
    can_record_attendance,
    facilitated_circles,
)
from tejido.access.events import visible_occurrences
from tejido.core.clock import now
from tejido.core.errors import NotFound
from tejido.gatherings.models import Event, Occurrence
from tejido.support.models import Circle
from tejido.support.note_selectors import list_session_notes

MY_SESSIONS_LIMIT = 50


@dataclass(frozen=True)
class SessionCard:
    """One session of one of the viewer's circles, as they see it: where it is is on the
    gathering's page, for confirmed attendees, shortly before it starts."""

    id: int
    circle_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    facilitating: bool


def _sessions(viewer: AnyUser | None) -> QuerySet[Occurrence]:
    return (
        visible_occurrences(viewer)
        .filter(event__visibility=Event.Visibility.CIRCLE)
        .select_related("event")
        .defer("event__address", "event__call_link")
    )


def _cards(viewer: AnyUser | None, occurrences: list[Occurrence]) -> list[SessionCard]:
    mine = (
        set(facilitated_circles(viewer).values_list("circle", flat=True)) if occurrences else set()
    )
    return [
        SessionCard(
            id=o.pk,
            circle_id=o.event.circle_id or 0,
            title=o.event.title,
            starts_at=o.starts_at,
            ends_at=o.ends_at,
            facilitating=o.event.circle_id in mine,
        )
        for o in occurrences
    ]


def list_my_sessions(
    *, viewer: AnyUser | None, circle_id: int | None = None, limit: int = MY_SESSIONS_LIMIT
) -> list[SessionCard]:
    """The viewer's circles' sessions to come, soonest first (one circle's with `circle_id`)."""
    upcoming = _sessions(viewer).filter(
        ends_at__gt=now(), cancelled_at__isnull=True, event__cancelled_at__isnull=True
    )
    if circle_id is not None:
        upcoming = upcoming.filter(event__circle=circle_id)
    return _cards(viewer, list(upcoming.order_by("starts_at", "pk")[:limit]))


def get_next_session(*, viewer: AnyUser | None) -> SessionCard | None:
    """The viewer's next circle session, for the home page (which names no circle)."""
    found = list_my_sessions(viewer=viewer, limit=1)
    return found[0] if found else None


def get_circle_to_schedule(*, viewer: AnyUser | None, circle_id: int) -> Circle:
    """A circle the viewer may make sessions for (its facilitator), else NotFound."""
    circle = Circle.objects.filter(pk=circle_id).first()
    if circle is None or not can_create_sessions(viewer, circle):
        raise NotFound()
    return circle


def get_session(*, viewer: AnyUser | None, occurrence_id: int) -> Occurrence:
    """A session the viewer facilitates, for recording attendance and notes; else NotFound."""
    occurrence = _sessions(viewer).filter(pk=occurrence_id).first()
    if occurrence is None or not can_read_notes(viewer, occurrence):
        raise NotFound()
    return occurrence


def list_session_attendance(*, viewer: AnyUser | None, occurrence_id: int) -> list[AttendanceRow]:
    """A session's attendance form, for the circle's facilitators only (else NotFound)."""
    return attendance_rows(viewer, get_session(viewer=viewer, occurrence_id=occurrence_id))


@dataclass(frozen=True)
class SessionPage:
    card: SessionCard
    attendance: list[AttendanceRow]
    notes: list[NoteCard] = field(default_factory=list)
    can_record: bool = False


def get_session_page(*, viewer: AnyUser | None, occurrence_id: int) -> SessionPage:
    """A session's attendance and notes, for the circle's facilitators only."""
    occurrence = get_session(viewer=viewer, occurrence_id=occurrence_id)
    return SessionPage(
        card=_cards(viewer, [occurrence])[0],
        attendance=attendance_rows(viewer, occurrence),
        notes=list_session_notes(viewer=viewer, occurrence=occurrence),
        can_record=can_record_attendance(viewer, occurrence, now()),
    )
