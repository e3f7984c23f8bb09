"""The directory as HSDS files: who may import one, who may export, and what an export holds.

Importing writes listings of every visibility, so only those who manage the directory may,
and only they see the imports and their reports. An export holds what its maker sees: an
organiser's holds every record, members-only and organisers-only listings marked as such;
anyone else's, the public listings and what belongs to them (tejido.access.directory)."""

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
