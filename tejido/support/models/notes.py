"""What a circle's facilitators note about a member after a session, encrypted at rest with
keys of its own (settings.TEJIDO_NOTE_KEYS, MultiFernet: the first key encrypts, every key
opens, `rotate_note_keys` moves every note to the first). A note hangs on the member's place:
it goes when they leave, and when the circle's retention period ends (tejido.support.tasks)."""

from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.db import models

from tejido.core.models import TimeStamped
from tejido.support.models.circles import Place

PREFIX = "note:"


@lru_cache(maxsize=4)
def _keys_for(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


def note_keys() -> MultiFernet:
    return _keys_for(tuple(settings.TEJIDO_NOTE_KEYS))


def encrypt_note(text: str) -> str:
    return PREFIX + note_keys().encrypt(text.encode()).decode()


def decrypt_note(stored: str) -> str:
    """Raises cryptography.fernet.InvalidToken when no key opens it: a note is never shown as
    what the database holds."""
    return note_keys().decrypt(stored.removeprefix(PREFIX).encode()).decode()


class NoteTextField(models.TextField):
    """Plain text in the code, `note:<token>` in the database; it cannot be searched."""

    def get_prep_value(self, value: object) -> object:
        value = super().get_prep_value(value)
        return encrypt_note(str(value)) if value else value

    def from_db_value(self, value: str | None, expression: object, connection: object) -> str:
        return decrypt_note(value) if value else ""


class FacilitatorNote(TimeStamped):
    occurrence = models.ForeignKey(
        "gatherings.Occurrence", on_delete=models.CASCADE, related_name="circle_notes"
    )
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = NoteTextField()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["created_at"], name="note_created")]

    def __str__(self) -> str:
        # Never the text: str() ends up in logs and error pages.
        return f"note #{self.pk}"

    def audit_label(self) -> str:
        return f"note #{self.pk}"
