"""Importing and exporting the directory as HSDS files: every write.

An import from the page is a job: `start_import` keeps the file and queues the task, which
calls `run_import`: it checks the whole file (recording its progress), and then, only if
nothing is wrong, writes every record in one transaction (`import_checked`, which the
management command calls too). A file with problems changes nothing; its report stays on the
job for the organiser to read."""

import logging
from dataclasses import dataclass

from django.db import transaction

from tejido.access.directory_io import can_export_directory, can_import_directory
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import NotFound
from tejido.directory.hsds import exporter, writers
from tejido.directory.hsds.dataset import Progress
from tejido.directory.hsds.errors import (
    BadForm,
    BadVisibility,
    EmptyFile,
    FileTooLarge,
    ImportRefused,
)
from tejido.directory.hsds.fit import fit
from tejido.directory.hsds.importer import Counts, check_database, write
from tejido.directory.hsds.models import HsdsImport, ImportState, WriteTurn
from tejido.directory.hsds.problems import Report
from tejido.directory.hsds.validate import JSON, TABULAR, Checked, check_upload
from tejido.directory.models import Visibility

logger = logging.getLogger(__name__)

MAX_UPLOAD_MB = 50
FILE_NAME_LENGTH = 200


class _DryRun(Exception):
    """Rolls a dry run's transaction back once everything was written."""


def _refuse_on(report: Report) -> None:
    if not report.ok:
        raise ImportRefused(tuple(report.problems), report.count)


def import_checked(
    *,
    actor: User | None,
    checked: Checked,
    visibility: str,
    dry_run: bool = False,
    job: HsdsImport | None = None,
) -> Counts:
    """Import a checked file, all of it or nothing: ImportRefused with every problem if the
    file has any, or if its records do not fit the directory. The import is recorded in the
    audit log as `actor`'s (the command line may name nobody), about `job` when it comes from
    the import page. A dry run finds every problem and counts what would be written, and
    writes nothing."""
    if visibility not in Visibility.values:
        raise BadVisibility()
    if not checked.ok:
        raise ImportRefused(checked.problems, checked.problem_count)
    report = Report()
    fitted = fit(report, checked.dataset)
    _refuse_on(report)
    try:
        with transaction.atomic():
            WriteTurn.objects.bulk_create([WriteTurn(pk=1)], ignore_conflicts=True)
            WriteTurn.objects.select_for_update().get(pk=1)
            check_database(report, fitted)
            _refuse_on(report)
            counts = write(fitted, visibility=visibility)
            if dry_run:
                raise _DryRun()
            if actor is not None:
                record_action(
                    actor=actor,
                    action="directory.hsds_import",
                    target=job,
                    detail={"form": checked.form, **counts.as_dict()},
                )
    except _DryRun:
        pass
    return counts


def start_import(*, actor: User, file_name: str, data: bytes, visibility: str) -> HsdsImport:
    """Keep the file and queue its import; the page follows the job from there."""
    if not can_import_directory(actor):
        raise NotFound()
    if not data:
        raise EmptyFile()
    if len(data) > MAX_UPLOAD_MB * 1024 * 1024:
        raise FileTooLarge()
    if visibility not in Visibility.values:
        raise BadVisibility()
    from tejido.directory.hsds.tasks import run_hsds_import

    with transaction.atomic():
        job = HsdsImport.objects.create(
            by=actor,
            file_name=file_name[-FILE_NAME_LENGTH:] or "hsds",
            sealed_file=HsdsImport.kept(data),
            visibility=visibility,
        )
        transaction.on_commit(lambda: run_hsds_import.enqueue(job.pk), robust=True)
    return job


def _progress(job_id: int) -> Progress:
    def told(done: int, total: int) -> None:
        HsdsImport.objects.filter(pk=job_id).update(done=done, total=total)

    return told


def _finish(job: HsdsImport, state: str, **fields: object) -> str:
    HsdsImport.objects.filter(pk=job.pk).update(
        state=state, sealed_file="", finished_at=now(), **fields
    )
    return state


def run_import(*, import_id: int) -> str:
    """The import job's work (the task worker calls it): check, then write. Returns the state
    it ended in; a job already taken by another worker is left alone."""
    if not HsdsImport.objects.filter(pk=import_id, state=ImportState.WAITING).update(
        state=ImportState.CHECKING
    ):
        return ""
    # The file is opened in the try below: a file no key opens ends the job as failed.
    job = HsdsImport.objects.select_related("by").defer("sealed_file").get(pk=import_id)
    # Whoever started it must still be an organiser when it runs.
    if job.by is None or not can_import_directory(job.by):
        return _finish(job, ImportState.FAILED)
    try:
        checked = check_upload(job.file_name, job.data, _progress(job.pk))
        if checked.ok:
            HsdsImport.objects.filter(pk=job.pk).update(state=ImportState.IMPORTING)
        with transaction.atomic():
            counts = import_checked(
                actor=job.by, checked=checked, visibility=job.visibility, job=job
            )
            return _finish(job, ImportState.DONE, counts=counts.as_dict())
    except ImportRefused as refused:
        problems = [problem.as_list() for problem in refused.problems]
        return _finish(job, ImportState.INVALID, problems=problems, problem_count=refused.count)
    except Exception as error:
        # The error's type only: its text may quote the file, which is not for the logs.
        logger.error("HSDS import %s failed: %s", job.pk, type(error).__name__)
        return _finish(job, ImportState.FAILED)


@dataclass(frozen=True)
class Download:
    content: bytes
    file_name: str
    content_type: str


def export_directory(*, actor: User | None, form: str) -> Download:
    """The directory as `actor` may take it away (exporter.py), in the tabular form or the
    JSON form. On the page only organisers may export (NotFound for anyone else); the command
    line exports the public listings as nobody. An organiser's export is recorded."""
    if form not in (TABULAR, JSON):
        raise BadForm()
    if actor is not None and not can_export_directory(actor):
        raise NotFound()
    export = exporter.collect(actor)
    scope = "all" if export.everything else "public"
    if form == TABULAR:
        download = Download(
            writers.tabular(export), f"directory-hsds-{scope}.zip", "application/zip"
        )
    else:
        download = Download(
            writers.document(export), f"directory-hsds-{scope}.json", "application/json"
        )
    if actor is not None:
        record_action(
            actor=actor, action="directory.hsds_export", detail={"form": form, "scope": scope}
        )
    return download
