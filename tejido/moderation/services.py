from typing import Any

from tejido.accounts.models import User
from tejido.moderation.models import AuditEntry


def record_action(
    *,
    actor: User,
    action: str,
    target_user: User | None = None,
    target: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one organiser action to the audit log. Call it inside the action's transaction."""
    return AuditEntry.objects.create(
        actor=actor, action=action, target_user=target_user, target=target, detail=detail or {}
    )
