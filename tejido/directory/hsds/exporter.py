"""The directory as HSDS records, as a viewer may take it away: an organiser's export holds
every record, with each listing's visibility marked (marks.py); anyone else's holds the
public listings (as tejido.access.directory shows them), the records that belong only to
them, and the taxonomies. A record that also belongs to something not exported (a phone of a
public service and of a hidden location) stays out: nothing of a hidden listing leaves.

The records come out as values.Value by HSDS field, table by table in the specification's
order and by id, so the same directory always gives the same file (writers.py)."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any
from uuid import UUID

from django.db.models import Q, QuerySet

from tejido.access.directory import (
    visible_locations,
    visible_organizations,
    visible_service_at_locations,
    visible_services,
)
from tejido.access.directory_io import exports_everything
from tejido.directory import models as directory
from tejido.directory.hsds import marks, spec
from tejido.directory.hsds.fit import LISTINGS, MODELS, column_name
from tejido.directory.hsds.values import Value

Records = dict[str, dict[str, dict[str, Value]]]

# Who each table's records belong to (their links, from the JSON form's nesting).
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


def _exported(viewer: Any) -> dict[str, QuerySet[Any]]:
    """Every kept table's records that `viewer`'s export holds, as querysets (the later ones
    filtered by the earlier ones)."""
    if exports_everything(viewer):
        return {table: model.objects.all() for table, model in MODELS.items()}  # type: ignore[attr-defined]
    chosen: dict[str, QuerySet[Any]] = {
        "organization": visible_organizations(viewer),
        "service": visible_services(viewer),
        "location": visible_locations(viewer),
        "service_at_location": visible_service_at_locations(viewer),
        "taxonomy": directory.Taxonomy.objects.all(),
        "taxonomy_term": directory.TaxonomyTerm.objects.all(),
    }
    chosen["program"] = directory.Program.objects.filter(organization__in=chosen["organization"])
    # Each table once all it belongs to is chosen (a contact's phones after the contacts).
    waiting = [table for table in MODELS if table not in chosen and table != "attribute"]
    while waiting:
        table = next(t for t in waiting if all(p in chosen for _l, p in PARENTS[t]))
        waiting.remove(table)
        links = PARENTS[table]
        # Every link it has names an exported record, and it has one at least.
        each = [
            Q(**{f"{link}__isnull": True}) | Q(**{f"{link}__in": chosen[parent]})
            for link, parent in links
        ]
        some = reduce(or_, (Q(**{f"{link}__isnull": False}) for link, _parent in links))
        chosen[table] = MODELS[table].objects.filter(some, *each)  # type: ignore[attr-defined]
    linked = [
        Q(link_entity=table, link_id__in=chosen[table].values("pk"))
        for table in MODELS
        if table != "attribute"
    ]
    chosen["attribute"] = directory.Attribute.objects.filter(reduce(or_, linked))
    return chosen


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


def collect(viewer: Any) -> Export:
    """The records `viewer`'s export holds."""
    export = Export(everything=exports_everything(viewer))
    for table, queryset in _exported(viewer).items():
        records = export.table(table)
        for row in _rows(table, queryset):
            pk = str(row["pk"])
            records[pk] = _hsds_values(table, row)
            if export.everything and table in LISTINGS:
                _mark(export, table, pk, row["visibility"])
    if export.everything:
        _add_mark_taxonomy(export)
    return export
