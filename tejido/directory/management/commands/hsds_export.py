"""`manage.py hsds_export <path> --format tabular|json`: write the directory as an HSDS file.
Without --by, the public listings only; --by an organiser's address exports everything, each
listing's visibility marked, as that organiser's export does (and the audit log records it)."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from tejido.directory.hsds.services import export_directory
from tejido.directory.hsds.validate import JSON, TABULAR
from tejido.directory.management.commands.hsds_import import acting_as, add_common_arguments


class Command(BaseCommand):
    help = (
        "Export the directory as an HSDS 3.0 file: a zip of datapackage.json and CSV files "
        "(--format tabular) or a JSON file (--format json)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help="the file to write (or a folder to write it in)")
        parser.add_argument("--format", choices=[TABULAR, JSON], required=True, dest="form")
        add_common_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["language"]):
            download = export_directory(actor=acting_as(options["by"]), form=options["form"])
            path = Path(options["path"])
            if path.is_dir():
                path = path / download.file_name
            try:
                path.write_bytes(download.content)
            except OSError as error:
                raise CommandError(
                    _("The file could not be written: %(reason)s") % {"reason": error.strerror}
                ) from None
            self.stdout.write(_("Written: %(path)s") % {"path": path})
