"""Reading the audit log: organisers only, newest first, one page at a time. People appear by
chosen name; someone in a block with the viewer appears as a hidden member."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tejido.access.audit import visible_audit_entries
from tejido.access.base import AnyUser
from tejido.access.members import managed_people
from tejido.access.network import can_manage_network
from tejido.accounts.models import User
from tejido.core.errors import NotFound
from tejido.core.paging import ListPage, paginate
from tejido.moderation.models import AuditEntry

# What each action is called on the audit page. Features that record other actions may add
# theirs with `describe_action`; an unknown action shows its code.
ACTION_LABELS: dict[str, Promise | str] = {
    "application.approve": _("Approved an application"),
    "application.decline": _("Declined an application"),
    "application.ask": _("Asked an applicant a question"),
    "invitation.create": _("Created an invitation link"),
    "invitation.revoke": _("Revoked an invitation link"),
    "conduct.publish": _("Published a new code of conduct"),
    "settings.update": _("Changed the network settings"),
    "area.add": _("Added an area"),
    "area.rename": _("Renamed an area"),
    "area.move": _("Moved an area"),
    "area.delete": _("Deleted an area"),
    "question.add": _("Added an application question"),
    "question.edit": _("Edited an application question"),
    "question.move": _("Moved an application question"),
    "question.activate": _("Asked an application question again"),
    "question.deactivate": _("Stopped asking an application question"),
    "member.suspend": _("Suspended a member"),
    "member.reinstate": _("Reinstated a member"),
    "member.remove": _("Removed a member"),
    "member.roles": _("Changed a member's roles"),
    "member.verify_professional": _("Verified a professional"),
    "member.withdraw_verification": _("Withdrew a professional verification"),
    "report.dismiss": _("Dismissed a report"),
    "report.warn": _("Warned a member about a report"),
}


def describe_action(action: str, label: Promise | str) -> None:
    ACTION_LABELS[action] = label


@dataclass(frozen=True)
class AuditRow:
    id: int
    action: str
    action_label: str
    actor_name: str
    target_name: str
    target: str
    detail: dict[str, Any]
    created_at: datetime


def _name(user: User | None, visible: set[int]) -> str:
    if user is None:
        return ""
    if user.pk not in visible:
        return gettext("Hidden member")
    profile = getattr(user, "profile", None)
    return str(profile.chosen_name) if profile is not None else f"#{user.pk}"


def _rows(viewer: AnyUser | None, entries: list[AuditEntry]) -> list[AuditRow]:
    ids = {pk for e in entries for pk in (e.actor_id, e.target_user_id) if pk is not None}
    visible = set(managed_people(viewer).filter(pk__in=ids).values_list("pk", flat=True))
    return [
        AuditRow(
            id=e.pk,
            action=e.action,
            action_label=str(ACTION_LABELS.get(e.action, e.action)),
            actor_name=_name(e.actor, visible),
            target_name=_name(e.target_user, visible),
            target=e.target,
            detail=e.detail if isinstance(e.detail, dict) else {},
            created_at=e.created_at,
        )
        for e in entries
    ]


def list_audit_entries(
    *, viewer: AnyUser | None, page: int | str | None = 1, action: str = ""
) -> ListPage[AuditRow]:
    if not can_manage_network(viewer):
        raise NotFound()
    entries = (
        visible_audit_entries(viewer)
        .select_related("actor__profile", "target_user__profile")
        .order_by("-created_at", "-id")
    )
    if action:
        entries = entries.filter(action=action)
    return paginate(entries, page, lambda page_entries: _rows(viewer, page_entries), per_page=50)
