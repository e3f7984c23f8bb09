"""Writes of facilitator notes. A note's text goes only into its encrypted column: never into
a log line, an error's message, the audit log (which records that a note was written, by
number) or a notice."""

from datetime import datetime, timedelta
from functools import partial

from django.db import transaction

from tejido.access.circle_sessions import can_write_note, visible_notes
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import NotFound
from tejido.core.text import TextRule
from tejido.gatherings.models import Occurrence
from tejido.gatherings.tasks import run_at
from tejido.support import session_audit  # noqa: F401  (registers the audit labels)
from tejido.support.models import Circle, FacilitatorNote, Place
from tejido.support.tasks import forget_expired_notes

NOTE_RULE = TextRule(4000, required=True, multiline=True)


@transaction.atomic
def write_note(
    *,
    actor: User,
    occurrence: Occurrence,
    place_id: int,
    text: str,
    moment: datetime | None = None,
) -> FacilitatorNote:
    """A note about one member of the session's circle, for the circle's facilitators; it is
    forgotten when the circle's retention period has passed (tejido.support.tasks)."""
    place = Place.objects.select_related("circle").filter(pk=place_id).first()
    if place is None or not can_write_note(actor, occurrence, place, moment or now()):
        raise NotFound()
    note = FacilitatorNote.objects.create(
        occurrence=occurrence, place=place, author=actor, text=NOTE_RULE.clean(text, field="text")
    )
    record_action(actor=actor, action="circle_note.write", target=note)
    due = note.created_at + timedelta(days=place.circle.retention_days)
    circle_id = place.circle_id
    transaction.on_commit(lambda: run_at(forget_expired_notes, due, circle_id), robust=True)
    return note


def reschedule_forgetting(circle: Circle) -> None:
    """After the circle's retention period changed: the notes now past it forgotten at once,
    and each other note at its new end, which the moments its writing set no longer match
    (a shorter period must not wait for them, a longer one must not pass them by)."""
    kept = timedelta(days=circle.retention_days)
    written = FacilitatorNote.objects.filter(place__circle=circle).values_list(
        "created_at", flat=True
    )
    circle_id, moment = circle.pk, now()
    for due in sorted({max(created + kept, moment) for created in written}):
        transaction.on_commit(partial(run_at, forget_expired_notes, due, circle_id), robust=True)


@transaction.atomic
def delete_note(*, actor: User, note_id: int) -> None:
    """A facilitator of the circle deletes a note at once."""
    note = visible_notes(actor).filter(pk=note_id).first()
    if note is None:
        raise NotFound()
    record_action(actor=actor, action="circle_note.delete", target=note)
    note.delete()


def rotate_note_keys(*, batch: int = 500) -> int:
    """Re-encrypt every note with the first of settings.TEJIDO_NOTE_KEYS (each note is opened
    with whichever key sealed it), a batch per transaction. Returns how many notes."""
    done, last = 0, 0
    while True:
        with transaction.atomic():
            notes = list(FacilitatorNote.objects.filter(pk__gt=last).order_by("pk")[:batch])
            for note in notes:
                FacilitatorNote.objects.filter(pk=note.pk).update(text=note.text)
        if not notes:
            return done
        done += len(notes)
        last = notes[-1].pk
