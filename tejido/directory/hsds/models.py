"""An HSDS import, from the upload to the end: the file waits here for the task worker, which
checks it (recording how far it got) and then writes it in one transaction. The file is
sealed while it waits (an organiser's export holds safe houses' addresses) and dropped when
the import ends; what is left says what happened."""

import base64

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tejido.core.sealing import SealedTextField
from tejido.directory.models import Visibility


class ImportState(models.TextChoices):
    WAITING = "waiting", _("Waiting to start")
    CHECKING = "checking", _("Checking the file")
    IMPORTING = "importing", _("Importing")
    DONE = "done", _("Imported")
    INVALID = "invalid", _("Not imported: the file has problems")
    FAILED = "failed", _("Not imported: something went wrong")


FINISHED = (ImportState.DONE, ImportState.INVALID, ImportState.FAILED)


class HsdsImport(models.Model):
    State = ImportState

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file_name = models.CharField(max_length=200)
    # The uploaded file in base64, sealed; empty once the import has ended.
    sealed_file = SealedTextField(blank=True, default="")
    # The visibility new listings get (an existing one keeps its own; see importer).
    visibility = models.CharField(
        max_length=12, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    state = models.CharField(
        max_length=10, choices=ImportState.choices, default=ImportState.WAITING
    )
    # Records checked so far, of `total`.
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    # problems.Problem.as_list() of the first problems.MAX_LISTED; `problem_count` is all.
    problems = models.JSONField(default=list, blank=True)
    problem_count = models.PositiveIntegerField(default=0)
    # {"created": {table: n}, "updated": {table: n}, "skipped": {table: n}}
    counts = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=ImportState.values), name="hsds_import_state_known"
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="hsds_import_visibility_known"
            ),
        ]

    def __str__(self) -> str:
        return self.file_name

    def audit_label(self) -> str:
        return self.file_name

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    @property
    def data(self) -> bytes:
        return base64.b64decode(self.sealed_file)

    @staticmethod
    def kept(data: bytes) -> str:
        """What `sealed_file` holds for `data`."""
        return base64.b64encode(data).decode("ascii")


class WriteTurn(models.Model):
    """One row, which every import locks while it writes: two imports of the same new records
    at once would otherwise both try to create them. (SQLite's IMMEDIATE transactions take
    turns anyway; PostgreSQL needs the row.)"""

    def __str__(self) -> str:
        return "HSDS import write turn"
