"""The records of an HSDS file once read, whichever form it came in: by table, then by id, each
with where it came from. The checks that need every record at once (unique values, foreign
keys) run here, alike for both forms."""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from tejido.directory.hsds import spec
from tejido.directory.hsds.problems import Report
from tejido.directory.hsds.values import BadValue, Value

# Told (records done, records in all) every PROGRESS_EVERY records and at the end.
Progress = Callable[[int, int], None]
PROGRESS_EVERY = 500


@dataclass
class Record:
    values: dict[str, Value]
    file: str
    row: str

    @property
    def place(self) -> str:
        """Where the record is, to name it in another record's problem: `services.csv:5`, or
        its JSONPath."""
        return self.row if self.row.startswith("$") else f"{self.file}:{self.row}"


@dataclass
class Dataset:
    tables: dict[str, dict[str, Record]] = field(default_factory=dict)

    def table(self, name: str) -> dict[str, Record]:
        return self.tables.setdefault(name, {})

    def records(self, name: str) -> Iterator[tuple[str, Record]]:
        yield from self.tables.get(name, {}).items()


def check_fields(
    report: Report,
    table: spec.Table,
    given: Mapping[str, Any],
    convert: Callable[[spec.Field, Any], Value | None],
    where: tuple[str, str],
    *,
    tabular: bool,
) -> dict[str, Value]:
    """Every field of one record, from what was `given` (CSV cells or JSON values, by name),
    turned into values by `convert` (values.from_text or from_json): the values given, with a
    problem reported for each that is missing or does not fit."""
    file, row = where
    values: dict[str, Value] = {}
    for column in table.fields:
        raw = given.get(column.name)
        try:
            value = convert(column, raw)
        except BadValue as bad:
            params = {"value": raw, "choices": ", ".join(column.enum)}
            report.add(file, row, column.name, bad.code, **params)
            continue
        if value is None:
            if column.required or (tabular and column.tabular):
                report.add(file, row, column.name, "required")
            continue
        values[column.name] = value
    return values


def check_across(report: Report, dataset: Dataset) -> None:
    """What one record cannot say alone: values that must be unique in their table (the ids
    are made unique as the records are read), and references to other records."""
    for table in spec.TABLES:
        for column in table.fields:
            if column.unique and column.name != "id":
                _check_unique(report, dataset, table, column)
    for table in spec.TABLES:
        for _id, record in dataset.records(table.name):
            for column in table.fields:
                if column.ref or column.ref_by:
                    _check_reference(report, dataset, record, column)


def _check_unique(report: Report, dataset: Dataset, table: spec.Table, column: spec.Field) -> None:
    seen: dict[Value, Record] = {}
    for _id, record in dataset.records(table.name):
        value = record.values.get(column.name)
        if value is None:
            continue
        other = seen.setdefault(value, record)
        if other is not record:
            report.add(
                record.file, record.row, column.name, "duplicate", other=other.place, value=value
            )


def _check_reference(report: Report, dataset: Dataset, record: Record, column: spec.Field) -> None:
    value = record.values.get(column.name)
    if value is None:
        return
    target = column.ref
    if column.ref_by:
        # Both are required in a row; in a nested record both come from the nesting.
        target = str(record.values.get(column.ref_by, ""))
        if target not in spec.BY_NAME:
            report.add(record.file, record.row, column.ref_by, "not_a_table", value=target)
            return
    if value not in dataset.tables.get(target, {}):
        report.add(
            record.file, record.row, column.name, "broken_reference", table=target, value=value
        )
