"""Writing the audit log."""

from typing import Any

from django.db.models import Model

from tejido.accounts.models import User
from tejido.audit.actions import UnknownAction, registered_actions
from tejido.audit.models import AuditEntry


def record_action(
    *,
    actor: User,
    action: str,
    target_user: User | None = None,
    target: Model | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one organiser action to the audit log. Call it inside the action's transaction.
    `target` is what the action was about besides the member it concerned (`target_user`); it
    is described on the audit page by its `audit_label()` in the reader's language."""
    entry = audit_entry(
        actor=actor, action=action, target_user=target_user, target=target, detail=detail
    )
    entry.save()
    return entry


def audit_entry(
    *,
    actor: User,
    action: str,
    target_user: User | None = None,
    target: Model | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """An unsaved entry (the demo network creates its history in bulk)."""
    if action not in registered_actions():
        raise UnknownAction(action)
    return AuditEntry(
        actor=actor,
        action=action,
        target_user=target_user,
        target_kind=target._meta.label_lower if target is not None else "",
        # A target whose key is not a number (an HSDS record's UUID) is kept by its name.
        target_id=target.pk if target is not None and isinstance(target.pk, int) else None,
        target_key=str(target.pk) if target is not None else "",
        target_name=str(target.audit_label())[:200] if target is not None else "",  # type: ignore[attr-defined]
        detail=detail or {},
    )
