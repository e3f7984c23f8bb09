"""Validating the JSON form: the good samples (organizations nested as the compiled schema
nests them; a page of services) pass and hold the same records as the tabular sample; each
bad document in the table gives exactly its problems, with the record's JSONPath as its
row."""

import json
from collections.abc import Callable
from typing import Any

import pytest

from tejido.directory.hsds.tests.helpers import (
    GOOD_FOLDER,
    GOOD_JSON,
    GOOD_SERVICES_JSON,
    as_bytes,
    good_document,
)
from tejido.directory.hsds.validate import JSON, check_path, check_upload

S2 = "a2000000-0000-4000-8000-000000000002"
NOBODY = "f0000000-0000-4000-8000-000000000099"
Where = tuple[str, str, str, str]


def _problems(data: bytes, name: str = "d.json") -> list[Where]:
    return [(p.file, p.row, p.field, p.code) for p in check_upload(name, data).problems]


def _tables(checked: Any) -> dict[str, dict[str, dict[str, Any]]]:
    return {
        table: {pk: record.values for pk, record in records.items()}
        for table, records in checked.dataset.tables.items()
        if records
    }


def test_the_json_sample_holds_the_records_of_the_tabular_one() -> None:
    document, tabular = check_path(GOOD_JSON), check_path(GOOD_FOLDER)
    assert document.ok
    assert document.form == JSON
    assert _tables(document) == _tables(tabular)


def test_a_page_of_services_with_their_organization_nested_in_them() -> None:
    checked = check_path(GOOD_SERVICES_JSON)
    assert checked.ok, checked.problems
    tables = _tables(checked)
    organization = "c0000000-0000-4000-8000-000000000001"
    assert {s["organization_id"] for s in tables["service"].values()} == {organization}
    # The location met twice (nested once, named once) is one record.
    assert len(tables["location"]) == 1
    [address] = tables["address"].values()
    assert address["location_id"] == "c3000000-0000-4000-8000-000000000001"
    [attribute, _other] = sorted(tables["attribute"].values(), key=lambda a: a["id"])
    assert attribute["link_entity"] == "service"
    assert attribute["taxonomy_term_id"] == "d1000000-0000-4000-8000-000000000001"


def test_one_service_alone_and_a_list_of_services() -> None:
    page = json.loads(GOOD_SERVICES_JSON.read_text())
    service = page["contents"][0]
    assert check_upload("one.json", as_bytes(service)).ok
    assert check_upload("list.json", as_bytes(page["contents"])).ok


def _organization(change: Callable[[dict[str, Any]], object]) -> bytes:
    document = good_document()
    change(document[0])
    return as_bytes(document)


def _service(number: int, change: Callable[[dict[str, Any]], object]) -> bytes:
    return _organization(lambda organization: change(organization["services"][number]))


def _page(change: Callable[[dict[str, Any]], object]) -> bytes:
    page = json.loads(GOOD_SERVICES_JSON.read_text())
    change(page)
    return as_bytes(page)


