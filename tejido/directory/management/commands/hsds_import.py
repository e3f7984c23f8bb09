"""`manage.py hsds_import <path>`: import an HSDS file into the directory from this machine, as
the import page does but at once and for a file of any size: a folder (or its
datapackage.json), a zip file or a JSON file. Every problem is printed, as the page shows
them; a file with any imports nothing. --dry-run checks and counts without writing."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tejido.accounts.models import User
from tejido.core.errors import NotFound
from tejido.directory.hsds.errors import ImportRefused
from tejido.directory.hsds.importer import Counts
from tejido.directory.hsds.selectors import get_organiser_by_email
from tejido.directory.hsds.services import import_checked
from tejido.directory.hsds.validate import check_path
from tejido.directory.models import Visibility


def add_common_arguments(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--by",
        metavar="EMAIL",
        help="the organiser to act as; the audit log records it as theirs",
    )
    parser.add_argument(
        "--language",
        choices=[code for code, _name in settings.LANGUAGES],
        default=settings.LANGUAGE_CODE,
        help="the language of what is printed",
    )


def acting_as(email: str | None) -> User | None:
    if email is None:
        return None
    try:
        return get_organiser_by_email(email=email)
    except NotFound:
        raise CommandError(_("There is no organiser with that email address.")) from None


def counts_text(counts: Counts) -> list[str]:
    lines = []
    for table in sorted({*counts.created, *counts.updated, *counts.unchanged}):
        lines.append(
            _("%(table)s: %(created)s new, %(updated)s updated, %(unchanged)s unchanged")
            % {
                "table": table,
                "created": counts.created.get(table, 0),
                "updated": counts.updated.get(table, 0),
                "unchanged": counts.unchanged.get(table, 0),
            }
        )
    for table, number in sorted(counts.skipped.items()):
        lines.append(
            _("%(table)s: %(count)s checked, not kept") % {"table": table, "count": number}
        )
    return lines


class Command(BaseCommand):
    help = (
        "Import an HSDS 3.0 file into the directory: a tabular package (a folder, its "
        "datapackage.json or a zip file) or a JSON file. Nothing is imported if it has any problem."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help="a folder, a datapackage.json, a .zip or a .json file")
        parser.add_argument(
            "--visibility",
            choices=Visibility.values,
            default=Visibility.MEMBERS,
            help="who sees the new listings (members by default); the file may narrow it",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check and count, and write nothing"
        )
        add_common_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            self._import(options)

    def _import(self, options: dict[str, Any]) -> None:
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(_("There is no file or folder at %(path)s.") % {"path": path})
        actor = acting_as(options["by"])
        checked = check_path(path)
        try:
            counts = import_checked(
                actor=actor,
                checked=checked,
                visibility=options["visibility"],
                dry_run=options["dry_run"],
            )
        except ImportRefused as refused:
            for problem in refused.problems:
                self.stderr.write(str(problem))
            more = refused.count - len(refused.problems)
            if more:
                self.stderr.write(
                    ngettext(
                        "… and %(count)s more problem.", "… and %(count)s more problems.", more
                    )
                    % {"count": more}
                )
            raise CommandError(
                ngettext(
                    "Nothing was imported: the file has %(count)s problem.",
                    "Nothing was imported: the file has %(count)s problems.",
                    refused.count,
                )
                % {"count": refused.count}
            ) from None
        for line in counts_text(counts):
            self.stdout.write(line)
        if options["dry_run"]:
            self.stdout.write(_("Dry run: the file has no problem; nothing was written."))
        else:
            self.stdout.write(_("Imported."))
