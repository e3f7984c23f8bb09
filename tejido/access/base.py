"""The vocabulary every rule in tejido.access is written in: who a viewer is (signed in, in
good standing, an organiser) and which audiences a piece of personal data can have.

Standing is decided here and nowhere else: the sign-in, the session middleware, the email
worker and every visibility rule ask these functions, and every query that wants members in
good standing filters with `in_good_standing` (tejido/access/tests/test_standing_once.py
fails on a copy of the rule elsewhere)."""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, Q, QuerySet

from tejido.accounts.models import Audience, User

__all__ = [
    "AnyUser",
    "Audience",
    "Viewer",
    "audience_of",
    "in_good_standing",
    "is_organiser",
    "is_vetted",
    "may_sign_in",
    "reaches",
    "register_audience",
]

AnyUser = User | AnonymousUser

# Standings in which a person keeps their account: they may sign in, keep their sessions,
# change their own settings and receive email. Suspended and removed people may not.
ACTIVE_STATES = (User.State.APPLICANT, User.State.MEMBER)


def may_sign_in(user: AnyUser | None) -> bool:
    """An applicant or a member in good standing, with an account that is not deactivated."""
    return bool(user and user.is_authenticated and user.state in ACTIVE_STATES and user.is_active)


def is_vetted(user: AnyUser | None) -> bool:
    """An approved member in good standing: the only people who see anything about members."""
    return bool(user and user.is_authenticated and user.state == User.State.MEMBER)


def in_good_standing(prefix: str = "") -> Q:
    """`is_vetted` as a query: the filter for an approved member in good standing, on users
    themselves or, through `prefix` ("user__", "requester__"), on whatever points at one."""
    return Q(**{f"{prefix}state": User.State.MEMBER})


def is_organiser(user: AnyUser | None) -> bool:
    return is_vetted(user) and bool(user.is_organiser)  # type: ignore[union-attr]


@dataclass(frozen=True)
class Viewer:
    """Who is looking, with the facts about them that field audiences depend on, computed once
    per request or list rather than once per field."""

    user: AnyUser | None
    shared_with: frozenset[int] = field(default_factory=frozenset)
    # Members with a place (in it, or asked for one) in a support circle the viewer facilitates.
    facilitated: frozenset[int] = field(default_factory=frozenset)

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
    if audience == Audience.FACILITATORS:
        return subject_id in viewer.facilitated
    return False


# Who may be told about a thing, by its model: each kind's module registers its
# `audience_of_<kind>`, and the notifications layer sends only there.
_AUDIENCES: dict[type[Model], Callable[[Any], QuerySet[User]]] = {}


def register_audience[M: Model](
    model: type[M],
) -> Callable[[Callable[[M], QuerySet[User]]], Callable[[M], QuerySet[User]]]:
    def register(function: Callable[[M], QuerySet[User]]) -> Callable[[M], QuerySet[User]]:
        _AUDIENCES[model] = function
        return function

    return register


def _load_kinds() -> None:
    """Import every module of this package once, so each kind has registered its audience
    whichever of them the caller happened to import."""
    package = importlib.import_module("tejido.access")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"tejido.access.{module.name}")


def audience_of(thing: Model) -> QuerySet[User]:
    """Everyone who may be told about `thing`. A kind that registered no audience tells
    nobody: a notice about it would be a leak waiting to happen."""
    if type(thing) not in _AUDIENCES:
        _load_kinds()
    function = _AUDIENCES.get(type(thing))
    if function is None:
        raise LookupError(f"No audience is registered for {type(thing).__name__}.")
    return function(thing)
