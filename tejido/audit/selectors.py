"""Reading the audit log: organisers only, newest first, one page at a time, every action and
target described in the reader's language. People appear by chosen name; someone in a block
with the viewer appears as a hidden member."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db.models import Model
from django.utils.translation import gettext

from tejido.access.audit import visible_audit_entries
from tejido.access.base import AnyUser
from tejido.access.members import managed_people
from tejido.access.network import can_manage_network
from tejido.accounts.models import User
from tejido.audit.actions import UnknownAction, action_label
from tejido.audit.models import AuditEntry
from tejido.core.errors import NotFound
from tejido.core.paging import ListPage, paginate

PER_PAGE = 50
HISTORY_LENGTH = 30


@dataclass(frozen=True)
class AuditRow:
    id: int
    action: str
    action_label: str
    actor_name: str
    target_name: str
    detail: dict[str, Any]
    created_at: datetime


def _name(user: User | None, visible: set[int]) -> str:
    if user is None:
        return ""
    if user.pk not in visible:
        return gettext("Hidden member")
    profile = getattr(user, "profile", None)
    return str(profile.chosen_name) if profile is not None else f"#{user.pk}"


def _label(code: str) -> str:
    try:
        return action_label(code)
    except UnknownAction:
        # An action of a feature removed since: its code is still better than nothing.
        return code


def _targets(entries: list[AuditEntry]) -> dict[tuple[str, int], str]:
    """How each entry's target is called now, in the active language, one query per kind;
    a target that no longer exists keeps the name it had when the action was recorded."""
    ids: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        if entry.target_kind and entry.target_id is not None:
            ids[entry.target_kind].add(entry.target_id)
    described: dict[tuple[str, int], str] = {}
    for kind, pks in ids.items():
        try:
            model = apps.get_model(kind)
        except LookupError:
            continue
        for obj in model._default_manager.filter(pk__in=pks):
            described[(kind, obj.pk)] = str(obj.audit_label())
    return described


def _target(entry: AuditEntry, described: dict[tuple[str, int], str], people: str) -> str:
    thing = described.get((entry.target_kind, entry.target_id or 0), entry.target_name)
    return " · ".join(part for part in (people, thing) if part)


def _rows(viewer: AnyUser | None, entries: list[AuditEntry]) -> list[AuditRow]:
    ids = {pk for e in entries for pk in (e.actor_id, e.target_user_id) if pk is not None}
    visible = set(managed_people(viewer).filter(pk__in=ids).values_list("pk", flat=True))
    described = _targets(entries)
    return [
        AuditRow(
            id=e.pk,
            action=e.action,
            action_label=_label(e.action),
            actor_name=_name(e.actor, visible),
            target_name=_target(e, described, _name(e.target_user, visible)),
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
    return paginate(
        entries, page, lambda page_entries: _rows(viewer, page_entries), per_page=PER_PAGE
    )


def history_of(*, viewer: AnyUser | None, target: Model) -> list[AuditRow]:
    """What organisers did to `target`, newest first (the last HISTORY_LENGTH actions)."""
    if not can_manage_network(viewer):
        raise NotFound()
    entries = (
        visible_audit_entries(viewer)
        .filter(target_kind=target._meta.label_lower, target_key=str(target.pk))
        .select_related("actor__profile", "target_user__profile")
        .order_by("-created_at", "-id")
    )
    return _rows(viewer, list(entries[:HISTORY_LENGTH]))
