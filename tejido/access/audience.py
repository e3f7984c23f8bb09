"""Audiences and the viewer's standing: the vocabulary every rule below is written in."""

from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.auth.models import AnonymousUser

from tejido.accounts.models import Audience, User

__all__ = ["Audience", "Viewer", "is_organiser", "is_vetted", "reaches"]

AnyUser = User | AnonymousUser


def is_vetted(user: AnyUser | None) -> bool:
    """An approved member in good standing: the only people who see anything about members."""
    return bool(user and user.is_authenticated and user.state == User.State.MEMBER)


def is_organiser(user: AnyUser | None) -> bool:
    return is_vetted(user) and bool(user.is_organiser)  # type: ignore[union-attr]


@dataclass(frozen=True)
class Viewer:
    """Who is looking, with the facts about them that field audiences depend on, computed once
    per request or list rather than once per field."""

    user: AnyUser | None
    shared_with: frozenset[int] = field(default_factory=frozenset)

    @cached_property
    def id(self) -> int | None:
        return self.user.pk if self.user is not None and self.user.is_authenticated else None

    @cached_property
    def vetted(self) -> bool:
        return is_vetted(self.user)

    @cached_property
    def organiser(self) -> bool:
        return is_organiser(self.user)


def reaches(audience: str, viewer: Viewer, subject_id: int) -> bool:
    """Whether data with `audience` about member `subject_id` may be shown to `viewer`.
    The caller has already established that the viewer may see the member at all."""
    if viewer.id == subject_id:
        return True
    if not viewer.vetted:
        return False
    if audience == Audience.MEMBERS:
        return True
    if audience == Audience.SHARED_GROUP:
        return viewer.organiser or subject_id in viewer.shared_with
    if audience == Audience.ORGANISERS:
        return viewer.organiser
    return False
