"""What can be wrong with an HSDS file, one problem at a time: where (the file, the row or the
record's place in the JSON, the field) and what, as a code and its values. The words are
chosen when the problem is shown, in the reader's language, so a report kept in the database
reads in Spanish to one organiser and in English to another."""

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, Promise] = {
    # The file as a whole.
    "not_a_package": _(
        "This is neither a zip file nor a JSON file. Upload a zip with datapackage.json and "
        "its CSV files, or a JSON file."
    ),
    "bad_zip": _("This zip file is damaged or cannot be read."),
    "unpacked_too_large": _("Unpacked, the zip file holds more than %(limit)s MB."),
    "no_datapackage": _("There is no datapackage.json beside the CSV files."),
    "not_json": _("This is not valid JSON (line %(line)s, column %(column)s)."),
    "not_utf8": _("The file is not UTF-8 text."),
    "too_deep": _("Records are nested deeper than HSDS nests them."),
    # datapackage.json.
    "no_resources": _("datapackage.json has no list of resources."),
    "bad_resource": _("Each resource needs a name and a path (the CSV file)."),
    "unknown_table": _("HSDS has no table called “%(value)s”."),
    "table_twice": _("The table “%(value)s” is listed more than once."),
    "missing_file": _("datapackage.json lists “%(value)s”, but there is no such file."),
    "unlisted_file": _("This CSV file is not listed in datapackage.json."),
    "unsafe_path": _("“%(value)s” is not a plain file name inside the package."),
    # CSV files.
    "no_header": _("The file has no header row naming its columns."),
    "bad_csv": _("From this row on, the file is not CSV that can be read (a stray quote?)."),
    "column_twice": _("The column “%(value)s” appears more than once in the header."),
    "row_length": _("This row has %(count)s values, but the header names %(expected)s columns."),
    # JSON documents.
    "not_an_object": _("This must be an object with the record's fields."),
    "not_a_list": _("This must be a list of records."),
    "nested_mismatch": _("Nested in the record with id %(expected)s, this field says %(value)s."),
    "nested_in_other": _("Nested in a %(expected)s, this field says %(value)s."),
    "copies_differ": _(
        "This %(table)s appears more than once (also at %(other)s) with different values."
    ),
    # Fields.
    "unknown_field": _("HSDS has no field “%(value)s” here."),
    "required": _("This field is required and is empty."),
    "not_text": _("This must be text."),
    "not_number": _("“%(value)s” is not a number."),
    "not_integer": _("“%(value)s” is not a whole number."),
    "not_boolean": _("“%(value)s” is not true or false."),
    "not_date": _("“%(value)s” is not a date; write it as YYYY-MM-DD."),
    "not_time": _("“%(value)s” is not a time; write it as HH:MM or HH:MM:SS, with an offset."),
    "not_datetime": _(
        "“%(value)s” is not a date and time; write it as YYYY-MM-DDTHH:MM:SS with an offset."
    ),
    "not_uuid": _("“%(value)s” is not a UUID (like 0b6e1a4c-2f39-4d1e-9a7b-3c5d8e2f1a60)."),
    "not_email": _("“%(value)s” is not an email address."),
    "not_uri": _("“%(value)s” is not a web address (like https://example.org/)."),
    "not_in_enum": _("“%(value)s” is not one of: %(choices)s."),
    "duplicate": _("The record at %(other)s already has “%(value)s”: it must be unique."),
    "broken_reference": _("There is no %(table)s with the id %(value)s in this file."),
    "not_a_table": _("“%(value)s” is not the name of an HSDS table."),
    # What Tejido needs of a record beyond what HSDS requires.
    "too_long": _("This is longer than Tejido keeps here: at most %(limit)s characters."),
    "bad_text": _(
        "This text holds a character Tejido does not keep here (a control character, or one "
        "that does not show)."
    ),
    "needs_value": _(
        "Tejido keeps this record only with this field: give it, or nest the record in the "
        "one it belongs to."
    ),
    "not_whole": _("Tejido keeps a whole number from 0 to %(top)s here."),
    "out_of_range": _("Tejido keeps a number smaller than %(top)s here."),
    "offset_differs": _(
        "This time's offset (%(value)s hours) is not the schedule's timezone, %(expected)s."
    ),
    "ages_out_of_order": _("The maximum age is below the minimum age."),
    "needs_link": _("Tejido cannot attach an attribute to a %(value)s."),
    "place_twice": _("This service is already at this location, at %(other)s."),
    "code_taken": _(
        "The taxonomy already has another term with the code “%(value)s” (id %(other)s)."
    ),
    "place_taken": _("This service is already at this location in the directory (id %(other)s)."),
}

# Values longer than this are cut in the message: the reader needs to recognise it, not read
# it again, and the report stays small.
SHOWN_VALUE_LENGTH = 60
# Problems kept for the report. Every further one is counted: a file this wrong is wrong the
# same way throughout, and the count says how much.
MAX_LISTED = 10_000


def shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= SHOWN_VALUE_LENGTH else text[: SHOWN_VALUE_LENGTH - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """`file`: the CSV file or the JSON file's name. `row`: the CSV row as a spreadsheet numbers
    it (the header is row 1), or the record's place in the JSON (`$[0].services[2]`); empty for
    the file as a whole. `field`: the column or property, or empty."""

    file: str
    row: str
    field: str
    code: str
    params: dict[str, Any] = dataclass_field(default_factory=dict)

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code]) % self.params

    @property
    def place(self) -> str:
        """The row in the reader's words ("row 3"), or the record's JSONPath."""
        if not self.row.isdigit():
            return self.row
        return str(_("row %(row)s")) % {"row": self.row}

    def __str__(self) -> str:
        where = ", ".join(part for part in (self.file, self.place, self.field) if part)
        return f"{where}: {self.message}"

    def as_list(self) -> list[Any]:
        return [self.file, self.row, self.field, self.code, self.params]

    @classmethod
    def from_list(cls, stored: list[Any]) -> "Problem":
        file, row, name, code, params = stored
        return cls(file, row, name, code, params)


class Report:
    """Collects problems, in the order they are found, up to MAX_LISTED; counts them all."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.count = 0

    def add(self, file: str, row: str | int, name: str, code: str, **params: Any) -> None:
        assert code in MESSAGES, code
        self.count += 1
        if len(self.problems) < MAX_LISTED:
            values = {key: shown(value) for key, value in params.items()}
            self.problems.append(Problem(file, str(row), name, code, values))

    @property
    def ok(self) -> bool:
        return self.count == 0
