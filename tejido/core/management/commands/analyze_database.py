from typing import Any

from django.core.management.base import BaseCommand

from tejido.core.statistics import analyze_database


class Command(BaseCommand):
    help = (
        "Refresh the database's statistics for its query planner (ANALYZE): after a large "
        "import, and daily."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        analyze_database()
        self.stdout.write("The database's statistics are up to date.")
