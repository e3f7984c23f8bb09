"""Facilitator notes: written and read by the circle's facilitators only (not organisers, not
the member noted), encrypted at rest with their own keys, rotated by a command, forgotten when
the circle's retention period ends and when the member leaves; never in a log, an audit row or
an error page."""

import io
import logging
from datetime import timedelta

import pytest
import time_machine
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.db import connection

from tejido.access.circle_sessions import (
    audience_of_attendance,
    audience_of_note,
    can_read_notes,
    can_write_note,
    session_places,
    visible_notes,
)
from tejido.accounts.factories import BlockFactory
from tejido.audit.models import AuditEntry
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotFound
from tejido.support.circle_services import edit_circle
from tejido.support.models import Attendance, FacilitatorNote
from tejido.support.models.notes import decrypt_note, encrypt_note
from tejido.support.note_selectors import list_session_notes
from tejido.support.note_services import delete_note, rotate_note_keys, write_note
from tejido.support.session_selectors import get_session_page
from tejido.support.session_services import record_session_attendance
from tejido.support.tasks import forget_expired_notes

pytestmark = pytest.mark.django_db

NOTE = "Nota MARCADOR-NOTA: habló de su familia"


def _write(world, text=NOTE, **extra):
    place = world.place_of(world.member)
    return write_note(
        actor=world.facilitator, occurrence=world.past, place_id=place.pk, text=text, **extra
    )


def _stored(note) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM support_facilitatornote WHERE id = %s", [note.pk])
        return cursor.fetchone()[0]


def test_the_facilitator_writes_and_reads_a_note(world):
    note = _write(world)
    cards = list_session_notes(viewer=world.facilitator, occurrence=world.past)
    assert [(c.text, c.place_id) for c in cards] == [(NOTE, note.place_id)]
    assert cards[0].member == world.member.profile.chosen_name
    assert cards[0].author == world.facilitator.profile.chosen_name
    page = get_session_page(viewer=world.facilitator, occurrence_id=world.past.pk)
    assert page.notes == cards
    assert page.can_record


def test_nobody_else_reads_it(world):
    _write(world)
    for user in (world.member, world.other_member, world.organiser, world.stranger, None):
        assert not can_read_notes(user, world.past)
        assert list_session_notes(viewer=user, occurrence=world.past) == []
        assert not visible_notes(user).exists()
        assert not session_places(user, world.past).exists()


def test_only_facilitators_write_about_members_of_the_circle(world):
    member = world.place_of(world.member)
    for user in (world.member, world.organiser, world.stranger):
        with pytest.raises(NotFound):
            write_note(actor=user, occurrence=world.past, place_id=member.pk, text="x")
    for place_id in (world.place_of(world.asking).pk, 0):
        with pytest.raises(NotFound):
            write_note(actor=world.facilitator, occurrence=world.past, place_id=place_id, text="x")
    assert not can_write_note(world.facilitator, world.upcoming, member, now())
    with pytest.raises(InvalidInput):
        _write(world, text="   ")
    assert not FacilitatorNote.objects.exists()


def test_blocks_hold(world):
    _write(world)
    BlockFactory(blocker=world.member, blocked=world.facilitator)
    assert list_session_notes(viewer=world.facilitator, occurrence=world.past) == []
    with pytest.raises(NotFound):
        _write(world)


def test_encrypted_at_rest_with_its_own_keys(world, settings):
    note = _write(world)
    stored = _stored(note)
    assert stored.startswith("note:")
    assert "MARCADOR" not in stored
    assert decrypt_note(stored) == NOTE
    settings.TEJIDO_NOTE_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(InvalidToken):
        FacilitatorNote.objects.get(pk=note.pk)


def test_rotating_the_keys_re_encrypts_every_note(world, settings):
    old = settings.TEJIDO_NOTE_KEYS[0]
    notes = [_write(world, text=f"{NOTE} {i}") for i in range(3)]
    new = Fernet.generate_key().decode()
    settings.TEJIDO_NOTE_KEYS = [new, old]
    assert rotate_note_keys(batch=2) == 3
    settings.TEJIDO_NOTE_KEYS = [new]
    assert [FacilitatorNote.objects.get(pk=n.pk).text for n in notes] == [n.text for n in notes]
    settings.TEJIDO_NOTE_KEYS = [old, new]
    out = io.StringIO()
    call_command("rotate_note_keys", stdout=out)
    assert out.getvalue().strip() == "Re-encrypted 3 notes with the first key."
    settings.TEJIDO_NOTE_KEYS = [old]
    assert FacilitatorNote.objects.get(pk=notes[0].pk).text == notes[0].text


