"""How the records of a checked HSDS file fit the directory's tables, and what Tejido needs
beyond what HSDS asks: text by Tejido's one rule (tejido.core.text) and within each column's
length, whole numbers where Tejido counts (ages, years, extensions), a service under its
organization, an attribute with its term, a service at a location only once. Each misfit is a
problem like any other (file, row, field, what), found before anything is written.

Two HSDS tables are checked but not kept: metadata (a log of changes made elsewhere) and
meta_table_description. The attributes that mark a listing's visibility in an organiser's
export (see marks.py) set the visibility instead of being kept as attributes.

Nothing here reads the database: the checks that need it run in the importer's transaction."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from uuid import UUID

from django.db import models

from tejido.core.errors import InvalidInput
from tejido.core.text import TextRule
from tejido.directory import models as directory
from tejido.directory.cleaning import LONG_TEXT
from tejido.directory.hsds import marks, spec
from tejido.directory.hsds.dataset import Dataset, Record
from tejido.directory.hsds.problems import Report
from tejido.directory.hsds.values import Value

# Each kept table's model, in the specification's order.
MODELS: dict[str, type[models.Model]] = {
    "organization": directory.Organization,
    "program": directory.Program,
    "service": directory.Service,
    "attribute": directory.Attribute,
    "service_at_location": directory.ServiceAtLocation,
    "location": directory.Location,
    "phone": directory.Phone,
    "contact": directory.Contact,
    "address": directory.Address,
    "schedule": directory.Schedule,
    "funding": directory.Funding,
    "service_area": directory.ServiceArea,
    "required_document": directory.RequiredDocument,
    "language": directory.Language,
    "accessibility": directory.Accessibility,
    "taxonomy_term": directory.TaxonomyTerm,
    "cost_option": directory.CostOption,
    "organization_identifier": directory.OrganizationIdentifier,
    "taxonomy": directory.Taxonomy,
}
NOT_KEPT = ("metadata", "meta_table_description")
# The listings: the tables whose records have a visibility.
LISTINGS = ("organization", "service", "location")
# Where a model's column is not the HSDS field's name.
COLUMNS = {("taxonomy_term", "taxonomy_id"): "taxonomy_detail_id"}
# Free text without a length in the database has the one organisers' edits have.
TEXT_LENGTH = LONG_TEXT.max_length
# Names follow Tejido's rule for names (nothing invisible in them), as organisers' edits do.
NAMES = ("name", "alternate_name")
_WHOLE_RANGES = {
    models.PositiveSmallIntegerField: 32_767,
    models.PositiveIntegerField: 2_147_483_647,
}


def column_name(table: str, name: str) -> str:
    return COLUMNS.get((table, name), name)


@dataclass
class Fitted:
    """`rows`: by table, by id, the model's column values (by attname). `marks`: the
    visibility an organiser's export gave a listing, by (table, id). `skipped`: how many
    records of each table were checked but not kept."""

    rows: dict[str, dict[UUID, dict[str, Any]]] = field(default_factory=dict)
    marks: dict[tuple[str, UUID], str] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    where: dict[tuple[str, UUID], Record] = field(default_factory=dict)


def _columns(model: type[models.Model]) -> dict[str, models.Field[Any, Any]]:
    return {column.attname: column for column in model._meta.concrete_fields}


def _text(report: Report, record: Record, name: str, column: Any, value: Value | None) -> str:
    multiline = isinstance(column, models.TextField)
    limit = column.max_length or TEXT_LENGTH
    text = "" if value is None else str(value)
    # The length is checked apart, after the text is cleaned, for its own message.
    rule = TextRule(max(limit, len(text)), multiline=multiline, name=name in NAMES)
    try:
        cleaned = rule.clean(text, field=name)
    except InvalidInput:
        report.add(record.file, record.row, name, "bad_text")
        return ""
    if len(cleaned) > limit:
        report.add(record.file, record.row, name, "too_long", limit=limit)
        return ""
    if not cleaned and not column.blank:
        report.add(record.file, record.row, name, "required")
    return cleaned


def _number(report: Report, record: Record, name: str, column: Any, value: Decimal) -> Any:
    top = next((top for kind, top in _WHOLE_RANGES.items() if isinstance(column, kind)), None)
    if top is not None:
        if value != value.to_integral_value() or not 0 <= value <= top:
            report.add(record.file, record.row, name, "not_whole", top=top)
            return None
        return int(value)
    places = Decimal(1).scaleb(-column.decimal_places)
    rounded = value.quantize(places, rounding=ROUND_HALF_UP) if abs(value) < 10**20 else value
    top = Decimal(10) ** (column.max_digits - column.decimal_places)
    if abs(rounded) >= top:
        report.add(record.file, record.row, name, "out_of_range", top=top)
        return None
    return rounded


def _value(report: Report, record: Record, name: str, column: Any, value: Value | None) -> Any:
    """The column's value for an HSDS value that has been checked against HSDS already."""
    if isinstance(column, (models.CharField, models.TextField)):
        return _text(report, record, name, column, value)
    if value is None:
        if not column.null:
            report.add(record.file, record.row, name, "needs_value")
        return None
    if isinstance(column, (models.ForeignKey, models.UUIDField)):
        return UUID(str(value))
    if isinstance(value, Decimal):
        return _number(report, record, name, column, value)
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _schedule_times(report: Report, record: Record, row: dict[str, Any]) -> None:
    """Tejido keeps opening times as wall-clock times in the schedule's `timezone` (an offset
    in hours): a time given with an offset gives the schedule its timezone."""
    for name in ("opens_at", "closes_at"):
        moment = row.get(name)
        if not isinstance(moment, time) or moment.tzinfo is None:
            continue
        offset = moment.utcoffset()
        assert offset is not None
        hours = Decimal(offset.total_seconds()) / 3600
        if row.get("timezone") is None:
            row["timezone"] = hours
        elif row["timezone"] != hours:
            report.add(
                record.file,
                record.row,
                name,
                "offset_differs",
                value=hours,
                expected=row["timezone"],
            )
        row[name] = moment.replace(tzinfo=None)


