"""Exporting the directory as HSDS: export then import gives the same records (both forms, byte
for byte the same file again); an organiser's export holds every listing with its visibility
marked, and importing it keeps an organisers-only listing organisers-only; anyone else's
holds the public listings and nothing of a hidden one."""

import io
import json
import zipfile

import pytest

from tejido.audit.models import AuditEntry
from tejido.directory import models as directory
from tejido.directory.factories import AddressFactory, LocationFactory, OrganizationFactory
from tejido.directory.hsds import marks
from tejido.directory.hsds.fit import MODELS
from tejido.directory.hsds.services import export_directory, import_checked
from tejido.directory.hsds.tests.helpers import GOOD_FOLDER
from tejido.directory.hsds.validate import JSON, TABULAR, check_path, check_upload
from tejido.directory.models import Visibility

O2 = "a0000000-0000-4000-8000-000000000002"
S2 = "a2000000-0000-4000-8000-000000000002"
SAFE_HOUSE_STREET = "Calle del Refugio 7 MARKER-SAFE-HOUSE"

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory_with_secrets() -> None:
    """The sample, public, with one organisation made organisers-only (and a safe house
    under it) and one service members-only."""
    import_checked(actor=None, checked=check_path(GOOD_FOLDER), visibility=Visibility.PUBLIC)
    directory.Organization.objects.filter(pk=O2).update(visibility=Visibility.ORGANISERS)
    directory.Service.objects.filter(pk=S2).update(visibility=Visibility.MEMBERS)
    safe_house = LocationFactory(
        organization=OrganizationFactory(name="Red de acogida", visibility=Visibility.ORGANISERS),
        name="Casa refugio",
        visibility=Visibility.ORGANISERS,
    )
    AddressFactory(location=safe_house, address_1=SAFE_HOUSE_STREET)


def _wipe_listings() -> None:
    """Every directory record but the taxonomies (whose translations HSDS does not carry)."""
    for table, model in MODELS.items():
        if table not in ("taxonomy", "taxonomy_term"):
            model.objects.all().delete()


def _reimport(name: str, content: bytes) -> None:
    """Import as public: the file's marks keep the narrower listings as narrow as they were."""
    checked = check_upload(name, content)
    assert checked.ok, checked.problems[:5]
    import_checked(actor=None, checked=checked, visibility=Visibility.PUBLIC)


@pytest.mark.usefixtures("directory_with_secrets")
@pytest.mark.parametrize("form", [TABULAR, JSON])
def test_export_then_import_gives_the_same_records(organiser, form: str) -> None:
    first = export_directory(actor=organiser, form=form)
    _wipe_listings()
    assert not directory.Service.objects.exists()
    _reimport(first.file_name, first.content)
    again = export_directory(actor=organiser, form=form)
    assert again.content == first.content
    assert directory.Organization.objects.get(pk=O2).visibility == Visibility.ORGANISERS
    assert directory.Service.objects.get(pk=S2).visibility == Visibility.MEMBERS
    street = directory.Address.objects.get(location__name="Casa refugio").address_1
    assert street == SAFE_HOUSE_STREET


@pytest.mark.usefixtures("directory_with_secrets")
def test_an_organisers_export_marks_each_listing_and_is_recorded(organiser) -> None:
    download = export_directory(actor=organiser, form=TABULAR)
    assert download.file_name == "directory-hsds-all.zip"
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    attributes = archive.read("attributes.csv").decode()
    term, _name = marks.TERMS[Visibility.ORGANISERS]
    assert f"{O2},{term},{marks.LINK_TYPE},organization,organisers" in attributes
    assert SAFE_HOUSE_STREET in archive.read("addresses.csv").decode()
    entry = AuditEntry.objects.get(action="directory.hsds_export")
    assert entry.actor == organiser
    assert entry.detail == {"form": TABULAR, "scope": "all"}


@pytest.mark.usefixtures("directory_with_secrets")
@pytest.mark.parametrize("form", [TABULAR, JSON])
def test_anyone_elses_export_holds_the_public_listings_only(form: str) -> None:
    download = export_directory(actor=None, form=form)
    assert download.file_name.startswith("directory-hsds-public.")
    checked = check_upload(download.file_name, download.content)
    assert checked.ok, checked.problems[:5]
    tables = checked.dataset.tables
    assert set(tables["organization"]) == {"a0000000-0000-4000-8000-000000000001"}
    assert set(tables["service"]) == {"a2000000-0000-4000-8000-000000000001"}
    assert all(record.values["link_id"] != S2 for record in tables["attribute"].values())
    text = (
        download.content.decode("utf-8", "replace") if form == JSON else _all_text(download.content)
    )
    for hidden in (
        "MARKER-SAFE-HOUSE",
        "Casa refugio",
        "Clínica Trans",
        "Talleres de currículum",
        "+34 600 000 002",
        marks.LINK_TYPE,
    ):
        assert hidden not in text
    assert not AuditEntry.objects.filter(action="directory.hsds_export").exists()


def _all_text(content: bytes) -> str:
    archive = zipfile.ZipFile(io.BytesIO(content))
    return "".join(archive.read(name).decode() for name in archive.namelist())


def test_the_tabular_export_describes_itself_from_the_specification(organiser) -> None:
    download = export_directory(actor=organiser, form=TABULAR)
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    descriptor = json.loads(archive.read("datapackage.json"))
    services = next(r for r in descriptor["resources"] if r["name"] == "service")
    assert services["path"] in archive.namelist()
    assert {
        "fields": "organization_id",
        "reference": {"resource": "organization", "fields": "id"},
    } in services["schema"]["foreignKeys"]
    status = next(f for f in services["schema"]["fields"] if f["name"] == "status")
    assert status["constraints"]["enum"] == ["active", "inactive", "defunct", "temporarily closed"]
