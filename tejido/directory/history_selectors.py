"""A listing's history for organisers: who listed, edited and verified it and when, and which
fields each edit changed, named in the reader's language (from the audit log)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.text import capfirst

from tejido.access.base import AnyUser
from tejido.access.directory import can_manage_directory
from tejido.audit.selectors import history_of
from tejido.core.errors import NotFound
from tejido.directory.models import Business, Location, Organization, Service

LISTING_MODELS: dict[str, type[Model]] = {
    "organization": Organization,
    "service": Service,
    "location": Location,
    "business": Business,
}


@dataclass(frozen=True)
class HistoryLine:
    action_label: str
    actor_name: str
    created_at: datetime
    changed: list[str]


def _field_label(model: type[Model], name: str) -> str:
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        # A field removed since the edit: its name is better than nothing.
        return name
    if found.auto_created and found.related_model is not None:
        # The rows under the listing (a business's lines of opening hours) by their own name.
        return str(capfirst(found.related_model._meta.verbose_name_plural))
    return str(capfirst(getattr(found, "verbose_name", name)))


def listing_history(*, viewer: AnyUser | None, kind: str, listing_id: Any) -> list[HistoryLine]:
    """Newest first. The caller has found the listing for this organiser already."""
    if not can_manage_directory(viewer):
        raise NotFound()
    model = LISTING_MODELS[kind]
    rows = history_of(viewer=viewer, target=model(pk=listing_id))
    return [
        HistoryLine(
            action_label=row.action_label,
            actor_name=row.actor_name,
            created_at=row.created_at,
            changed=[_field_label(model, name) for name in row.detail.get("changed", ())],
        )
        for row in rows
    ]
