"""Validating the tabular form: the good sample passes from a folder and from a zip, and each
bad input in the table below gives exactly the problems it should, each with its file, row,
field and code."""

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import translation

from tejido.directory.hsds import package
from tejido.directory.hsds.problems import MAX_LISTED
from tejido.directory.hsds.tests.helpers import (
    GOOD_FOLDER,
    csv_bytes,
    good_files,
    rows_of,
    with_cell,
    zipped,
)
from tejido.directory.hsds.validate import TABULAR, check_path, check_upload

O1 = "a0000000-0000-4000-8000-000000000001"
S1 = "a2000000-0000-4000-8000-000000000001"
NOBODY = "f0000000-0000-4000-8000-000000000099"

Files = dict[str, bytes]
Where = tuple[str, str, str, str]


def _problems(files: Files) -> list[Where]:
    checked = check_upload("directory.zip", zipped(files))
    return [(p.file, p.row, p.field, p.code) for p in checked.problems]


def _descriptor(files: Files, change: Callable[[dict], None]) -> Files:
    descriptor = json.loads(files["datapackage.json"])
    change(descriptor)
    return {**files, "datapackage.json": json.dumps(descriptor).encode()}


def _resource(name: str) -> Callable[[dict], int]:
    def index(descriptor: dict) -> int:
        return next(i for i, r in enumerate(descriptor["resources"]) if r["name"] == name)

    return index


def _without_resource(name: str) -> Callable[[Files], Files]:
    def change(files: Files) -> Files:
        return _descriptor(files, lambda d: d["resources"].pop(_resource(name)(d)))

    return change


def _append_copy(name: str, row: int) -> Callable[[Files], Files]:
    def change(files: Files) -> Files:
        rows = rows_of(files[name])
        return {**files, name: csv_bytes([*rows, rows[row - 1]])}

    return change


def _cell(name: str, row: int, column: str, value: str) -> Callable[[Files], Files]:
    return lambda files: with_cell(files, name, row, column, value)


def test_the_good_sample_has_no_problem_from_a_folder_or_a_zip() -> None:
    for checked in (
        check_path(GOOD_FOLDER),
        check_path(GOOD_FOLDER / "datapackage.json"),
        check_upload("good.zip", zipped(good_files())),
        check_upload("good.zip", zipped(good_files(), folder="hsds/")),
    ):
        assert checked.ok, checked.problems
        assert checked.form == TABULAR
        assert len(checked.dataset.tables["service"]) == 3
        assert checked.dataset.tables["service"][S1].values["name"] == "Asesoría de vivienda"


