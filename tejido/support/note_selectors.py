"""Reads of facilitator notes: for the circle's facilitators only (tejido.access)."""

from tejido.access.base import AnyUser
from tejido.access.circle_sessions import NoteCard, can_read_notes, note_cards, visible_notes
from tejido.gatherings.models import Occurrence


def list_session_notes(*, viewer: AnyUser | None, occurrence: Occurrence) -> list[NoteCard]:
    """The notes written about the session's members, oldest first; none for anyone but the
    circle's facilitators."""
    if not can_read_notes(viewer, occurrence):
        return []
    return note_cards(viewer, visible_notes(viewer).filter(occurrence=occurrence.pk))
