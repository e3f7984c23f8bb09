"""Writing a checked HSDS file into the directory: every record or none. A record whose HSDS id
the directory already holds is updated in place, so importing the same file twice changes
nothing the second time; nothing is deleted (a record the file leaves out stays as it is).

Visibility: a new listing gets the visibility the organiser chose on the import page (members
only unless they chose otherwise); an existing one keeps its own. Either becomes narrower
where the file marks the listing narrower (an organiser's export does, marks.py): a file can
hide a listing, never show one more widely than the directory does.

Call `write` inside the transaction that records the import, after `check_database`."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db import models

from tejido.access.directory import audience_rank
from tejido.core.clock import now
from tejido.directory import models as directory
from tejido.directory.hsds.fit import LISTINGS, MODELS, Fitted
from tejido.directory.hsds.problems import Report
from tejido.directory.indexing import index_services, services_at, services_of, services_with_term

CHUNK = 500
# The tables whose records sort by their name folded (bulk writes skip the model's save()).
SORTED = ("organization", "service")
# References HSDS leaves loose (no foreign key in the specification): when they name a record
# neither the file nor the directory has, the record is kept without the link.
LOOSE = {
    "organization": ("parent_organization_id", directory.Organization),
    "taxonomy_term": ("parent_id", directory.TaxonomyTerm),
}


@dataclass
class Counts:
    """By table: records created, updated (they differed), unchanged, and checked but not
    kept (`skipped`)."""

    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
        }


def narrowest(*visibilities: str) -> str:
    return max(visibilities, key=audience_rank)


def _chunks(ids: Iterable[Any]) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in ids:
        batch.append(item)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _existing(model: type[models.Model], ids: Iterable[UUID]) -> set[UUID]:
    found: set[UUID] = set()
    for batch in _chunks(ids):
        found.update(model.objects.filter(pk__in=batch).values_list("pk", flat=True))  # type: ignore[attr-defined]
    return found


def check_database(report: Report, fitted: Fitted) -> None:
    """What only the directory as it stands can say: a term code another term of the taxonomy
    has, a service already at a location under another id. Loose references that name
    nothing are dropped here."""
    terms = fitted.rows["taxonomy_term"]
    codes = {
        (row["taxonomy_detail_id"], row["code"]): pk for pk, row in terms.items() if row["code"]
    }
    for batch in _chunks({code for _taxonomy, code in codes}):
        taken = directory.TaxonomyTerm.objects.filter(code__in=batch).values_list(
            "pk", "taxonomy_detail_id", "code"
        )
        for pk, taxonomy_id, code in taken:
            mine = codes.get((taxonomy_id, code))
            if mine is not None and mine != pk and pk not in terms:
                record = fitted.where[("taxonomy_term", mine)]
                report.add(record.file, record.row, "code", "code_taken", value=code, other=pk)
    places = fitted.rows["service_at_location"]
    pairs = {(row["service_id"], row["location_id"]): pk for pk, row in places.items()}
    for batch in _chunks({service for service, _location in pairs}):
        held = directory.ServiceAtLocation.objects.filter(service_id__in=batch).values_list(
            "pk", "service_id", "location_id"
        )
        for pk, service_id, location_id in held:
            mine = pairs.get((service_id, location_id))
            if mine is not None and mine != pk and pk not in places:
                record = fitted.where[("service_at_location", mine)]
                report.add(record.file, record.row, "location_id", "place_taken", other=pk)
    for table, (column, model) in LOOSE.items():
        rows = fitted.rows[table]
        named = {row[column] for row in rows.values() if row[column] is not None} - set(rows)
        there = _existing(model, named)
        for row in rows.values():
            if row[column] in named - there:
                row[column] = None


def _values(
    table: str, pk: UUID, row: dict[str, Any], fitted: Fitted, visibility: str
) -> dict[str, Any]:
    """The row with what Tejido keeps beside it: a listing's visibility (`visibility`, or
    narrower where the file marks it so), the name to sort by."""
    values = dict(row)
    if table in LISTINGS:
        mark = fitted.marks.get((table, pk), directory.Visibility.PUBLIC)
        values["visibility"] = narrowest(visibility, mark)
    if table in SORTED:
        values["sort_name"] = directory.sort_name_for(row["name"])
    return values


def _held(model: type[models.Model], ids: Iterable[UUID], columns: list[str]) -> dict[UUID, Any]:
    """The rows the directory holds already, among `ids`: their `columns`, by id."""
    held: dict[UUID, Any] = {}
    for batch in _chunks(ids):
        for row in model.objects.filter(pk__in=batch).values("pk", *columns):  # type: ignore[attr-defined]
            held[row.pop("pk")] = row
    return held


def write(fitted: Fitted, *, visibility: str) -> Counts:
    """Every fitted row: created, updated where it differs from what the directory holds,
    or left as it is; `visibility` for new listings. The search words of the services that
    anything written may describe are made again."""
    counts = Counts(skipped={name: n for name, n in fitted.skipped.items() if n})
    moment = now()
    written: dict[str, dict[UUID, dict[str, Any]]] = {}
    for table, model in MODELS.items():
        rows = fitted.rows[table]
        if not rows:
            continue
        columns = [*_values(table, next(iter(rows)), next(iter(rows.values())), fitted, visibility)]
        held = _held(model, rows, columns)
        new, changed = [], 0
        for pk, row in rows.items():
            if pk not in held:
                new.append(model(pk=pk, **_values(table, pk, row, fitted, visibility)))
                continue
            kept = held[pk].get("visibility", visibility)
            values = _values(table, pk, row, fitted, kept)
            different = {name: value for name, value in values.items() if held[pk][name] != value}
            if different:
                model.objects.filter(pk=pk).update(updated_at=moment, **different)  # type: ignore[attr-defined]
                written.setdefault(table, {})[pk] = row
                changed += 1
        model.objects.bulk_create(new, batch_size=CHUNK)  # type: ignore[attr-defined]
        written.setdefault(table, {}).update((obj.pk, rows[obj.pk]) for obj in new)
        for name, number in (("created", len(new)), ("updated", changed)):
            if number:
                getattr(counts, name)[table] = number
        if len(rows) - len(new) - changed:
            counts.unchanged[table] = len(rows) - len(new) - changed
    index_services(_services_to_index(written))
    return counts


def _services_to_index(written: dict[str, dict[UUID, dict[str, Any]]]) -> list[UUID]:
    """The services whose search words the rows written may have changed: those written,
    those their attributes and languages describe, those at the places written, of the
    organisations written, and with the terms written."""

    def rows(table: str) -> Iterable[dict[str, Any]]:
        return written.get(table, {}).values()

    ids = [*written.get("service", {})]
    ids += [row["link_id"] for row in rows("attribute") if row["link_entity"] == "service"]
    ids += [row["service_id"] for row in rows("language") if row["service_id"]]
    places = {*written.get("location", {}), *(row["location_id"] for row in rows("address"))}
    places |= {row["location_id"] for row in rows("service_at_location")}
    for batch in _chunks(places):
        ids += services_at(batch)
    for batch in _chunks(written.get("organization", {})):
        ids += services_of(batch)
    for batch in _chunks(written.get("taxonomy_term", {})):
        ids += services_with_term(batch)
    return ids
