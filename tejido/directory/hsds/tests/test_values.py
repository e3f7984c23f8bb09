"""One field's value, as a CSV cell and as a JSON value: what fits each type and format, what
it becomes, and the problem's code when it does not fit."""

from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from tejido.directory.hsds import spec
from tejido.directory.hsds.values import BadValue, from_json, from_text, to_json, to_text

TEXT = spec.Field("x")
NUMBER = spec.Field("x", spec.NUMBER)
INTEGER = spec.Field("x", spec.INTEGER)
BOOLEAN = spec.Field("x", spec.BOOLEAN)
DATE = spec.Field("x", spec.DATE)
TIME = spec.Field("x", spec.TIME)
DATETIME = spec.Field("x", spec.DATETIME)
UUID_FIELD = spec.Field("x", fmt=spec.UUID)
ENUM = spec.Field("x", enum=("WEEKLY", "MONTHLY"))
PLUS_TWO = timezone(timedelta(hours=2))


@pytest.mark.parametrize(
    ("column", "cell", "value"),
    [
        (TEXT, "  ", None),
        (TEXT, None, None),
        (NUMBER, "12", Decimal("12")),
        (NUMBER, "-3.7038", Decimal("-3.7038")),
        (NUMBER, "1e3", Decimal("1e3")),
        (INTEGER, "-4", -4),
        (BOOLEAN, "TRUE", True),
        (BOOLEAN, "0", False),
        (DATE, "2026-02-28", date(2026, 2, 28)),
        (TIME, "09:30", time(9, 30)),
        (TIME, "18:00:00+02:00", time(18, 0, tzinfo=PLUS_TWO)),
        (DATETIME, "2026-03-15T10:30:45.123Z", datetime(2026, 3, 15, 10, 30, 45, 123000, UTC)),
        (
            UUID_FIELD,
            "AC148810-D857-441C-9679-408F346DE14B",
            "ac148810-d857-441c-9679-408f346de14b",
        ),
        (ENUM, "WEEKLY", "WEEKLY"),
    ],
)
def test_a_cell_that_fits(column: spec.Field, cell: str | None, value: Any) -> None:
    assert from_text(column, cell) == value


@pytest.mark.parametrize(
    ("column", "cell", "code"),
    [
        (NUMBER, "1e999999", "not_number"),
        (NUMBER, "twelve", "not_number"),
        (INTEGER, "1.5", "not_integer"),
        (BOOLEAN, "yes", "not_boolean"),
        (DATE, "2026-13-01", "not_date"),
        (TIME, "25:00", "not_time"),
        (TIME, "9am", "not_time"),
        (DATETIME, "2026-03-15 10:30", "not_datetime"),
        (UUID_FIELD, "{ac148810-d857-441c-9679-408f346de14b}", "not_uuid"),
        (ENUM, "weekly", "not_in_enum"),
    ],
)
def test_a_cell_that_does_not_fit(column: spec.Field, cell: str, code: str) -> None:
    with pytest.raises(BadValue) as bad:
        from_text(column, cell)
    assert bad.value.code == code


@pytest.mark.parametrize(
    ("column", "given", "value"),
    [
        (NUMBER, 12, Decimal(12)),
        (NUMBER, 40.4168, Decimal("40.4168")),
        (INTEGER, 3.0, 3),
        (BOOLEAN, False, False),
        (TEXT, None, None),
        (DATE, "2026-01-01", date(2026, 1, 1)),
    ],
)
def test_a_json_value_that_fits(column: spec.Field, given: Any, value: Any) -> None:
    assert from_json(column, given) == value


@pytest.mark.parametrize(
    ("column", "given", "code"),
    [
        (NUMBER, "12", "not_number"),
        (NUMBER, True, "not_number"),
        (INTEGER, 2.5, "not_integer"),
        (INTEGER, "2", "not_integer"),
        (BOOLEAN, "true", "not_boolean"),
        (TEXT, 7, "not_text"),
        (DATE, 20260101, "not_text"),
    ],
)
def test_a_json_value_that_does_not_fit(column: spec.Field, given: Any, code: str) -> None:
    with pytest.raises(BadValue) as bad:
        from_json(column, given)
    assert bad.value.code == code


@pytest.mark.parametrize(
    ("value", "text", "json"),
    [
        (None, "", None),
        (True, "true", True),
        (Decimal("40.416800"), "40.416800", 40.4168),
        (Decimal("18"), "18", 18),
        (18, "18", 18),
        (date(2026, 3, 1), "2026-03-01", "2026-03-01"),
        (time(9, 0), "09:00:00", "09:00:00"),
        (
            datetime(2026, 3, 1, 9, 0, tzinfo=UTC),
            "2026-03-01T09:00:00+00:00",
            "2026-03-01T09:00:00+00:00",
        ),
        ("Vivienda", "Vivienda", "Vivienda"),
    ],
)
def test_values_written_out_read_back_the_same(value: Any, text: str, json: Any) -> None:
    assert to_text(value) == text
    assert to_json(value) == json