BAD_INPUTS: list[tuple[str, Callable[[Files], Files], list[Where]]] = [
    (
        "a uuid that is not one",
        _cell("services.csv", 2, "program_id", "programme-1"),
        [("services.csv", "2", "program_id", "not_uuid")],
    ),
    (
        "a required field left empty",
        _cell("services.csv", 3, "name", "  "),
        [("services.csv", "3", "name", "required")],
    ),
    (
        "a link a CSV row must fill, left empty",
        _cell("services.csv", 3, "organization_id", ""),
        [("services.csv", "3", "organization_id", "required")],
    ),
    (
        "a value outside the enumeration",
        _cell("services.csv", 2, "status", "open"),
        [("services.csv", "2", "status", "not_in_enum")],
    ),
    (
        "a bad email address",
        _cell("services.csv", 2, "email", "vivienda at arcoiris"),
        [("services.csv", "2", "email", "not_email")],
    ),
    (
        "a bad uri",
        _cell("services.csv", 2, "url", "arcoiris-sur.example/vivienda"),
        [("services.csv", "2", "url", "not_uri")],
    ),
    (
        "a number in words",
        _cell("services.csv", 2, "minimum_age", "eighteen"),
        [("services.csv", "2", "minimum_age", "not_number")],
    ),
    (
        "a date in another format",
        _cell("services.csv", 2, "assured_date", "01/03/2026"),
        [("services.csv", "2", "assured_date", "not_date")],
    ),
    (
        "a date that does not exist",
        _cell("services.csv", 2, "assured_date", "2026-02-30"),
        [("services.csv", "2", "assured_date", "not_date")],
    ),
    (
        "a datetime in words",
        _cell("services.csv", 4, "last_modified", "yesterday"),
        [("services.csv", "4", "last_modified", "not_datetime")],
    ),
    (
        "a time in words",
        _cell("schedules.csv", 2, "opens_at", "5pm"),
        [("schedules.csv", "2", "opens_at", "not_time")],
    ),
    (
        "a foreign key to nothing",
        _cell("services.csv", 4, "organization_id", NOBODY),
        [("services.csv", "4", "organization_id", "broken_reference")],
    ),
    (
        "an attribute of a table HSDS does not have",
        _cell("attributes.csv", 2, "link_entity", "volunteer"),
        [("attributes.csv", "2", "link_entity", "not_a_table")],
    ),
    (
        "an attribute of a service that is not there",
        _cell("attributes.csv", 2, "link_id", NOBODY),
        [("attributes.csv", "2", "link_id", "broken_reference")],
    ),
    (
        "metadata about a record that is not there",
        _cell("metadata.csv", 2, "resource_id", NOBODY),
        [("metadata.csv", "2", "resource_id", "broken_reference")],
    ),
    (
        "a duplicate id",
        _append_copy("funding.csv", 2),
        [("funding.csv", "3", "id", "duplicate")],
    ),
    (
        "a duplicate unique code",
        _cell("taxonomy_terms.csv", 3, "code", "vivienda"),
        [("taxonomy_terms.csv", "3", "code", "duplicate")],
    ),
    (
        "an unknown column",
        lambda files: with_cell(files, "organizations.csv", 1, "tax_id", "colour"),
        [("organizations.csv", "1", "colour", "unknown_field")],
    ),
    (
        "a column named twice",
        lambda files: with_cell(files, "organizations.csv", 1, "tax_id", "name"),
        [("organizations.csv", "1", "name", "column_twice")],
    ),
    (
        "a row longer than its header",
        lambda files: {
            **files,
            "funding.csv": files["funding.csv"].replace(b"municipal ficticia.", b"x,y"),
        },
        [("funding.csv", "2", "", "row_length")],
    ),
    (
        "a stray quote",
        lambda files: {**files, "funding.csv": files["funding.csv"] + b'"unended,\r\n'},
        [("funding.csv", "3", "", "bad_csv")],
    ),
    (
        "a file that is not UTF-8",
        lambda files: {**files, "funding.csv": files["funding.csv"].decode().encode("utf-16")},
        [("funding.csv", "", "", "not_utf8")],
    ),
    (
        "an empty file",
        lambda files: {**files, "funding.csv": b""},
        [("funding.csv", "", "", "no_header")],
    ),
    (
        "a table HSDS does not have",
        lambda files: _descriptor(
            {**files, "volunteers.csv": b"id\r\n"},
            lambda d: d["resources"].append({"name": "volunteer", "path": "volunteers.csv"}),
        ),
        [("datapackage.json", "resources[20]", "name", "unknown_table")],
    ),
    (
        "a table listed twice",
        lambda files: _descriptor(
            files, lambda d: d["resources"].append({"name": "funding", "path": "funding.csv"})
        ),
        [("datapackage.json", "resources[20]", "name", "table_twice")],
    ),
    (
        "a listed file that is not there",
        lambda files: {k: v for k, v in files.items() if k != "funding.csv"},
        [("datapackage.json", "resources[10]", "path", "missing_file")],
    ),
    (
        "a path out of the package",
        lambda files: _descriptor(
            files, lambda d: d["resources"][_resource("funding")(d)].update(path="../funding.csv")
        ),
        [
            ("datapackage.json", "resources[10]", "path", "unsafe_path"),
            ("funding.csv", "", "", "unlisted_file"),
        ],
    ),
    (
        "a resource without its path",
        lambda files: _descriptor(files, lambda d: d["resources"].append({"name": "funding"})),
        [("datapackage.json", "resources[20]", "", "bad_resource")],
    ),
    (
        "a CSV file datapackage.json does not list",
        _without_resource("funding"),
        [("funding.csv", "", "", "unlisted_file")],
    ),
    (
        "a datapackage.json without resources",
        lambda files: _descriptor(files, lambda d: d.pop("resources")),
        [("datapackage.json", "", "resources", "no_resources")],
    ),
    (
        "a datapackage.json that is not JSON",
        lambda files: {**files, "datapackage.json": b'{"resources": ['},
        [("datapackage.json", "", "", "not_json")],
    ),
    (
        "a zip file without datapackage.json",
        lambda files: {k: v for k, v in files.items() if k != "datapackage.json"},
        [("directory.zip", "", "", "no_datapackage")],
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"),
    [pytest.param(change, expected, id=name) for name, change, expected in BAD_INPUTS],
)
def test_each_bad_input_gives_its_problems(
    change: Callable[[Files], Files], expected: list[Where]
) -> None:
    assert _problems(change(good_files())) == expected


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    """Fourteen bad cells and rows in five files: fourteen problems, in one report."""
    overlapping = ("a date that does not exist", "an attribute of a service that is not there")
    chosen = [entry for entry in BAD_INPUTS[:16] if entry[0] not in overlapping]
    files = good_files()
    for _name, change, _expected in chosen:
        files = change(files)
    expected = [where for _name, _change, wheres in chosen for where in wheres]
    assert sorted(_problems(files)) == sorted(expected)
    assert len(expected) == 14


def test_a_damaged_zip_and_a_file_of_neither_form() -> None:
    assert _codes(check_upload("x.zip", b"PK\x03\x04 not really a zip")) == ["bad_zip"]
    assert _codes(check_upload("notes.txt", b"name,city\r\n")) == ["not_a_package"]
    assert _codes(check_path(Path(GOOD_FOLDER.parent))) == ["no_datapackage"]


def test_a_zip_that_unpacks_to_too_much_is_not_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package, "MAX_UNPACKED_MB", 0)
    checked = check_upload("big.zip", zipped(good_files()))
    assert [(p.code, p.params) for p in checked.problems] == [
        ("unpacked_too_large", {"limit": "0"})
    ]


