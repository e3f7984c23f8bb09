"""An export written out in either form, the same bytes for the same records.

The tabular form is a zip of datapackage.json (our descriptor, made from spec.py) and one CSV
file per table, every field a column, rows by id. The JSON form is a list of organizations
as the compiled organization schema nests them: each with its locations, programs, contacts,
phones … and its services, each service with its service_at_locations and the rest; an
attribute carries its taxonomy term (and the term its taxonomy). A record with several
parents is nested once, under the most particular (a contact's phone under the contact) and
names the others by id. The JSON form holds only what hangs from an organization: a term no
attribute uses and a record with no parent at all are in the tabular form only."""

import csv
import io
import json
import zipfile
from collections import defaultdict
from typing import Any

from tejido.directory.hsds import spec
from tejido.directory.hsds.exporter import PARENTS, Export
from tejido.directory.hsds.values import Value, to_json, to_text

# A zip's entries carry a date; a fixed one keeps the same export byte for byte the same.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# Where a record with several parents is nested: under the first of these it has.
PREFERENCE = ("contact", "phone", "service_at_location", "service", "location", "organization")


def _descriptor_field(column: spec.Field) -> dict[str, Any]:
    described: dict[str, Any] = {"name": column.name, "type": column.type}
    if column.fmt:
        described["format"] = column.fmt
    constraints: dict[str, Any] = {
        "required": column.required or column.tabular,
        "unique": column.unique,
    }
    if column.enum:
        constraints["enum"] = list(column.enum)
    described["constraints"] = constraints
    return described


def _descriptor(tables: list[spec.Table]) -> dict[str, Any]:
    resources = []
    for table in tables:
        schema: dict[str, Any] = {
            "fields": [_descriptor_field(column) for column in table.fields],
            "primaryKey": "id",
        }
        keys = [
            {"fields": column.name, "reference": {"resource": column.ref, "fields": "id"}}
            for column in table.fields
            if column.ref
        ]
        if keys:
            schema["foreignKeys"] = keys
        resources.append(
            {
                "name": table.name,
                "path": table.path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "name": "tejido-directory",
        "title": f"Tejido directory (HSDS {spec.VERSION})",
        "profile": "tabular-data-package",
        "version": spec.VERSION,
        "sources": [{"title": f"HSDS {spec.VERSION}", "path": spec.SPEC_SOURCE}],
        "resources": resources,
    }


def _csv(table: spec.Table, records: dict[str, dict[str, Value]]) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([column.name for column in table.fields])
    for record_id in sorted(records):
        record = records[record_id]
        writer.writerow([to_text(record.get(column.name)) for column in table.fields])
    return text.getvalue().encode("utf-8")


def tabular(export: Export) -> bytes:
    tables = [table for table in spec.TABLES if table.name in export.records]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        descriptor = json.dumps(_descriptor(tables), indent=2, ensure_ascii=False)
        archive.writestr(zipfile.ZipInfo("datapackage.json", ZIP_DATE), descriptor)
        for table in tables:
            info = zipfile.ZipInfo(table.path, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, _csv(table, export.records[table.name]))
    return buffer.getvalue()


class _Nester:
    def __init__(self, export: Export) -> None:
        self.records = export.records
        # (parent table, parent id, nest name) -> the ids of the records nested there.
        self.children: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for table in spec.TABLES:
            for record_id in sorted(self.records.get(table.name, {})):
                home = self._home(table.name, self.records[table.name][record_id])
                if home is not None:
                    self.children[home].append(record_id)

    def _exported(self, table: str, record_id: Any) -> bool:
        return record_id is not None and str(record_id) in self.records.get(table, {})

    def _home(self, table: str, record: dict[str, Value]) -> tuple[str, str, str] | None:
        if table == "attribute":
            entity, link = record.get("link_entity"), record.get("link_id")
            if self._exported(str(entity), link):
                return (str(entity), str(link), spec.ATTRIBUTES.name)
            return None
        parents = sorted(PARENTS.get(table, []), key=lambda pair: PREFERENCE.index(pair[1]))
        for link, parent in parents:
            if self._exported(parent, record.get(link)):
                name = next(
                    n.name for n in spec.BY_NAME[parent].nested if n.table == table and n.many
                )
                return (parent, str(record[link]), name)
        return None

    def render(self, table: str, record_id: str) -> dict[str, Any]:
        record = self.records[table][record_id]
        rendered: dict[str, Any] = {
            column.name: to_json(record[column.name])
            for column in spec.BY_NAME[table].fields
            if column.name in record
        }
        for nest in spec.BY_NAME[table].nested:
            if nest.many:
                nested = self.children.get((table, record_id, nest.name), [])
                if nested:
                    rendered[nest.name] = [self.render(nest.table, child) for child in nested]
            elif self._one(table, record, nest):
                rendered[nest.name] = self.render(nest.table, str(record[nest.link]))
        return rendered

    def _one(self, table: str, record: dict[str, Value], nest: spec.Nest | spec.One) -> bool:
        """A single nested record is written where nothing else holds it: an attribute's term,
        a term's taxonomy, and a location that no organization holds, at its services."""
        if not self._exported(nest.table, record.get(nest.link)):
            return False
        if (table, nest.name) == ("service_at_location", "location"):
            location = self.records["location"][str(record[nest.link])]
            return not self._exported("organization", location.get("organization_id"))
        return (table, nest.name) in (
            ("attribute", "taxonomy_term"),
            ("taxonomy_term", "taxonomy_detail"),
        )


def document(export: Export) -> bytes:
    nester = _Nester(export)
    organizations = [
        nester.render("organization", record_id)
        for record_id in sorted(export.records.get("organization", {}))
    ]
    return json.dumps(organizations, indent=1, ensure_ascii=False).encode("utf-8")
