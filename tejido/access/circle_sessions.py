"""Support circles' sessions, attendance and facilitator notes: who sees what.

A circle's sessions are gatherings events (tejido.access.events decides who knows of them: the
circle's members and facilitators). Here: who makes a circle's series (its facilitators), who
records and sees attendance (its facilitators, about the members in the circle, blocks
holding), and who writes and reads the notes (its facilitators only: not organisers, not the
member noted). Whether someone facilitates a circle is asked of the models directly."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from tejido.access.base import AnyUser, in_good_standing, is_vetted, register_audience
from tejido.access.members import member_cards, visible_members, with_card_columns
from tejido.accounts.models import User
from tejido.gatherings.models import Event, Occurrence
from tejido.support.models import (
    Attendance,
    Circle,
    Facilitator,
    FacilitatorNote,
    Place,
    PlaceState,
)


def facilitated_circles(viewer: AnyUser | None) -> QuerySet[Facilitator, Any]:
    """The ids of the circles the viewer facilitates (none unless vetted)."""
    if not is_vetted(viewer):
        return Facilitator.objects.none().values("circle")
    assert viewer is not None
    return Facilitator.objects.filter(user=viewer.pk).values("circle")


def facilitates(viewer: AnyUser | None, circle_id: int | None) -> bool:
    return circle_id is not None and facilitated_circles(viewer).filter(circle=circle_id).exists()


def _session_circle(occurrence: Occurrence) -> int | None:
    event = occurrence.event
    return event.circle_id if event.visibility == Event.Visibility.CIRCLE else None


def can_create_sessions(actor: AnyUser | None, circle: Circle) -> bool:
    """A circle's facilitators make its session series, while it is not archived."""
    return circle.archived_at is None and facilitates(actor, circle.pk)


def can_record_attendance(actor: AnyUser | None, occurrence: Occurrence, now: datetime) -> bool:
    """Facilitators of the session's circle, once it has started, unless it was cancelled."""
    return (
        occurrence.starts_at <= now
        and occurrence.cancelled_at is None
        and facilitates(actor, _session_circle(occurrence))
    )


def can_read_notes(viewer: AnyUser | None, occurrence: Occurrence) -> bool:
    """The session's notes and its attendance: its circle's facilitators, nobody else."""
    return facilitates(viewer, _session_circle(occurrence))


def can_write_note(
    actor: AnyUser | None, occurrence: Occurrence, place: Place, now: datetime
) -> bool:
    """About a member of the session's circle (not oneself), once the session has started."""
    circle = _session_circle(occurrence)
    return (
        occurrence.starts_at <= now
        and place.circle_id == circle
        and place.state == PlaceState.MEMBER
        and place.user_id != getattr(actor, "pk", None)
        and facilitates(actor, circle)
        and visible_members(actor).filter(pk=place.user_id).exists()
    )


def session_places(viewer: AnyUser | None, occurrence: Occurrence) -> QuerySet[Place]:
    """The places of the members of the session's circle whom its facilitator may see (blocks
    hold); none for anyone else."""
    circle = _session_circle(occurrence)
    if not facilitates(viewer, circle):
        return Place.objects.none()
    assert isinstance(viewer, User)
    return Place.objects.filter(
        circle=circle,
        state=PlaceState.MEMBER,
        user__in=visible_members(viewer).exclude(pk=viewer.pk),
    )


def visible_attendance(viewer: AnyUser | None) -> QuerySet[Attendance]:
    """Attendance in the circles the viewer facilitates, of members they may see."""
    return Attendance.objects.filter(
        place__circle__in=facilitated_circles(viewer),
        place__state=PlaceState.MEMBER,
        place__user__in=visible_members(viewer),
    )


def visible_notes(viewer: AnyUser | None) -> QuerySet[FacilitatorNote]:
    """Notes in the circles the viewer facilitates, about members they may see. Organisers
    and the member noted get none unless they facilitate that circle."""
    return FacilitatorNote.objects.filter(
        place__circle__in=facilitated_circles(viewer),
        place__state=PlaceState.MEMBER,
        place__user__in=visible_members(viewer),
    )


def _facilitators_of(circle_id: int) -> QuerySet[User]:
    return User.objects.filter(
        in_good_standing(),
        pk__in=Facilitator.objects.filter(circle=circle_id).values("user"),
    )


@register_audience(FacilitatorNote)
def audience_of_note(note: FacilitatorNote) -> QuerySet[User]:
    return _facilitators_of(note.place.circle_id)


@register_audience(Attendance)
def audience_of_attendance(attendance: Attendance) -> QuerySet[User]:
    return _facilitators_of(attendance.place.circle_id)


# --- the cards -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoteCard:
    id: int
    place_id: int
    member: str
    author: str
    text: str
    written_at: datetime


@dataclass(frozen=True)
class AttendanceRow:
    """A member of the circle on a session's attendance form: present True, False, or not
    recorded yet (None)."""

    place_id: int
    member: str
    present: bool | None


def _names(viewer: AnyUser | None, ids: set[int]) -> dict[int, str]:
    users = with_card_columns(visible_members(viewer).filter(pk__in=ids)) if ids else []
    return {card.id: card.chosen_name for card in member_cards(viewer, users)}


def note_cards(viewer: AnyUser | None, notes: QuerySet[FacilitatorNote]) -> list[NoteCard]:
    """Cards of the notes among `notes` the viewer may read, in three queries."""
    rows = list(visible_notes(viewer).filter(pk__in=notes.values("pk")).select_related("place"))
    names = _names(viewer, {n.place.user_id for n in rows} | {n.author_id or 0 for n in rows})
    return [
        NoteCard(
            id=n.pk,
            place_id=n.place_id,
            member=names.get(n.place.user_id, ""),
            author=names.get(n.author_id or 0, ""),
            text=n.text,
            written_at=n.created_at,
        )
        for n in rows
    ]


def attendance_rows(viewer: AnyUser | None, occurrence: Occurrence) -> list[AttendanceRow]:
    """The session's attendance form for its facilitator, in four queries; empty for anyone
    else."""
    places = list(session_places(viewer, occurrence))
    recorded = dict(
        visible_attendance(viewer)
        .filter(occurrence=occurrence.pk, place__in=[p.pk for p in places])
        .values_list("place", "present")
    )
    names = _names(viewer, {p.user_id for p in places})
    rows = [
        AttendanceRow(place_id=p.pk, member=names.get(p.user_id, ""), present=recorded.get(p.pk))
        for p in places
    ]
    return sorted(rows, key=lambda row: (row.member.casefold(), row.place_id))
