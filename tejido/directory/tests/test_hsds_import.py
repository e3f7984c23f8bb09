"""Importing HSDS files into the directory: every record of the sample lands where it should;
the same file twice creates nothing new; the tabular and the JSON sample are the same
records; a file with a single problem imports nothing; visibility is never widened."""

import json
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from tejido.directory import models as directory
from tejido.directory.factories import OrganizationFactory
from tejido.directory.hsds import marks
from tejido.directory.hsds.errors import BadVisibility, ImportRefused
from tejido.directory.hsds.fit import MODELS
from tejido.directory.hsds.services import import_checked
from tejido.directory.hsds.tests.helpers import (
    GOOD_FOLDER,
    GOOD_JSON,
    GOOD_SERVICES_JSON,
    good_files,
    with_cell,
    zipped,
)
from tejido.directory.hsds.validate import check_path, check_upload
from tejido.directory.models import Visibility

S1 = "a2000000-0000-4000-8000-000000000001"
S3 = "a2000000-0000-4000-8000-000000000003"
O1 = "a0000000-0000-4000-8000-000000000001"
L1 = "a3000000-0000-4000-8000-000000000001"

pytestmark = pytest.mark.django_db


def _import(path: Path, *, visibility: str = Visibility.MEMBERS, **options: Any):
    return import_checked(actor=None, checked=check_path(path), visibility=visibility, **options)


def _sizes() -> dict[str, int]:
    return {table: model.objects.count() for table, model in MODELS.items()}


def test_every_record_of_the_sample_is_imported() -> None:
    before = _sizes()
    counts = _import(GOOD_FOLDER)
    assert counts.created["service"] == 3
    assert counts.created["organization"] == 2
    assert counts.updated == {}
    assert counts.skipped == {"metadata": 1}
    service = directory.Service.objects.get(pk=S1)
    assert service.name == "Asesoría de vivienda"
    assert service.organization_id == directory.Organization.objects.get(pk=O1).pk
    assert service.minimum_age == 18
    assert str(service.assured_date) == "2026-03-01"
    assert service.visibility == Visibility.MEMBERS
    assert service.sort_name == "asesoria de vivienda"
    address = directory.Address.objects.get(location_id=L1)
    assert address.address_1 == "Calle Ficticia 12"
    with connection.cursor() as cursor:
        cursor.execute("SELECT address_1 FROM directory_address WHERE id = %s", [address.pk.hex])
        stored = cursor.fetchone()
    assert stored is None or "Ficticia" not in stored[0]
    # Its search words name its category and its languages.
    assert "vivienda" in service.words.words
    grown = {table: _sizes()[table] - before[table] for table in MODELS}
    assert grown["attribute"] == 4
    assert grown["taxonomy_term"] == 3


def test_importing_the_same_file_twice_creates_nothing_new() -> None:
    first = _import(GOOD_FOLDER)
    sizes = _sizes()
    second = _import(GOOD_FOLDER)
    assert _sizes() == sizes
    assert second.created == {}
    assert second.updated == {}
    assert second.unchanged == first.created


def test_the_json_sample_is_the_same_records_as_the_tabular_one() -> None:
    _import(GOOD_FOLDER)
    sizes = _sizes()
    counts = _import(GOOD_JSON)
    assert counts.created == {}
    # Not a field differs: the JSON form holds exactly the tabular form's records.
    assert counts.updated == {}
    assert _sizes() == sizes


def test_a_page_of_services_imports_with_its_times_offset() -> None:
    _import(GOOD_SERVICES_JSON)
    schedule = directory.Schedule.objects.get(pk="c7000000-0000-4000-8000-000000000001")
    assert str(schedule.opens_at) == "18:00:00"
    assert schedule.timezone == 1
    assert schedule.service_at_location_id is not None


def test_an_update_in_place_changes_the_record_and_keeps_what_tejido_adds() -> None:
    _import(GOOD_FOLDER)
    directory.Service.objects.filter(pk=S1).update(
        visibility=Visibility.PUBLIC, translations={"en": {"name": "Housing advice"}}
    )
    files = with_cell(good_files(), "services.csv", 2, "name", "Asesoría de alquiler")
    counts = import_checked(
        actor=None, checked=check_upload("d.zip", zipped(files)), visibility=Visibility.MEMBERS
    )
    assert counts.updated == {"service": 1}
    assert counts.unchanged["service"] == 2
    service = directory.Service.objects.get(pk=S1)
    assert service.name == "Asesoría de alquiler"
    assert service.sort_name == "asesoria de alquiler"
    assert service.visibility == Visibility.PUBLIC
    assert service.translations == {"en": {"name": "Housing advice"}}
    assert "alquiler" in service.words.words


