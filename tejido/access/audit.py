"""The audit log of organiser actions: organisers read it; nobody edits it."""

from django.db.models import QuerySet

from tejido.access.base import AnyUser
from tejido.access.network import can_manage_network
from tejido.audit.models import AuditEntry

# The audit target kind of reports (tejido.moderation.models.Report).
REPORT_KIND = "moderation.report"


def visible_audit_entries(viewer: AnyUser | None) -> QuerySet[AuditEntry]:
    """Every organiser action, for organisers; except what was done about a report on the
    viewer themself, which would tell them that someone reported them."""
    if not can_manage_network(viewer):
        return AuditEntry.objects.none()
    return AuditEntry.objects.exclude(
        target_kind=REPORT_KIND,
        target_user=viewer.pk,  # type: ignore[union-attr]
    )
