"""`createsuperuser` would make an account with no profile and no verified address (missing
from every member list, greeted as "Hola, "): it refuses and names the command that makes a
real organiser. It lives in tejido.core, listed before django.contrib.auth, so that it wins."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tejido.core.refusals import NO_SUPERUSERS


class Command(BaseCommand):
    help = "Refuses: use `manage.py create_organiser` to make an organiser."

    def add_arguments(self, parser: Any) -> None:
        # Whatever Django's own command accepts is accepted here too, and refused the same.
        parser.add_argument("args", nargs="*")
        parser.add_argument("--noinput", "--no-input", action="store_true")
        for option in ("--username", "--email", "--database"):
            parser.add_argument(option)

    def handle(self, *args: Any, **options: Any) -> None:
        raise CommandError(NO_SUPERUSERS)
