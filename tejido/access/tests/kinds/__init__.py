"""The privacy table of every kind, as data. Each module in this package describes one kind of
thing: who looks at it (its relations), what about it is protected (its fields, each holding a
unique marker string), which relation may see which field, and where the thing is shown (its
page and its API address). tejido/access/tests/test_privacy_kinds.py runs every kind through
the policy and the pages, tejido/api/tests/test_privacy_kinds_json.py through the JSON API.

A capability adds its kind with one module here, calling `register(PrivacyKind(...))`; the tests
find it without anyone editing them."""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from tejido.accounts.models import User


@dataclass
class KindWorld:
    """One thing of the kind and everyone who looks at it. `markers` maps each protected field
    to the unique string planted in it; `page` and `api` give, for a relation, the address
    where that viewer would look at the thing (an API path under /api/v1, or None where the
    kind has none for them)."""

    viewers: dict[str, User | None]
    markers: dict[str, str]
    page: Callable[[str], str]
    api: Callable[[str], str | None] = lambda relation: None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class PrivacyKind:
    name: str
    relations: dict[str, str]
    fields: dict[str, str]
    sees: dict[str, frozenset[str]]
    build: Callable[[], KindWorld]
    # What tejido.access hands this viewer about the thing, as text to search for markers.
    policy: Callable[[KindWorld, User | None], str]


class Row(NamedTuple):
    kind: str
    relation: str
    field: str
    visible: bool


KINDS: dict[str, PrivacyKind] = {}


def register(kind: PrivacyKind) -> PrivacyKind:
    unknown = set(kind.sees) - set(kind.relations)
    if unknown or any(set(fields) - set(kind.fields) for fields in kind.sees.values()):
        raise ValueError(f"{kind.name}: the table names relations or fields it does not have")
    KINDS[kind.name] = kind
    return kind


def kinds() -> list[PrivacyKind]:
    """Every kind, from every module of this package."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return [KINDS[name] for name in sorted(KINDS)]


def rows(kind: PrivacyKind) -> list[Row]:
    """Every relation x field of the kind, with whether that relation may see the field."""
    return [
        Row(kind.name, relation, name, name in kind.sees.get(relation, frozenset()))
        for relation in kind.relations
        for name in kind.fields
    ]


def marker(kind: str, name: str) -> str:
    """A unique string for one field of one kind: letters only, and none is part of another."""
    return f"mk{kind}{name.replace('_', '')}end"
