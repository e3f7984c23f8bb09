import pytest
from django.core.management import call_command
from django.db import connection

from tejido.directory.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def _has_statistics() -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return False
            cursor.execute("SELECT count(*) FROM sqlite_stat1")
        else:
            cursor.execute("SELECT count(*) FROM pg_stats WHERE tablename = 'directory_service'")
        return cursor.fetchone()[0] > 0


def test_the_command_gives_the_planner_its_statistics(capsys):
    ServiceFactory.create_batch(3)
    call_command("analyze_database")
    assert _has_statistics()
    assert "up to date" in capsys.readouterr().out
