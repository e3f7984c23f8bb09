"""Reading the JSON form: services or organizations as the 3.0 schemas nest them (a service with
its phones, schedules, locations, organization …; an organization with its locations and
services …), one alone, a list of them, or the API's `Page` of them. Nesting is undone into
tables: a nested record gets the link to its parent that the tabular form writes out, and a
record met more than once (a location under its organization and under a service) is one
record, so long as the copies agree.

A record is read as a service or an organization by which of the two its fields fit better;
a tie reads as an organization. A record's place is written as JSONPath (`$[0].services[2]`)."""

import json
from typing import Any

from tejido.directory.hsds import spec
from tejido.directory.hsds.dataset import PROGRESS_EVERY, Dataset, Progress, Record, check_fields
from tejido.directory.hsds.problems import Report
from tejido.directory.hsds.values import from_json

# The deepest HSDS nests (an organization's service's location's contact's phone's language's
# attribute's term's taxonomy's metadata) is eleven records; past this a document loops.
MAX_DEPTH = 16


def _refuse_constant(name: str) -> None:
    raise ValueError(name)


def _load(report: Report, name: str, data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"), parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        report.add(name, "", "", "not_utf8")
    except RecursionError:
        report.add(name, "", "", "too_deep")
    except ValueError as error:
        line, column = getattr(error, "lineno", 1), getattr(error, "colno", 1)
        report.add(name, "", "", "not_json", line=line, column=column)
    return None


def _fit(item: dict[str, Any], table: spec.Table) -> int:
    return sum(1 for key in item if key in table.by_name or key in table.nested_by_name)


def _roots(report: Report, name: str, document: Any) -> list[tuple[str, Any]]:
    if isinstance(document, list):
        return [(f"$[{number}]", item) for number, item in enumerate(document)]
    if isinstance(document, dict) and spec.PAGE_CONTENTS in document:
        page = {column.name: column for column in spec.PAGE_FIELDS}
        for key in document:
            if key != spec.PAGE_CONTENTS and key not in page:
                report.add(name, "$", key, "unknown_field", value=key)
        check_fields(
            report,
            spec.Table("page", "", spec.PAGE_FIELDS, ()),
            document,
            from_json,
            (name, "$"),
            tabular=False,
        )
        contents = document[spec.PAGE_CONTENTS]
        if not isinstance(contents, list):
            report.add(name, "$", spec.PAGE_CONTENTS, "not_a_list")
            return []
        return [(f"$.contents[{number}]", item) for number, item in enumerate(contents)]
    # A list or an object: validate.check_upload reads nothing else as JSON.
    return [("$", document)]


class _Reader:
    def __init__(self, report: Report, name: str) -> None:
        self.report = report
        self.name = name
        self.dataset = Dataset()

    def record(
        self,
        item: Any,
        path: str,
        table: spec.Table,
        depth: int,
        parent: tuple[spec.Nest | spec.One, str, str] | None,
    ) -> str | None:
        """Read `item` and what it nests into the dataset; its id, when it has a good one.
        `parent`: how this record is nested, the parent's table and its id."""
        if not isinstance(item, dict):
            self.report.add(self.name, path, "", "not_an_object")
            return None
        if depth > MAX_DEPTH:
            self.report.add(self.name, path, "", "too_deep")
            return None
        for key in item:
            if key not in table.by_name and key not in table.nested_by_name:
                self.report.add(self.name, path, key, "unknown_field", value=key)
        given = {key: value for key, value in item.items() if key in table.by_name}
        if parent is not None:
            nest, parent_table, parent_id = parent
            self._link(given, path, nest.link, parent_id, "nested_mismatch")
            if nest.entity:
                self._link(given, path, nest.entity, parent_table, "nested_in_other")
        for nest in table.nested:
            if not nest.many and item.get(nest.name) is not None:
                child = spec.BY_NAME[nest.table]
                child_id = self.record(
                    item[nest.name], f"{path}.{nest.name}", child, depth + 1, None
                )
                if child_id is not None:
                    self._link(given, path, nest.link, child_id, "nested_mismatch")
        values = check_fields(
            self.report, table, given, from_json, (self.name, path), tabular=False
        )
        record_id = values.get("id")
        if record_id is not None:
            self._keep(table, str(record_id), Record(values, self.name, path))
        for nest in table.nested:
            if nest.many and item.get(nest.name) is not None:
                self._children(
                    item[nest.name], f"{path}.{nest.name}", nest, table, record_id, depth
                )
        return None if record_id is None else str(record_id)

    def _children(
        self,
        items: Any,
        path: str,
        nest: spec.Nest | spec.One,
        table: spec.Table,
        parent_id: Any,
        depth: int,
    ) -> None:
        if not isinstance(items, list):
            self.report.add(self.name, path, "", "not_a_list")
            return
        child = spec.BY_NAME[nest.table]
        link = None if parent_id is None else (nest, table.name, str(parent_id))
        for number, item in enumerate(items):
            self.record(item, f"{path}[{number}]", child, depth + 1, link)

    def _link(self, given: dict[str, Any], path: str, name: str, value: str, code: str) -> None:
        """Give the field the value that nesting implies. A record that says otherwise itself
        is reported (once: the field then takes the implied value, so that no broken
        reference is reported for it as well)."""
        said = given.get(name)
        if said is not None and str(said).strip() and str(said).lower() != value:
            self.report.add(self.name, path, name, code, expected=value, value=said)
        given[name] = value

    def _keep(self, table: spec.Table, record_id: str, record: Record) -> None:
        records = self.dataset.table(table.name)
        first = records.setdefault(record_id, record)
        if first is record:
            return
        if any(first.values.get(key, value) != value for key, value in record.values.items()):
            self.report.add(
                self.name, record.row, "id", "copies_differ", table=table.name, other=first.place
            )
        for key, value in record.values.items():
            first.values.setdefault(key, value)


def read_document(
    report: Report, name: str, data: bytes, progress: Progress | None = None
) -> Dataset:
    """Every record of the JSON document, as far as it can be read; problems go to `report`."""
    reader = _Reader(report, name)
    document = _load(report, name, data)
    if document is None:
        return reader.dataset
    roots = _roots(report, name, document)
    service, organization = spec.BY_NAME["service"], spec.BY_NAME["organization"]
    for number, (path, item) in enumerate(roots, start=1):
        fits_service = isinstance(item, dict) and _fit(item, service) > _fit(item, organization)
        reader.record(item, path, service if fits_service else organization, 0, None)
        if progress is not None and (number % PROGRESS_EVERY == 0 or number == len(roots)):
            progress(number, len(roots))
    return reader.dataset
