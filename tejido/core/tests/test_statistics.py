import pytest
from django.core.management import call_command
from django.db import connection

from tejido.accounts.factories import UserFactory
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


def _pending_pages(index: str) -> int:
    """Empties the search index's pending list; how many pages it held."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        return int(cursor.fetchone()[0])


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN indexes are PostgreSQL's")
def test_the_search_indexes_pending_rows_are_taken_in():
    """New rows wait in a GIN index's pending list until vacuum (autovacuum may be off), and
    the planner prices a search by it: the statistics' refresh takes them into the index."""
    UserFactory.create_batch(40)
    call_command("analyze_database")
    assert _pending_pages("accounts_profile_sort_name_search") == 0
    UserFactory.create_batch(40)
    assert _pending_pages("accounts_profile_sort_name_search") > 0