BAD_DOCUMENTS: list[tuple[str, bytes, list[Where]]] = [
    ("not JSON", b'[{"id": ', [("d.json", "", "", "not_json")]),
    ("NaN, which JSON does not have", b'[{"id": NaN}]', [("d.json", "", "", "not_json")]),
    (
        "not UTF-8",
        '[{"name": "Colectiva"}]'.encode("utf-16"),
        [("d.json", "", "", "not_a_package")],
    ),
    (
        "a latin-1 file",
        '[{"name": "Arcoíris"}]'.encode("latin-1"),
        [("d.json", "", "", "not_utf8")],
    ),
    ("a list of numbers", b"[1]", [("d.json", "$[0]", "", "not_an_object")]),
    ("a string at the top", b'"services"', [("d.json", "", "", "not_a_package")]),
    (
        "an unknown field",
        _organization(lambda o: o.update(colour="purple")),
        [("d.json", "$[0]", "colour", "unknown_field")],
    ),
    (
        "a required field empty",
        _organization(lambda o: o.update(name="")),
        [("d.json", "$[0]", "name", "required")],
    ),
    (
        "a number given as text",
        _organization(lambda o: o.update(year_incorporated="2011")),
        [("d.json", "$[0]", "year_incorporated", "not_number")],
    ),
    (
        "text given as a number",
        _organization(lambda o: o.update(legal_status=7)),
        [("d.json", "$[0]", "legal_status", "not_text")],
    ),
    (
        "true given as a number",
        _organization(lambda o: o.update(year_incorporated=True)),
        [("d.json", "$[0]", "year_incorporated", "not_number")],
    ),
    (
        "a nested service without its status",
        _service(0, lambda s: s.pop("status")),
        [("d.json", "$[0].services[0]", "status", "required")],
    ),
    (
        "a nested record naming another parent",
        _service(0, lambda s: s["phones"][0].update(service_id=S2)),
        [("d.json", "$[0].services[0].phones[0]", "service_id", "nested_mismatch")],
    ),
    (
        "an attribute nested in a service that says it is an organization's",
        _service(0, lambda s: s["attributes"][0].update(link_entity="organization")),
        [("d.json", "$[0].services[0].attributes[0]", "link_entity", "nested_in_other")],
    ),
    (
        "a list that is an object (its records are then missing where they are named)",
        _organization(lambda o: o.update(locations={})),
        [
            ("d.json", "$[0].locations", "", "not_a_list"),
            (
                "d.json",
                "$[0].services[0].service_at_locations[0]",
                "location_id",
                "broken_reference",
            ),
            (
                "d.json",
                "$[0].services[1].service_at_locations[0]",
                "location_id",
                "broken_reference",
            ),
        ],
    ),
    (
        "a record that is a string",
        _service(0, lambda s: s.update(phones=["+34 600 000 001"])),
        [("d.json", "$[0].services[0].phones[0]", "", "not_an_object")],
    ),
    (
        "a reference to nothing",
        _service(1, lambda s: s.update(program_id=NOBODY)),
        [("d.json", "$[0].services[1]", "program_id", "broken_reference")],
    ),
    (
        "a bad enumeration deep down",
        _organization(lambda o: o["locations"][0]["addresses"][0].update(address_type="home")),
        [("d.json", "$[0].locations[0].addresses[0]", "address_type", "not_in_enum")],
    ),
    (
        "two copies of a record that differ",
        _page(lambda p: p["contents"][1]["attributes"][0]["taxonomy_term"].update(name="Otra")),
        [("d.json", "$.contents[1].attributes[0].taxonomy_term", "id", "copies_differ")],
    ),
    (
        "a page whose counts are not whole numbers",
        _page(lambda p: p.update(total_items=2.5, first_page="yes", colour="x")),
        [
            ("d.json", "$", "colour", "unknown_field"),
            ("d.json", "$", "total_items", "not_integer"),
            ("d.json", "$", "first_page", "not_boolean"),
        ],
    ),
    (
        "a page whose contents are not a list",
        _page(lambda p: p.update(contents={})),
        [("d.json", "$", "contents", "not_a_list")],
    ),
    (
        "a duplicate code",
        _page(
            lambda p: p["contents"][1]["attributes"][0].update(
                taxonomy_term={
                    "id": NOBODY,
                    "code": "familias",
                    "name": "Familias",
                    "description": "Para familias.",
                }
            )
        ),
        [
            (
                "d.json",
                "$.contents[1].attributes[0].taxonomy_term",
                "code",
                "duplicate",
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("data", "expected"),
    [pytest.param(data, expected, id=name) for name, data, expected in BAD_DOCUMENTS],
)
def test_each_bad_document_gives_its_problems(data: bytes, expected: list[Where]) -> None:
    assert _problems(data) == expected


def test_a_document_that_loops_stops_at_the_depth_hsds_nests_to() -> None:
    service: dict[str, Any] = {"id": S2, "name": "Bucle", "status": "active"}
    for _level in range(20):
        service = {
            "id": S2,
            "name": "Bucle",
            "status": "active",
            "organization": {"id": NOBODY, "name": "O", "description": "D", "services": [service]},
        }
    codes = {code for _f, _r, _n, code in _problems(as_bytes([service]))}
    assert codes == {"too_deep"}


def test_a_document_deeper_than_python_reads() -> None:
    assert _problems(b"[" * 100_000 + b"]" * 100_000) == [("d.json", "", "", "too_deep")]


def test_progress_is_told_by_the_records_at_the_top() -> None:
    told: list[tuple[int, int]] = []
    check_upload("d.json", GOOD_JSON.read_bytes(), lambda done, total: told.append((done, total)))
    assert told == [(2, 2)]
