"""Reading HSDS imports: the organisers' list and one import with its progress and report, as
cards for the pages. Anyone who may not import gets NotFound, as for an import that does not
exist."""

from dataclasses import dataclass
from datetime import datetime

from tejido.access.base import AnyUser
from tejido.access.directory_io import can_import_directory
from tejido.accounts.models import User
from tejido.core.choices import label
from tejido.core.errors import NotFound
from tejido.directory.hsds.models import HsdsImport, ImportState
from tejido.directory.hsds.problems import Problem

RECENT = 20


@dataclass(frozen=True)
class TableCount:
    table: str
    created: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class ImportCard:
    id: int
    file_name: str
    state: str
    state_label: str
    finished: bool
    visibility_label: str
    done: int
    total: int
    problems: tuple[Problem, ...]
    problem_count: int
    tables: tuple[TableCount, ...]
    skipped: tuple[tuple[str, int], ...]
    created_at: datetime
    finished_at: datetime | None

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0

    @property
    def unlisted(self) -> int:
        """Problems counted but not listed (beyond problems.MAX_LISTED)."""
        return self.problem_count - len(self.problems)


def _card(job: HsdsImport, *, with_problems: bool = True) -> ImportCard:
    counts = job.counts or {}
    created, updated = counts.get("created", {}), counts.get("updated", {})
    unchanged = counts.get("unchanged", {})
    tables = tuple(
        TableCount(table, created.get(table, 0), updated.get(table, 0), unchanged.get(table, 0))
        for table in sorted({*created, *updated, *unchanged})
    )
    return ImportCard(
        id=job.pk,
        file_name=job.file_name,
        state=job.state,
        state_label=str(ImportState(job.state).label),
        finished=job.finished,
        visibility_label=label(job, "visibility"),
        done=job.done,
        total=job.total,
        problems=tuple(Problem.from_list(stored) for stored in job.problems)
        if with_problems
        else (),
        problem_count=job.problem_count,
        tables=tables,
        skipped=tuple(sorted(counts.get("skipped", {}).items())),
        created_at=job.created_at,
        finished_at=job.finished_at,
    )


def get_import(*, viewer: AnyUser | None, import_id: int) -> ImportCard:
    if not can_import_directory(viewer):
        raise NotFound()
    job = HsdsImport.objects.defer("sealed_file").filter(pk=import_id).first()
    if job is None:
        raise NotFound()
    return _card(job)


def list_imports(*, viewer: AnyUser | None) -> list[ImportCard]:
    """The latest imports, newest first (without their problems, which only the import's own
    page shows)."""
    if not can_import_directory(viewer):
        raise NotFound()
    jobs = HsdsImport.objects.defer("sealed_file", "problems")[:RECENT]
    return [_card(job, with_problems=False) for job in jobs]


def get_organiser_by_email(*, email: str) -> User:
    """Whom the command line acts as (`--by`): someone who may import and export, by their
    address; NotFound for anyone else."""
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None or not can_import_directory(user):
        raise NotFound()
    return user
