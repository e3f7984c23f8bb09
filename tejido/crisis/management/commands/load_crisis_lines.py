import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from tejido.core.errors import DomainError
from tejido.crisis.services import load_lines


class Command(BaseCommand):
    help = (
        "Load a JSON file of crisis lines ({about, lines: [...]}, as tejido/demo/data/"
        "crisis_lines.json) into the network. Loading it again changes only what changed; "
        "organisers then check each line on the service's own site."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", type=Path, help="the JSON file of lines")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            loaded = load_lines(data)
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(
            f"{loaded.created} lines added, {loaded.updated} changed. "
            "Check each one on its official site before relying on it."
        )
