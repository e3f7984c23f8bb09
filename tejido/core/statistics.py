"""The query planner's statistics. Without them SQLite guesses that every index is selective
and PostgreSQL (autovacuum off) plans blind: at 100,000 directory services a search that
finds nothing scanned every public service (0.3 s) instead of starting from the search index
(3 ms). Run after loading data and then daily (`manage.py analyze_database`)."""

from django.db import connection

# PostgreSQL's search indexes (GIN, tejido.core.search) take new rows into a pending list that
# only vacuum empties, and the planner prices a search by that list's length: after 20,000
# new members with autovacuum off, it read every profile for a name (14 ms) rather than the
# index (2 ms). ANALYZE does not empty it; this does, for the indexes this user owns.
_GIN_INDEXES = """
    SELECT i.oid::regclass::text
    FROM pg_class i
    JOIN pg_am m ON m.oid = i.relam
    WHERE m.amname = 'gin'
      AND i.relnamespace = current_schema()::regnamespace
      AND pg_has_role(i.relowner, 'USAGE')
"""


def analyze_database() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # A sample of each index is enough for the planner, and bounds the time taken.
            cursor.execute("PRAGMA analysis_limit=1000")
        elif connection.vendor == "postgresql":
            cursor.execute(_GIN_INDEXES)
            for (index,) in cursor.fetchall():
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE")