def _row(report: Report, table: str, record: Record) -> dict[str, Any]:
    model = MODELS[table]
    columns = _columns(model)
    row: dict[str, Any] = {}
    for hsds_field in spec.BY_NAME[table].fields:
        if hsds_field.name == "id":
            continue
        name = column_name(table, hsds_field.name)
        row[name] = _value(
            report, record, hsds_field.name, columns[name], record.values.get(hsds_field.name)
        )
    if table == "schedule":
        _schedule_times(report, record, row)
    ages = (row.get("minimum_age"), row.get("maximum_age"))
    if table == "service" and None not in ages and ages[0] > ages[1]:  # type: ignore[operator]
        report.add(record.file, record.row, "maximum_age", "ages_out_of_order")
    return row


def _attribute(report: Report, fitted: Fitted, record: Record) -> bool:
    """Take a visibility mark; True if the attribute is an ordinary one to keep."""
    entity = str(record.values.get("link_entity", ""))
    term = record.values.get("taxonomy_term_id")
    visibility = marks.VISIBILITY_OF_TERM.get(UUID(str(term))) if term else None
    if visibility is None:
        if entity not in MODELS:
            report.add(record.file, record.row, "link_entity", "needs_link", value=entity)
        return True
    if entity in LISTINGS:
        fitted.marks[(entity, UUID(str(record.values["link_id"])))] = visibility
    else:
        report.add(record.file, record.row, "link_entity", "needs_link", value=entity)
    return False


def fit(report: Report, dataset: Dataset) -> Fitted:
    """The dataset's records as rows of the directory's tables; misfits go to `report`."""
    fitted = Fitted()
    for name in NOT_KEPT:
        fitted.skipped[name] = len(dataset.tables.get(name, {}))
    for table in MODELS:
        rows = fitted.rows.setdefault(table, {})
        for record_id, record in dataset.records(table):
            pk = UUID(record_id)
            if marks.is_mark_record(table, pk):
                continue
            if table == "attribute" and not _attribute(report, fitted, record):
                continue
            rows[pk] = _row(report, table, record)
            fitted.where[(table, pk)] = record
    _check_places(report, fitted)
    return fitted


def _check_places(report: Report, fitted: Fitted) -> None:
    """A service is at a location once (the directory holds it once)."""
    seen: dict[tuple[Any, Any], UUID] = {}
    for pk, row in fitted.rows["service_at_location"].items():
        key = (row["service_id"], row["location_id"])
        other = seen.setdefault(key, pk)
        if other != pk:
            record = fitted.where[("service_at_location", pk)]
            first = fitted.where[("service_at_location", other)]
            report.add(record.file, record.row, "location_id", "place_twice", other=first.place)
