"""The organisers' HSDS pages: upload a file, follow the import without JavaScript, read every
problem in the reader's language, download the directory in both forms. Anyone else gets the
404 page, for an import that exists as for one that does not."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.urls import reverse

from tejido.accounts.models import User
from tejido.audit.models import AuditEntry
from tejido.core.testing import FRAME_QUERIES
from tejido.directory import models as directory
from tejido.directory.hsds.models import HsdsImport, ImportState
from tejido.directory.hsds.services import MAX_UPLOAD_MB
from tejido.directory.hsds.tests.helpers import GOOD_JSON, good_files, with_cell, zipped
from tejido.web.forms.directory_hsds import HsdsImportForm

pytestmark = pytest.mark.django_db

HOME = reverse("organise_directory_hsds")


def _upload(client, data: bytes, name: str = "directorio.zip", visibility: str = "members"):
    return client.post(HOME, {"file": SimpleUploadedFile(name, data), "visibility": visibility})


def _job_url(job: HsdsImport) -> str:
    return reverse("organise_directory_hsds_import", args=[job.pk])


def test_an_organiser_imports_a_file_and_follows_it(
    login, make_user, django_capture_on_commit_callbacks
) -> None:
    organiser = make_user("organiser", language="en")
    client = login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, zipped(good_files()), visibility="public")
    job = HsdsImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _job_url(job)
    page = client.get(_job_url(job)).content.decode()
    assert "Every record of the file is in the directory." in page
    assert "<td>service</td>" in page
    assert "metadata" in page
    assert directory.Service.objects.filter(visibility="public").count() == 3
    job.refresh_from_db()
    assert job.state == ImportState.DONE
    assert job.sealed_file == ""
    assert job.done == job.total > 0
    entry = AuditEntry.objects.get(action="directory.hsds_import")
    assert (entry.actor, entry.target_name) == (organiser, "directorio.zip")
    assert "directorio.zip" in client.get(HOME).content.decode()


@pytest.mark.usefixtures("translations")
@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Nothing was imported: the file has 1 problem", "row 2", "“open” is not one of"]),
        ("es", ["No se ha importado nada", "fila 2", "«open» no es"]),
    ],
)
def test_a_file_with_a_bad_row_imports_nothing_and_says_where_in_both_languages(
    login, make_user, django_capture_on_commit_callbacks, language: str, words: list[str]
) -> None:
    client = login(make_user("organiser", language=language))
    bad = with_cell(good_files(), "services.csv", 2, "status", "open")
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, zipped(bad))
    job = HsdsImport.objects.get()
    assert job.state == ImportState.INVALID
    page = client.get(_job_url(job)).content.decode()
    assert "services.csv" in page
    assert "<td data-label" in page
    for word in words:
        assert word in page
    assert not directory.Service.objects.exists()


def test_the_progress_shows_without_javascript(login, make_user) -> None:
    organiser = make_user("organiser", language="en")
    organiser_client = login(organiser)
    job = HsdsImport.objects.create(
        by=organiser, file_name="grande.zip", state=ImportState.CHECKING, done=1500, total=6000
    )
    page = organiser_client.get(_job_url(job)).content.decode()
    assert '<progress id="progress" max="6000" value="1500">25 %</progress>' in page
    assert f'href="{_job_url(job)}"' in page
    assert "<script" not in page.split("<main", 1)[-1].split("</main>")[0]
    HsdsImport.objects.filter(pk=job.pk).update(state=ImportState.IMPORTING)
    assert "are being written" in organiser_client.get(_job_url(job)).content.decode()


def test_an_import_whose_organiser_stepped_down_does_not_run(
    login, organiser, django_capture_on_commit_callbacks
) -> None:
    client = login(organiser)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        _upload(client, GOOD_JSON.read_bytes(), name="good.json")
    User.objects.filter(pk=organiser.pk).update(is_organiser=False)
    for callback in queued:
        callback()
    job = HsdsImport.objects.get()
    assert job.state == ImportState.FAILED
    assert not directory.Service.objects.exists()


def test_the_form_asks_for_a_file(organiser_client) -> None:
    response = organiser_client.post(HOME, {"visibility": "members"})
    assert response.status_code == 400
    assert not HsdsImport.objects.exists()
    response = organiser_client.post(
        HOME, {"file": SimpleUploadedFile("x.zip", b"PK"), "visibility": "everyone"}
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("organise_directory_hsds_export_tabular", "application/zip"),
        ("organise_directory_hsds_export_json", "application/json"),
    ],
)
def test_an_organiser_downloads_the_directory(organiser_client, name: str, kind: str) -> None:
    response = organiser_client.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Type"] == kind
    assert response["Content-Disposition"].startswith('attachment; filename="directory-hsds-all.')
    if kind == "application/zip":
        assert "datapackage.json" in zipfile.ZipFile(io.BytesIO(response.content)).namelist()


@pytest.mark.parametrize("role", ["anonymous", "applicant", "member"])
def test_nobody_else_sees_these_pages_and_an_import_is_as_missing_as_none(
    client, login, make_user, organiser, assert_same_answer, role: str
) -> None:
    job = HsdsImport.objects.create(by=organiser, file_name="secreto.zip", state=ImportState.DONE)
    visitor = client if role == "anonymous" else login(make_user(role))
    pages = [
        HOME,
        _job_url(job),
        reverse("organise_directory_hsds_import", args=[job.pk + 1]),
        reverse("organise_directory_hsds_export_tabular"),
        reverse("organise_directory_hsds_export_json"),
    ]
    answers = [visitor.get(page) for page in pages]
    assert [answer.status_code for answer in answers] == [404] * len(pages)
    assert_same_answer(answers[1], answers[2])
    assert (
        visitor.post(
            HOME,
            {"file": SimpleUploadedFile("x.zip", zipped(good_files())), "visibility": "public"},
        ).status_code
        == 404
    )
    assert HsdsImport.objects.count() == 1


@pytest.mark.parametrize("imports", [1, 8])
def test_the_page_costs_the_same_with_any_number_of_imports(
    login, organiser, django_assert_num_queries, imports: int
) -> None:
    HsdsImport.objects.bulk_create(
        [HsdsImport(by=organiser, file_name=f"f{n}.zip", problem_count=n) for n in range(imports)]
    )
    client = login(organiser)
    client.get(HOME)
    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(HOME)
    assert len(response.context["imports"]) == imports


# The frame's queries, the organiser area's badge and the latest imports.
HOME_QUERIES = FRAME_QUERIES + 2


def test_the_form_refuses_a_file_too_large_before_reading_it() -> None:
    huge = UploadedFile(io.BytesIO(b"PK"), name="todo.zip", size=MAX_UPLOAD_MB * 1024 * 1024 + 1)
    form = HsdsImportForm({"visibility": "members"}, {"file": huge})
    assert not form.is_valid()
    assert "file" in form.errors
