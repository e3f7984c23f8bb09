"""Re-encrypt every facilitator note with the first key of TEJIDO_NOTE_KEYS: run it after
putting a new key first, then drop the old keys (docs/deployment.md)."""

from typing import Any

from django.core.management.base import BaseCommand

from tejido.support.note_services import rotate_note_keys


class Command(BaseCommand):
    help = "Re-encrypt every facilitator note with the first key of TEJIDO_NOTE_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        count = rotate_note_keys()
        # A count only: never a note's text, nor whose it is.
        self.stdout.write(f"Re-encrypted {count} notes with the first key.")