def _refused(files: dict[str, bytes]) -> ImportRefused:
    checked = check_upload("d.zip", zipped(files))
    with pytest.raises(ImportRefused) as refused:
        import_checked(actor=None, checked=checked, visibility=Visibility.MEMBERS)
    return refused.value


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (("services.csv", 4, "status", "closed"), ("services.csv", "4", "status", "not_in_enum")),
        (("addresses.csv", 2, "country", "Spain"), ("addresses.csv", "2", "country", "too_long")),
        (
            ("services.csv", 4, "minimum_age", "16.5"),
            ("services.csv", "4", "minimum_age", "not_whole"),
        ),
        (
            ("services.csv", 4, "maximum_age", "12"),
            ("services.csv", "4", "maximum_age", "ages_out_of_order"),
        ),
        (
            ("services.csv", 4, "name", "Acompa\u200bñamiento"),
            ("services.csv", "4", "name", "bad_text"),
        ),
        (
            ("locations.csv", 2, "latitude", "4000"),
            ("locations.csv", "2", "latitude", "out_of_range"),
        ),
        (
            ("attributes.csv", 2, "link_entity", "metadata"),
            ("attributes.csv", "2", "link_entity", "needs_link"),
        ),
        (
            ("schedules.csv", 3, "opens_at", "09:00+02:00"),
            ("schedules.csv", "3", "opens_at", "offset_differs"),
        ),
    ],
)
def test_a_file_with_one_problem_imports_nothing(
    cell: tuple[str, int, str, str], expected: tuple[str, ...]
) -> None:
    sizes = _sizes()
    files = good_files()
    if cell[2] == "link_entity":
        files = with_cell(
            files, "attributes.csv", 2, "link_id", "b9000000-0000-4000-8000-000000000001"
        )
    refused = _refused(with_cell(files, *cell))
    assert [(p.file, p.row, p.field, p.code) for p in refused.problems] == [expected]
    assert refused.count == 1
    assert _sizes() == sizes


def test_a_service_at_a_location_twice_is_refused() -> None:
    files = with_cell(good_files(), "service_at_location.csv", 3, "service_id", S1)
    refused = _refused(files)
    assert [(p.row, p.code) for p in refused.problems] == [("3", "place_twice")]


def test_what_only_the_directory_knows_is_checked_before_anything_is_written() -> None:
    _import(GOOD_FOLDER)
    sizes = _sizes()
    taken = with_cell(
        good_files(), "taxonomy_terms.csv", 2, "id", "b1000000-0000-4000-8000-000000000009"
    )
    taken = with_cell(
        taken, "attributes.csv", 2, "taxonomy_term_id", "b1000000-0000-4000-8000-000000000009"
    )
    refused = _refused(taken)
    assert [(p.file, p.field, p.code) for p in refused.problems] == [
        ("taxonomy_terms.csv", "code", "code_taken")
    ]
    place = with_cell(
        good_files(), "service_at_location.csv", 3, "id", "a4000000-0000-4000-8000-000000000009"
    )
    refused = _refused(place)
    assert [(p.file, p.field, p.code) for p in refused.problems] == [
        ("service_at_location.csv", "location_id", "place_taken")
    ]
    assert _sizes() == sizes


def test_a_dry_run_finds_every_problem_and_writes_nothing() -> None:
    sizes = _sizes()
    counts = _import(GOOD_FOLDER, dry_run=True)
    assert counts.created["service"] == 3
    assert _sizes() == sizes


def test_new_listings_get_the_chosen_visibility_and_existing_ones_keep_theirs() -> None:
    OrganizationFactory(pk=O1, name="Ya estaba", visibility=Visibility.ORGANISERS)
    _import(GOOD_FOLDER, visibility=Visibility.PUBLIC)
    assert directory.Organization.objects.get(pk=O1).visibility == Visibility.ORGANISERS
    assert directory.Organization.objects.get(pk=O1).name == "Colectiva Arcoíris del Sur"
    assert set(directory.Service.objects.values_list("visibility", flat=True)) == {
        Visibility.PUBLIC
    }
    with pytest.raises(BadVisibility):
        _import(GOOD_FOLDER, visibility="everyone")


def test_a_loose_reference_to_nothing_is_dropped() -> None:
    files = with_cell(
        good_files(),
        "organizations.csv",
        3,
        "parent_organization_id",
        "f0000000-0000-4000-8000-000000000001",
    )
    import_checked(
        actor=None, checked=check_upload("d.zip", zipped(files)), visibility=Visibility.MEMBERS
    )
    assert (
        directory.Organization.objects.get(
            pk="a0000000-0000-4000-8000-000000000002"
        ).parent_organization_id
        is None
    )


def test_what_json_may_leave_out_but_tejido_needs_is_asked_for() -> None:
    """HSDS's JSON form does not require a service's organization; the directory lists a
    service under one."""
    service = {"id": "c2000000-0000-4000-8000-000000000009", "name": "Suelto", "status": "active"}
    checked = check_upload("d.json", json.dumps([service]).encode())
    assert checked.ok
    with pytest.raises(ImportRefused) as refused:
        import_checked(actor=None, checked=checked, visibility=Visibility.MEMBERS)
    assert [(p.row, p.field, p.code) for p in refused.value.problems] == [
        ("$[0]", "organization_id", "needs_value")
    ]


def test_a_datetime_without_an_offset_is_taken_as_utc() -> None:
    files = with_cell(good_files(), "services.csv", 4, "last_modified", "2026-02-14T10:30:00")
    import_checked(actor=None, checked=check_upload("d.zip", zipped(files)), visibility="members")
    moment = directory.Service.objects.get(pk=S3).last_modified
    assert moment is not None
    assert moment.isoformat() == "2026-02-14T10:30:00+00:00"


def test_a_visibility_mark_on_what_is_not_a_listing_is_refused() -> None:
    term, _name = marks.TERMS[Visibility.ORGANISERS]
    files = with_cell(good_files(), "attributes.csv", 2, "link_entity", "phone")
    files = with_cell(files, "attributes.csv", 2, "link_id", "a6000000-0000-4000-8000-000000000001")
    files = with_cell(files, "attributes.csv", 2, "taxonomy_term_id", str(term))
    files = with_cell(files, "taxonomy_terms.csv", 2, "id", str(term))
    files = with_cell(files, "attributes.csv", 3, "taxonomy_term_id", str(term))
    refused = _refused(files)
    assert [(p.row, p.code) for p in refused.problems] == [("2", "needs_link")]
