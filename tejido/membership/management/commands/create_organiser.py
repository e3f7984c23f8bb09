"""`manage.py create_organiser`: the first organiser of a new network, asked for interactively or
given with flags for scripts. The password never comes as a flag (it would stay in the shell's
history): it is typed twice, or read from TEJIDO_ORGANISER_PASSWORD or, with --password-stdin,
from the first line of standard input."""

import getpass
import os
import sys
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tejido.core.errors import InvalidInput
from tejido.membership.organiser_services import create_organiser

PASSWORD_VARIABLE = "TEJIDO_ORGANISER_PASSWORD"
# The order in which the fields are asked for; the service names its errors by these.
FIELDS = ("email", "chosen_name", "pronouns", "language", "password")


class Command(BaseCommand):
    help = (
        "Create an organiser of the network (the first one of a new install): a member with "
        "a chosen name, pronouns, a verified address and a profile."
    )
    # Tests (and callers of call_command) may hand over standard input, as to createsuperuser.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--email", help="their email address, the one they log in with")
        parser.add_argument("--name", help="their chosen name, as other members will see it")
        parser.add_argument("--pronouns", help="their pronouns (optional)")
        parser.add_argument(
            "--language", choices=[code for code, _name in settings.LANGUAGES], help="es or en"
        )
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="read the password from the first line of standard input",
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help=f"ask nothing: take what the flags and {PASSWORD_VARIABLE} give",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdin = options.get("stdin") or sys.stdin
        given: dict[str, str | None] = {
            "email": options["email"],
            "chosen_name": options["name"],
            "pronouns": options["pronouns"],
            "language": options["language"],
            "password": self._given_password(options["password_stdin"]),
        }
        if options["interactive"]:
            user = self._ask_until_created(given)
        else:
            user = self._create_or_fail(given)
        self.stdout.write(
            self.style.SUCCESS(
                _("Organiser %(email)s created. They can log in now.") % {"email": user.email}
            )
        )

    def _given_password(self, from_stdin: bool) -> str | None:
        if from_stdin:
            return self.stdin.readline().rstrip("\r\n")
        return os.environ.get(PASSWORD_VARIABLE) or None

    def _create_or_fail(self, given: dict[str, str | None]) -> Any:
        if given["password"] is None:
            raise CommandError(
                _("Give the password in %(variable)s or on standard input with --password-stdin.")
                % {"variable": PASSWORD_VARIABLE}
            )
        values = {**given, "language": given["language"] or settings.LANGUAGE_CODE}
        try:
            return create_organiser(**_service_arguments(values))
        except InvalidInput as error:
            raise CommandError("\n".join(_messages(error))) from None

    def _ask_until_created(self, given: dict[str, str | None]) -> Any:
        """Ask for whatever was not given; after an error, ask again for the fields in error."""
        values = dict(given)
        while True:
            for field in FIELDS:
                if values[field] is None:
                    values[field] = self._ask(field)
            try:
                return create_organiser(**_service_arguments(values))
            except InvalidInput as error:
                for message in _messages(error):
                    self.stderr.write(message)
                for field in error.detail:
                    values[field] = None

    def _ask(self, field: str) -> str:
        if field == "password":
            return self._ask_password()
        if field == "language":
            default = settings.LANGUAGE_CODE
            answer = input(_("Language (es or en) [%(default)s]: ") % {"default": default}).strip()
            return answer or default
        prompts = {
            "email": _("Email address: "),
            "chosen_name": _("Chosen name: "),
            "pronouns": _("Pronouns (optional): "),
        }
        return input(prompts[field]).strip()

    def _ask_password(self) -> str:
        while True:
            password = getpass.getpass(_("Password: "))
            if password == getpass.getpass(_("Password (again): ")):
                return password
            self.stderr.write(_("The two passwords are not the same. Please try again."))


def _service_arguments(values: dict[str, str | None]) -> dict[str, str]:
    return {field: values[field] or "" for field in FIELDS}


def _messages(error: InvalidInput) -> list[str]:
    labels = {
        "email": _("Email address"),
        "chosen_name": _("Chosen name"),
        "pronouns": _("Pronouns"),
        "language": _("Language"),
        "password": _("Password"),
    }
    return [f"{labels.get(field, field)}: {message}" for field, message in error.detail.items()]
