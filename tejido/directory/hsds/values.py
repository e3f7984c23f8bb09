"""One field's value, as a CSV cell (text) or a JSON value, checked against its type, format and
enumeration and turned into Python: text stays text (UUIDs in their canonical lower-case
form, so that "ABC…" and "abc…" are one id), numbers become Decimal (exact, as written), dates,
times and datetimes become `datetime` objects. An empty cell, an empty string and JSON null
all mean "not given"."""

import re
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from tejido.directory.hsds import spec

Value = str | Decimal | int | bool | date | time | datetime


class BadValue(ValueError):
    """The value does not fit; `code` names the problem (see problems.MESSAGES)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# An exponent of at most two digits: no number a directory holds needs more, and "1e999999"
# would cost a great deal to write out.
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,2})?")
_INTEGER = re.compile(r"[+-]?\d+")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_OFFSET = r"(Z|[+-]\d{2}:\d{2})?"
_TIME = re.compile(r"\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?" + _OFFSET)
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?" + _OFFSET)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
_TRUE = frozenset({"true", "True", "TRUE", "1"})
_FALSE = frozenset({"false", "False", "FALSE", "0"})


def _fromisoformat(kind: Any, text: str) -> Any:
    # Python reads "Z" since 3.11; the patterns above already hold the shape to ISO 8601's.
    try:
        return kind.fromisoformat(text)
    except ValueError:
        return None


def _string(column: spec.Field, text: str) -> str:
    if column.fmt == spec.UUID:
        if not _UUID.fullmatch(text):
            raise BadValue("not_uuid")
        return str(UUID(text))
    if column.fmt == spec.EMAIL:
        try:
            validate_email(text)
        except ValidationError:
            raise BadValue("not_email") from None
    if column.fmt == spec.URI and not _SCHEME.fullmatch(text):
        raise BadValue("not_uri")
    if column.enum and text not in column.enum:
        raise BadValue("not_in_enum")
    return text


def _moment(column: spec.Field, text: str) -> date | time | datetime:
    pattern, kind, code = {
        spec.DATE: (_DATE, date, "not_date"),
        spec.TIME: (_TIME, time, "not_time"),
        spec.DATETIME: (_DATETIME, datetime, "not_datetime"),
    }[column.type]
    value = _fromisoformat(kind, text) if pattern.fullmatch(text) else None
    if value is None:
        raise BadValue(code)
    return value


def _number(text: str) -> Decimal:
    if not _NUMBER.fullmatch(text):
        raise BadValue("not_number")
    return Decimal(text)


def from_text(column: spec.Field, text: str | None) -> Value | None:
    """A CSV cell (None: the file has no such column)."""
    text = (text or "").strip()
    if not text:
        return None
    if column.type == spec.STRING:
        return _string(column, text)
    if column.type == spec.NUMBER:
        return _number(text)
    if column.type == spec.INTEGER:
        if not _INTEGER.fullmatch(text):
            raise BadValue("not_integer")
        return int(text)
    if column.type == spec.BOOLEAN:
        if text not in _TRUE | _FALSE:
            raise BadValue("not_boolean")
        return text in _TRUE
    return _moment(column, text)


def from_json(column: spec.Field, value: Any) -> Value | None:
    """A JSON value: text fields take strings, numbers take numbers, booleans take true or
    false, as JSON Schema has it; dates and times are strings."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if column.type == spec.NUMBER:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise BadValue("not_number")
        return Decimal(str(value))
    if column.type == spec.INTEGER:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise BadValue("not_integer")
        if isinstance(value, float) and not value.is_integer():
            raise BadValue("not_integer")
        return int(value)
    if column.type == spec.BOOLEAN:
        if not isinstance(value, bool):
            raise BadValue("not_boolean")
        return value
    if not isinstance(value, str):
        raise BadValue("not_text")
    return from_text(column, value)


def to_text(value: Value | None) -> str:
    """A value as a CSV cell (and, for text, dates and times, as a JSON string)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def to_json(value: Value | None) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if value is None or isinstance(value, (bool, int)):
        return value
    return to_text(value)
