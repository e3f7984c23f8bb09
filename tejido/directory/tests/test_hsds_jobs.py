"""An import from the page as a job: what start_import refuses, the task that checks and then
writes (recording its progress), a job that runs once only, and two imports of the same file
at the same moment, which leave one copy of each record."""

import pytest
from django.db import IntegrityError, connection

from tejido.core.errors import NotFound
from tejido.core.testing import at_once
from tejido.directory import models as directory
from tejido.directory.hsds import services
from tejido.directory.hsds.errors import BadForm, BadVisibility, EmptyFile, FileTooLarge
from tejido.directory.hsds.models import HsdsImport, ImportState, WriteTurn
from tejido.directory.hsds.selectors import get_import, list_imports
from tejido.directory.hsds.services import (
    export_directory,
    import_checked,
    run_import,
    start_import,
)
from tejido.directory.hsds.tests.helpers import GOOD_FOLDER, GOOD_JSON, good_files, zipped
from tejido.directory.hsds.validate import check_path


@pytest.mark.django_db
def test_what_start_import_refuses(organiser, member) -> None:
    data = GOOD_JSON.read_bytes()
    with pytest.raises(NotFound):
        start_import(actor=member, file_name="d.json", data=data, visibility="members")
    with pytest.raises(EmptyFile):
        start_import(actor=organiser, file_name="d.json", data=b"", visibility="members")
    with pytest.raises(BadVisibility):
        start_import(actor=organiser, file_name="d.json", data=data, visibility="all")
    too_large = b" " * (services.MAX_UPLOAD_MB * 1024 * 1024 + 1)
    with pytest.raises(FileTooLarge):
        start_import(actor=organiser, file_name="d.json", data=too_large, visibility="members")
    assert not HsdsImport.objects.exists()


@pytest.mark.django_db
def test_a_job_checks_records_its_progress_writes_and_runs_once(
    organiser, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as queued:
        job = start_import(
            actor=organiser, file_name="d.zip", data=zipped(good_files()), visibility="public"
        )
    assert len(queued) == 1
    assert HsdsImport.objects.get(pk=job.pk).state == ImportState.WAITING
    # The file waits sealed: the database holds none of its text.
    stored = HsdsImport.objects.filter(pk=job.pk).values_list("sealed_file", flat=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed_file FROM directory_hsds_hsdsimport WHERE id = %s", [job.pk])
        [raw] = cursor.fetchone()
    assert raw.startswith("sealed:")
    assert stored[0] == HsdsImport.kept(zipped(good_files()))
    assert run_import(import_id=job.pk) == ImportState.DONE
    job.refresh_from_db()
    assert job.done == job.total > 0
    assert job.counts["created"]["service"] == 3
    assert job.finished_at is not None
    assert job.sealed_file == ""
    # A second worker given the same job finds it taken.
    assert run_import(import_id=job.pk) == ""


@pytest.mark.django_db
def test_a_file_that_is_not_a_package_ends_invalid_with_its_report(organiser) -> None:
    job = HsdsImport.objects.create(
        by=organiser, file_name="notas.txt", sealed_file=HsdsImport.kept(b"hola")
    )
    assert run_import(import_id=job.pk) == ImportState.INVALID
    job.refresh_from_db()
    assert job.problems == [["notas.txt", "", "", "not_a_package", {}]]
    assert job.problem_count == 1


@pytest.mark.django_db(transaction=True)
def test_two_imports_of_the_same_file_at_once_leave_one_copy_of_each_record() -> None:
    """Without the write turn, the later ones would fail on the first one's new ids."""

    checked = check_path(GOOD_FOLDER)
    # The turn's row exists already (after the first import ever): its lock alone keeps order.
    WriteTurn.objects.create(pk=1)

    def importing() -> None:
        import_checked(actor=None, checked=checked, visibility="members")

    assert at_once(*[importing] * 6, refused=IntegrityError) == ["done"] * 6
    assert directory.Service.objects.count() == 3
    assert directory.Phone.objects.count() == 3
    assert directory.Attribute.objects.filter(link_entity="service").count() == 3


@pytest.mark.django_db
def test_a_file_that_cannot_be_unsealed_ends_the_job_as_failed(organiser) -> None:
    """As after SECRET_KEY changed without the old one among the fallbacks."""
    job = HsdsImport.objects.create(by=organiser, file_name="d.zip")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE directory_hsds_hsdsimport SET sealed_file = %s WHERE id = %s",
            ["sealed:not-a-token", job.pk],
        )
    assert run_import(import_id=job.pk) == ImportState.FAILED
    assert HsdsImport.objects.get(pk=job.pk).sealed_file == ""


@pytest.mark.django_db
def test_only_organisers_read_imports_or_export(organiser, member) -> None:
    job = HsdsImport.objects.create(by=organiser, file_name="d.zip")
    assert get_import(viewer=organiser, import_id=job.pk).file_name == "d.zip"
    for asking in (
        lambda: get_import(viewer=member, import_id=job.pk),
        lambda: get_import(viewer=organiser, import_id=job.pk + 1),
        lambda: list_imports(viewer=member),
        lambda: export_directory(actor=member, form="json"),
    ):
        with pytest.raises(NotFound):
            asking()
    with pytest.raises(BadForm):
        export_directory(actor=organiser, form="xml")