def _codes(checked) -> list[str]:
    return [problem.code for problem in checked.problems]


@pytest.mark.usefixtures("translations")
def test_problems_read_in_the_readers_language() -> None:
    [problem] = check_upload(
        "d.zip", zipped(with_cell(good_files(), "services.csv", 2, "status", "open"))
    ).problems
    with translation.override("en"):
        assert str(problem) == (
            "services.csv, row 2, status: “open” is not one of: "
            "active, inactive, defunct, temporarily closed."
        )
    with translation.override("es"):
        assert str(problem) == (
            "services.csv, fila 2, status: «open» no es ninguno de estos valores: "
            "active, inactive, defunct, temporarily closed."
        )


def test_a_long_value_is_cut_in_the_message() -> None:
    [problem] = _only(with_cell(good_files(), "services.csv", 2, "email", "x" * 500))
    assert len(problem.params["value"]) == 60
    assert problem.params["value"].endswith("…")


def _only(files: Files):
    return check_upload("d.zip", zipped(files)).problems


def test_a_zip_whose_data_is_damaged_is_reported_not_raised() -> None:
    raw = zipped(good_files())
    archive = zipfile.ZipFile(io.BytesIO(raw))
    info = archive.getinfo("services.csv")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    damaged = bytearray(raw)
    for at in range(start + 10, start + 40):
        damaged[at] ^= 0x5A
    assert _codes(check_upload("x.zip", bytes(damaged))) == ["bad_zip"]


def test_a_row_without_a_good_id_is_reported_with_what_names_it() -> None:
    files = with_cell(good_files(), "funding.csv", 2, "id", "funding-1")
    files = {**files, "funding.csv": files["funding.csv"] + b",,,\r\n"}
    assert _problems(files) == [("funding.csv", "2", "id", "not_uuid")]


def test_every_problem_is_counted_and_the_first_ten_thousand_listed() -> None:
    rows = rows_of(good_files()["services.csv"])
    header, first = rows[0], rows[1]
    status = header.index("status")
    many = [header]
    for number in range(MAX_LISTED + 5):
        row = [*first]
        row[0] = f"a2000000-0000-4000-8000-{number + 100:012d}"
        row[status] = "open"
        many.append(row)
    checked = check_upload("d.zip", zipped({**good_files(), "services.csv": csv_bytes(many)}))
    assert len(checked.problems) == MAX_LISTED
    # The bad rows, and the records that named the services no longer in the file.
    assert checked.problem_count > MAX_LISTED + 5


def test_progress_is_told_as_the_rows_are_checked() -> None:
    told: list[tuple[int, int]] = []
    check_upload("d.zip", zipped(good_files()), lambda done, total: told.append((done, total)))
    total = sum(
        len(rows_of(data)) - 1 for name, data in good_files().items() if name.endswith(".csv")
    )
    assert told == [(total, total)]
