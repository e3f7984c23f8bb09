"""The directory as HSDS files: who may import one, who may export, and what an export holds.

Importing writes listings of every visibility, so only those who manage the directory may,
and only they see the imports and their reports. An export holds what its maker sees: an
organiser's holds every record, members-only and organisers-only listings marked as such;
anyone else's, the public listings and what belongs to them (tejido.access.directory)."""

from collections.abc import Callable, Iterable

from tejido.access.base import AnyUser, is_organiser
from tejido.access.directory import can_manage_directory


def can_import_directory(actor: AnyUser | None) -> bool:
    return can_manage_directory(actor)


def can_export_directory(actor: AnyUser | None) -> bool:
    return can_manage_directory(actor)


def exports_everything(viewer: AnyUser | None) -> bool:
    """Whether `viewer`'s export holds every record, marked with its visibility, rather than
    the public listings only."""
    return is_organiser(viewer)


def belongs_only_to(
    owners: Iterable[tuple[str, str]], exported: Callable[[str, str], bool]
) -> bool:
    """Whether a record that belongs to `owners` ((table, id) of each record it belongs to:
    a phone to its service and its location, say) leaves in an export that holds only the
    records `exported` says: with every one of its owners exported, and at least one. A
    phone of a public service at a hidden place stays in."""
    named = list(owners)
    return bool(named) and all(exported(table, pk) for table, pk in named)
