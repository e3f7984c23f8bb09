"""The one search: members today; events, the aid board and the directory the same way.

A searchable model keeps a column of plain words computed in Python by
`tejido.core.text.fold` (accents removed, case folded, look-alike letters mapped to Latin,
split on anything that is not a letter or digit, joined by single spaces). Both databases
index those words as they are, and a query is folded the same way and matches the rows that
have, for every query word, a word starting with it: "alex pe" finds "Álex Peña".

- SQLite: an FTS5 external-content table over the column, kept in step by triggers. Its
  tokenizer is `ascii`, which splits on the spaces and leaves every other character alone:
  the words are already folded, and unicode61 would decide again what a word is, from its
  own Unicode tables.
- PostgreSQL: a GIN index on `array_to_tsvector(string_to_array(column, ' '))` and a tsquery
  of quoted prefixes. The words go in as lexemes without a parser or dictionary (the text
  search parser splits by the database's locale), and accents are gone before PostgreSQL
  sees the text, so `unaccent` is not needed.

So both see identical words and give identical results (the corpus in
tejido/core/tests/search_corpus.py runs on both, through tejido/accounts/tests). Create the
index in a migration with `CreateSearchIndex`, after any operation that rebuilds the table:
on SQLite Django rebuilds a table to alter it, which drops its triggers;
`search_index_is_complete` (a test calls it) notices that.
"""

from dataclasses import dataclass
from typing import Any

import snowballstemmer
from django.db import connections, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.operations.base import Operation
from django.db.models.expressions import RawSQL

from tejido.core.text import fold


@dataclass(frozen=True)
class SearchIndex:
    """The folded-words column `column` of table `table`, whose primary key is `pk`."""

    table: str
    column: str
    pk: str = "id"

    @property
    def name(self) -> str:
        return f"{self.table}_{self.column}_search"


def query_words(query: str) -> list[str]:
    return fold(query).split()


# Snowball's stemmers for both languages, which work on folded words as well (their rules
# for accented vowels only matter before a word is folded).
_STEMMERS = (snowballstemmer.stemmer("spanish"), snowballstemmer.stemmer("english"))
# Shorter words are kept as they are: "trans" must not find "tranquilo".
_STEM_FROM = 6
_SHORTEST_STEM = 4


def stemmed(query: str) -> str:
    """The query's words, each cut to its shortest stem in either language that is a prefix
    of it: as every word is matched as a prefix, "asesorias" then finds "asesoria" and
    "abogada" finds "abogado". A stem that is not a prefix ("happi" of "happy") is not used."""
    words = []
    for word in query_words(query):
        if len(word) >= _STEM_FROM:
            stems = (stemmer.stemWord(word) for stemmer in _STEMMERS)
            prefixes = [s for s in stems if len(s) >= _SHORTEST_STEM and word.startswith(s)]
            word = min(prefixes, key=len, default=word)
        words.append(word)
    return " ".join(words)


# The SQL below is built from identifiers in code (quoted by the database's own quoting); the
# query itself is always a parameter.


def matching[M: models.Model](
    queryset: models.QuerySet[M], index: SearchIndex, query: str
) -> models.QuerySet[M]:
    """The rows of `queryset` (a queryset of the index's own model) that match every word of
    `query` as a word prefix; none when the query has no letter or digit."""
    if queryset.model._meta.db_table != index.table:
        raise ValueError(f"{index} does not index {queryset.model._meta.label}")
    return _matching(queryset, index, query)


def matching_through[M: models.Model](
    queryset: models.QuerySet[M], relation: str, index: SearchIndex, query: str
) -> models.QuerySet[M]:
    """As `matching`, for the rows of `queryset` whose row through `relation` (the reverse of
    a one-to-one from the index's model) matches: the words can live beside a table whose own
    key the SQLite index cannot take (a UUID). The condition is a subquery of its own, so the
    queryset may itself be used inside another query."""
    reverse = queryset.model._meta.get_field(relation)
    related = reverse.related_model
    if not isinstance(reverse, models.OneToOneRel) or related._meta.db_table != index.table:  # type: ignore[union-attr]
        raise ValueError(f"{index} does not index {queryset.model._meta.label}.{relation}")
    words = query_words(query)
    if not words:
        return queryset.none()
    connection = connections[queryset.db]
    quote = connection.ops.quote_name
    key = quote(reverse.field.column)
    condition, param = _condition(index, words, connection.vendor, quote)
    sql = f"SELECT {key} FROM {quote(index.table)} WHERE {condition}"  # noqa: S608
    return queryset.filter(pk__in=RawSQL(sql, [param]))  # noqa: S611


def _matching[M: models.Model](
    queryset: models.QuerySet[M], index: SearchIndex, query: str
) -> models.QuerySet[M]:
    words = query_words(query)
    if not words:
        return queryset.none()
    connection = connections[queryset.db]
    sql, param = _condition(index, words, connection.vendor, connection.ops.quote_name)
    return queryset.filter(RawSQL(sql, [param], output_field=models.BooleanField()))  # noqa: S611


