"""The directory as HSDS records, as a viewer may take it away: an organiser's export holds
every record, with each listing's visibility marked (marks.py); anyone else's holds the
public listings (as tejido.access.directory shows them), the records that belong only to
them, and the taxonomies. A record that also belongs to something not exported (a phone of a
public service and of a hidden location) stays out: nothing of a hidden listing leaves.

The records come out as values.Value by HSDS field, table by table in the specification's
order and by id, so the same directory always gives the same file (writers.py)."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from tejido.access.directory import (
    visible_locations,
    visible_organizations,
    visible_services,
)
from tejido.access.directory_io import belongs_only_to, exports_everything
from tejido.directory import models as directory
from tejido.directory.hsds import marks, spec
from tejido.directory.hsds.fit import LISTINGS, MODELS, column_name
from tejido.directory.hsds.values import Value

Records = dict[str, dict[str, dict[str, Value]]]

# What each table's records belong to: their foreign keys to other kept tables (an
# attribute's link names its table itself). A record is exported only with all of them.
LINKS: dict[str, list[tuple[str, str]]] = {
    table: [(f.name, f.ref) for f in spec.BY_NAME[table].fields if f.ref in MODELS]
    for table in MODELS
}
# Where each table's records nest in the JSON form (writers.py): their parents' links.
PARENTS: dict[str, list[tuple[str, str]]] = {}
for _table in spec.TABLES:
    for _nest in _table.nested:
        if _nest.many and not _nest.entity and _table.name in MODELS:
            PARENTS.setdefault(_nest.table, []).append((_nest.link, _table.name))


@dataclass
class Export:
    """`records`: by table, by id, the HSDS values. `everything`: an organiser's export."""

    everything: bool
    records: Records = field(default_factory=dict)

    def table(self, name: str) -> dict[str, dict[str, Value]]:
        return self.records.setdefault(name, {})


def _listings(viewer: Any) -> dict[str, QuerySet[Any]]:
    """The listings `viewer`'s export starts from, as the policy shows them; every other
    table's records follow from them."""
    if exports_everything(viewer):
        return {}
    return {
        "organization": visible_organizations(viewer),
        "service": visible_services(viewer),
        "location": visible_locations(viewer),
        # The vocabulary is no one's secret.
        "taxonomy": directory.Taxonomy.objects.all(),
        "taxonomy_term": directory.TaxonomyTerm.objects.all(),
    }


def _order() -> list[str]:
    """The kept tables, each after the tables its records belong to."""
    order: list[str] = []
    waiting = list(MODELS)
    while waiting:
        table = next(t for t in waiting if all(p in order or p == t for _l, p in LINKS[t]))
        waiting.remove(table)
        order.append(table)
    return order


def _hsds_values(table: str, row: dict[str, Any]) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for hsds_field in spec.BY_NAME[table].fields:
        value = row[column_name(table, hsds_field.name) if hsds_field.name != "id" else "pk"]
        if value is None or value == "":
            continue
        values[hsds_field.name] = str(value) if isinstance(value, UUID) else value
    return values


def _rows(table: str, queryset: QuerySet[Any]) -> Iterator[dict[str, Any]]:
    columns = [column_name(table, f.name) for f in spec.BY_NAME[table].fields if f.name != "id"]
    if table in LISTINGS:
        columns.append("visibility")
    yield from queryset.order_by("pk").values("pk", *columns).iterator(chunk_size=2000)


def _mark(export: Export, table: str, listing_id: str, visibility: str) -> None:
    term, _name = marks.TERMS[visibility]
    mark = str(marks.mark_id(table, UUID(listing_id)))
    export.table("attribute")[mark] = {
        "id": mark,
        "link_id": listing_id,
        "taxonomy_term_id": str(term),
        "link_type": marks.LINK_TYPE,
        "link_entity": table,
        "value": visibility,
    }


def _add_mark_taxonomy(export: Export) -> None:
    taxonomy = str(marks.TAXONOMY_ID)
    export.table("taxonomy")[taxonomy] = {
        "id": taxonomy,
        "name": marks.TAXONOMY_NAME,
        "description": marks.TAXONOMY_DESCRIPTION,
    }
    terms = export.table("taxonomy_term")
    for visibility, (term, name) in marks.TERMS.items():
        terms[str(term)] = {
            "id": str(term),
            "code": f"{marks.LINK_TYPE}_{visibility}",
            "name": name,
            "description": name,
            "taxonomy_id": taxonomy,
        }


def _belongs(export: Export, table: str, record: dict[str, Value]) -> bool:
    links = [(record.get(link), parent) for link, parent in LINKS[table]]
    if table == "attribute":
        links.append((record.get("link_id"), str(record.get("link_entity"))))
    return belongs_only_to(
        [(parent, str(value)) for value, parent in links if value is not None],
        lambda parent, pk: pk in export.records.get(parent, {}),
    )


def collect(viewer: Any) -> Export:
    """The records `viewer`'s export holds."""
    export = Export(everything=exports_everything(viewer))
    listings = _listings(viewer)
    for table in _order():
        records = export.table(table)
        everyone = MODELS[table].objects.all()  # type: ignore[attr-defined]
        for row in _rows(table, listings.get(table, everyone)):
            pk = str(row["pk"])
            values = _hsds_values(table, row)
            if export.everything or table in listings or _belongs(export, table, values):
                records[pk] = values
            if export.everything and table in LISTINGS:
                _mark(export, table, pk, row["visibility"])
    if export.everything:
        _add_mark_taxonomy(export)
    return export
