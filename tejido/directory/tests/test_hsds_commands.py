"""The HSDS management commands: hsds_import prints the same report as the page (every problem,
by file, row and field) and imports nothing from a file with a problem; --dry-run writes
nothing; hsds_export writes either form, the public listings unless an organiser is named."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tejido.audit.models import AuditEntry
from tejido.directory import models as directory
from tejido.directory.hsds.tests.helpers import GOOD_FOLDER, GOOD_JSON, good_files, with_cell

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _bad_folder(tmp_path: Path) -> Path:
    files = with_cell(good_files(), "services.csv", 3, "status", "open")
    files = with_cell(files, "phones.csv", 2, "number", "")
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def test_the_command_imports_a_folder_and_counts_what_it_wrote() -> None:
    out, _err = _run("hsds_import", str(GOOD_FOLDER), "--visibility", "public", "--language", "en")
    assert "service: 3 new, 0 updated, 0 unchanged" in out
    assert "metadata: 1 checked, not kept" in out
    assert out.rstrip().endswith("Imported.")
    assert directory.Service.objects.filter(visibility="public").count() == 3
    out, _err = _run("hsds_import", str(GOOD_JSON), "--language", "en")
    assert "service: 0 new, 0 updated, 3 unchanged" in out
    assert directory.Service.objects.count() == 3


@pytest.mark.usefixtures("translations")
def test_the_command_prints_every_problem_and_imports_nothing(tmp_path: Path) -> None:
    folder = _bad_folder(tmp_path)
    with pytest.raises(CommandError, match="the file has 2 problems"):
        _run("hsds_import", str(folder), "--language", "en")
    err = io.StringIO()
    with pytest.raises(CommandError, match="el archivo tiene 2 problemas"):
        call_command("hsds_import", str(folder), "--language", "es", stderr=err)
    assert err.getvalue().splitlines() == [
        "services.csv, fila 3, status: «open» no es ninguno de estos valores: "
        "active, inactive, defunct, temporarily closed.",
        "phones.csv, fila 2, number: Este campo es obligatorio y está vacío.",
    ]
    assert not directory.Service.objects.exists()


def test_a_dry_run_writes_nothing() -> None:
    out, _err = _run("hsds_import", str(GOOD_FOLDER), "--dry-run", "--language", "en")
    assert "service: 3 new, 0 updated, 0 unchanged" in out
    assert "nothing was written" in out
    assert not directory.Service.objects.exists()


def test_the_command_acts_as_an_organiser_only(organiser, member) -> None:
    _run("hsds_import", str(GOOD_FOLDER), "--by", organiser.email.upper())
    assert AuditEntry.objects.get(action="directory.hsds_import").actor == organiser
    with pytest.raises(CommandError):
        _run("hsds_import", str(GOOD_FOLDER), "--by", member.email)
    with pytest.raises(CommandError):
        _run("hsds_import", "/nowhere/at/all.zip")


def test_the_command_exports_both_forms(tmp_path: Path, organiser) -> None:
    _run("hsds_import", str(GOOD_FOLDER), "--visibility", "public")
    directory.Service.objects.filter(pk="a2000000-0000-4000-8000-000000000002").update(
        visibility="organisers"
    )
    _run("hsds_export", str(tmp_path), "--format", "json")
    public = json.loads((tmp_path / "directory-hsds-public.json").read_text())
    services = [s["name"] for o in public for s in o.get("services", [])]
    assert "Orientación laboral" not in services
    assert "Asesoría de vivienda" in services
    target = tmp_path / "todo.zip"
    out, _err = _run(
        "hsds_export",
        str(target),
        "--format",
        "tabular",
        "--by",
        organiser.email,
        "--language",
        "en",
    )
    assert out.strip() == f"Written: {target}"
    with zipfile.ZipFile(target) as archive:
        assert "Orientación laboral" in archive.read("services.csv").decode()
    assert AuditEntry.objects.filter(action="directory.hsds_export", actor=organiser).exists()
    with pytest.raises(CommandError):
        _run("hsds_export", str(tmp_path / "no" / "such" / "folder.zip"), "--format", "json")