def _condition(index: SearchIndex, words: list[str], vendor: str, quote: Any) -> tuple[str, str]:
    """The SQL condition on the index's table (by its own name) that its row matches every
    word as a prefix, and its one parameter."""
    table, column, pk, name = (quote(index.table), quote(index.column), quote(index.pk), index.name)
    if vendor == "sqlite":
        # Each word a quoted prefix: FTS5 reads nothing in it as an operator.
        sql = f"{table}.{pk} IN (SELECT rowid FROM {quote(name)} WHERE {quote(name)} MATCH %s)"  # noqa: S608
        param = " ".join('"{}"*'.format(word.replace('"', '""')) for word in words)
    elif vendor == "postgresql":
        sql = f"{_tsvector(f'{table}.{column}')} @@ %s::tsquery"
        param = " & ".join(
            "'{}':*".format(word.replace("\\", "\\\\").replace("'", "''")) for word in words
        )
    else:
        raise NotImplementedError(f"no search for {vendor}")
    return sql, param


def _tsvector(column_sql: str) -> str:
    return f"array_to_tsvector(string_to_array({column_sql}, ' '))"


def _create_sql(index: SearchIndex, vendor: str, quote: Any) -> list[str]:
    table, column, pk, name = (quote(index.table), quote(index.column), quote(index.pk), index.name)
    fts = quote(name)
    if vendor == "sqlite":
        insert = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.{pk}, new.{column});"  # noqa: S608
        delete = (
            f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.{pk}, old.{column});"  # noqa: S608
        )
        return [
            f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content={table}, "
            f"content_rowid={pk}, tokenize='ascii')",
            f"CREATE TRIGGER {quote(name + '_insert')} AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER {quote(name + '_delete')} AFTER DELETE ON {table} BEGIN {delete} END",
            f"CREATE TRIGGER {quote(name + '_update')} AFTER UPDATE OF {column} ON {table} "
            f"BEGIN {delete} {insert} END",
            f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",  # noqa: S608
        ]
    if vendor == "postgresql":
        return [f"CREATE INDEX {fts} ON {table} USING gin ({_tsvector(column)})"]
    raise NotImplementedError(f"no search for {vendor}")


_TRIGGERS = ("_insert", "_delete", "_update")


def _drop_sql(index: SearchIndex, vendor: str, quote: Any) -> list[str]:
    name = index.name
    if vendor == "sqlite":
        triggers = [f"DROP TRIGGER {quote(name + suffix)}" for suffix in _TRIGGERS]
        return [*triggers, f"DROP TABLE {quote(name)}"]
    return [f"DROP INDEX {quote(name)}"]


def _drop_if_there_sql(index: SearchIndex, vendor: str, quote: Any) -> list[str]:
    name = index.name
    if vendor == "sqlite":
        triggers = [f"DROP TRIGGER IF EXISTS {quote(name + suffix)}" for suffix in _TRIGGERS]
        return [*triggers, f"DROP TABLE IF EXISTS {quote(name)}"]
    return [f"DROP INDEX IF EXISTS {quote(name)}"]


class CreateSearchIndex(Operation):
    """A migration operation: the search index for `index` on this database."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, table: str, column: str, pk: str = "id") -> None:
        self.index = SearchIndex(table, column, pk)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__name__, [self.index.table, self.index.column, self.index.pk], {})

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass  # the models do not change

    def _run(self, schema_editor: BaseDatabaseSchemaEditor, statements: list[str]) -> None:
        for statement in statements:
            schema_editor.execute(statement, params=None)

    def database_forwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, *states: Any
    ) -> None:
        vendor = schema_editor.connection.vendor
        self._run(schema_editor, _create_sql(self.index, vendor, schema_editor.quote_name))

    def database_backwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, *states: Any
    ) -> None:
        vendor = schema_editor.connection.vendor
        self._run(schema_editor, _drop_sql(self.index, vendor, schema_editor.quote_name))

    def describe(self) -> str:
        return f"Create the search index on {self.index.table}.{self.index.column}"


def search_index_is_complete(index: SearchIndex, using: str = "default") -> bool:
    """Whether the database has everything `CreateSearchIndex` made (on SQLite, a table
    rebuilt by a later migration has lost its triggers)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE name IN (%s, %s, %s, %s)",
                [index.name, *(index.name + suffix for suffix in _TRIGGERS)],
            )
            return bool(cursor.fetchone()[0] == 4)
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname = %s", [index.name])
        return bool(cursor.fetchone()[0] == 1)


class RebuildSearchIndex(CreateSearchIndex):
    """A migration operation for a migration that changes an indexed table: SQLite rebuilds a
    table for most column changes and the rebuild drops the index's triggers, so this makes
    the index again, whatever is left of it."""

    def database_forwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, *states: Any
    ) -> None:
        vendor = schema_editor.connection.vendor
        quote = schema_editor.quote_name
        self._run(schema_editor, _drop_if_there_sql(self.index, vendor, quote))
        self._run(schema_editor, _create_sql(self.index, vendor, quote))

    def database_backwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, *states: Any
    ) -> None:
        self.database_forwards(app_label, schema_editor, *states)