def test_forgotten_when_the_retention_period_ends(world):
    world.circle.retention_days = 30
    world.circle.save()
    note = _write(world)
    assert forget_expired_notes.call(world.circle.pk) == 0
    with time_machine.travel(note.created_at + timedelta(days=30, seconds=1)):
        later = _write(world, text="later", moment=now())
        assert forget_expired_notes.call(world.circle.pk) == 1
    assert list(FacilitatorNote.objects.values_list("pk", flat=True)) == [later.pk]
    assert forget_expired_notes.call(0) == 0


def test_a_shorter_retention_forgets_the_notes_past_it_at_once(
    world, django_capture_on_commit_callbacks
):
    old = _write(world)
    with time_machine.travel(old.created_at + timedelta(days=40)):
        recent = _write(world, text="reciente", moment=now())
        with django_capture_on_commit_callbacks(execute=True):
            edit_circle(actor=world.organiser, circle=world.circle, retention_days=30)
    assert list(FacilitatorNote.objects.values_list("pk", flat=True)) == [recent.pk]


def test_a_longer_retention_moves_each_notes_end(
    world, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    note = _write(world)
    with django_capture_on_commit_callbacks(execute=True):
        edit_circle(actor=world.organiser, circle=world.circle, retention_days=120)
    queued = DBTaskResult.objects.filter(task_path__endswith="forget_expired_notes")
    assert [q.run_after for q in queued] == [note.created_at + timedelta(days=120)]
    with pytest.raises(InvalidInput) as refused:
        edit_circle(actor=world.organiser, circle=world.circle, retention_days=0)
    assert set(refused.value.detail) == {"retention_days"}
    world.circle.refresh_from_db()
    assert world.circle.retention_days == 120


def test_the_default_retention_is_ninety_days(world):
    note = _write(world)
    with time_machine.travel(note.created_at + timedelta(days=89)):
        assert forget_expired_notes.call(world.circle.pk) == 0
    with time_machine.travel(note.created_at + timedelta(days=90, seconds=1)):
        assert forget_expired_notes.call(world.circle.pk) == 1


def test_leaving_takes_the_notes_and_attendance(world):
    _write(world)
    place = world.place_of(world.member)
    record_session_attendance(
        actor=world.facilitator, occurrence=world.past, present={place.pk: True}
    )
    place.delete()
    assert not FacilitatorNote.objects.exists()
    assert not Attendance.objects.exists()


def test_a_facilitator_deletes_a_note(world):
    note = _write(world)
    for user in (world.member, world.organiser):
        with pytest.raises(NotFound):
            delete_note(actor=user, note_id=note.pk)
    delete_note(actor=world.facilitator, note_id=note.pk)
    assert not FacilitatorNote.objects.exists()


def test_the_audiences_are_the_facilitators(world):
    note = _write(world)
    place = world.place_of(world.member)
    record_session_attendance(
        actor=world.facilitator, occurrence=world.past, present={place.pk: True}
    )
    assert list(audience_of_note(note)) == [world.facilitator]
    assert list(audience_of_attendance(Attendance.objects.get())) == [world.facilitator]


def test_never_in_logs_or_the_audit_log(world, caplog):
    caplog.set_level(logging.DEBUG)
    note = _write(world)
    delete_note(actor=world.facilitator, note_id=note.pk)
    _write(world)
    assert "MARCADOR" not in caplog.text
    assert "MARCADOR" not in str(list(AuditEntry.objects.values()))
    assert set(AuditEntry.objects.values_list("action", flat=True)) >= {
        "circle_note.write",
        "circle_note.delete",
    }
    assert "MARCADOR" not in repr(note)
    assert "MARCADOR" not in str(note)


def test_the_field_keeps_empty_text_empty():
    assert encrypt_note("x") != encrypt_note("x")
    field = FacilitatorNote._meta.get_field("text")
    assert field.get_prep_value("") == ""
    assert field.from_db_value(None, None, None) == ""


def test_a_gathering_that_is_no_circle_session_has_no_notes(world):
    from tejido.gatherings.factories import OccurrenceFactory

    other = OccurrenceFactory()
    assert not can_read_notes(world.facilitator, other)
    assert list_session_notes(viewer=world.facilitator, occurrence=other) == []
