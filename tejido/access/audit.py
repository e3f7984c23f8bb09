"""The audit log of organiser actions: organisers read it; nobody edits it."""

from django.db.models import QuerySet

from tejido.access.base import AnyUser
from tejido.access.network import can_manage_network
from tejido.audit.models import AuditEntry


def visible_audit_entries(viewer: AnyUser | None) -> QuerySet[AuditEntry]:
    if not can_manage_network(viewer):
        return AuditEntry.objects.none()
    return AuditEntry.objects.all()
