"""Reading the tabular form: datapackage.json names the tables and their CSV files; each CSV
file's header names its columns, which must be the table's HSDS fields (any of them, in any
order). Every row is checked; a row number is the one a spreadsheet shows (the header is
row 1)."""

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from tejido.directory.hsds import spec
from tejido.directory.hsds.dataset import PROGRESS_EVERY, Dataset, Progress, Record, check_fields
from tejido.directory.hsds.package import DESCRIPTOR, Files, plain_path
from tejido.directory.hsds.problems import Report
from tejido.directory.hsds.values import from_text

# Python's csv module refuses a cell longer than 128 KiB by default; a description may be long.
csv.field_size_limit(10 * 1024 * 1024)


def _text(report: Report, files: Files, name: str) -> str | None:
    try:
        return files.read(name).decode("utf-8-sig")
    except UnicodeDecodeError:
        report.add(name, "", "", "not_utf8")
        return None


def _resources(report: Report, files: Files) -> list[tuple[spec.Table, str]]:
    """The tables datapackage.json lists, with their files, in the specification's order."""
    text = _text(report, files, DESCRIPTOR)
    if text is None:
        return []
    try:
        descriptor = json.loads(text)
    except ValueError as error:
        line, column = getattr(error, "lineno", 1), getattr(error, "colno", 1)
        report.add(DESCRIPTOR, "", "", "not_json", line=line, column=column)
        return []
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        report.add(DESCRIPTOR, "", "resources", "no_resources")
        return []
    found: dict[str, tuple[spec.Table, str]] = {}
    listed: set[str] = set()
    for number, resource in enumerate(resources):
        row = f"resources[{number}]"
        name = resource.get("name") if isinstance(resource, dict) else None
        path = resource.get("path") if isinstance(resource, dict) else None
        if isinstance(path, str):
            listed.add(plain_path(path) or path)
        if not isinstance(name, str) or not isinstance(path, str):
            report.add(DESCRIPTOR, row, "", "bad_resource")
        elif name not in spec.BY_NAME:
            report.add(DESCRIPTOR, row, "name", "unknown_table", value=name)
        elif name in found:
            report.add(DESCRIPTOR, row, "name", "table_twice", value=name)
        elif (plain := plain_path(path)) is None:
            report.add(DESCRIPTOR, row, "path", "unsafe_path", value=path)
        elif plain not in files.names:
            report.add(DESCRIPTOR, row, "path", "missing_file", value=path)
        else:
            found[name] = (spec.BY_NAME[name], plain)
    for name in sorted(files.names - listed):
        if name.lower().endswith(".csv"):
            report.add(name, "", "", "unlisted_file")
    return [found[table.name] for table in spec.TABLES if table.name in found]


def _header(report: Report, table: spec.Table, path: str, header: list[str]) -> list[str]:
    """The header's names, with each unknown or repeated column reported and named "" (its
    cells are left out; the rest of the row is still read)."""
    columns: list[str] = []
    for name in header:
        if name not in table.by_name:
            report.add(path, 1, name, "unknown_field", value=name)
            columns.append("")
        elif name in columns:
            report.add(path, 1, name, "column_twice", value=name)
            columns.append("")
        else:
            columns.append(name)
    return columns


def _rows(report: Report, path: str, text: str) -> list[list[str]] | None:
    rows: list[list[str]] = []
    # Strict: a stray quote is reported, not read as the rest of the file in one cell.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows.extend(reader)
    except csv.Error:
        report.add(path, len(rows) + 1, "", "bad_csv")
        return None
    return rows


def _read_table(
    report: Report,
    dataset: Dataset,
    table: spec.Table,
    path: str,
    rows: list[list[str]],
    tick: Callable[[], None],
) -> None:
    if not rows or not any(cell.strip() for cell in rows[0]):
        report.add(path, "", "", "no_header")
        return
    header = _header(report, table, path, [name.strip() for name in rows[0]])
    records = dataset.table(table.name)
    for number, cells in enumerate(rows[1:], start=2):
        tick()
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            report.add(path, number, "", "row_length", count=len(cells), expected=len(header))
            continue
        given: dict[str, Any] = {
            name: cell for name, cell in zip(header, cells, strict=True) if name
        }
        values = check_fields(report, table, given, from_text, (path, str(number)), tabular=True)
        record_id = values.get("id")
        if record_id is None:
            continue
        first = records.setdefault(str(record_id), Record(values, path, str(number)))
        if first.row != str(number):
            report.add(path, number, "id", "duplicate", other=first.place, value=record_id)


def read_package(report: Report, files: Files, progress: Progress | None = None) -> Dataset:
    """Every table of the package, as far as it can be read; its problems go to `report`."""
    dataset = Dataset()
    tables = []
    for table, path in _resources(report, files):
        text = _text(report, files, path)
        rows = None if text is None else _rows(report, path, text)
        if rows is not None:
            tables.append((table, path, rows))
    total = sum(max(len(rows) - 1, 0) for _table, _path, rows in tables)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)

    for table, path, rows in tables:
        _read_table(report, dataset, table, path, rows, tick)
    return dataset
