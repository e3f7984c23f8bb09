"""Rendered list items kept in each process's memory ("cards" in CACHES), each named by its
stamp: everything the item shows (tejido.access.event_cards.card_stamps), the language and the
time zone. A changed stamp is a new name, so no item is ever served stale; the old one ages out.
Rendering twenty cards through their templates costs a list page more than all else together
(bench/load/run.py --profile).

Where a list has its cards already (`cached_cards`), each card is its own item's stamp: its
repr names every value it holds, so the stamp cannot leave out anything the item shows."""

from collections.abc import Callable, Hashable, Iterable, Sequence
from hashlib import blake2b
from typing import Any

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

KEPT_SECONDS = 3600


def cached_items[K: Hashable](
    name: str,
    stamps: Iterable[tuple[K, str]],
    render: Callable[[list[K]], dict[K, str]],
) -> list[SafeString]:
    """The HTML of each (id, stamp) in order: cached, or rendered by `render(ids)` (a dict of
    id to HTML) for the ids not cached, in one call."""
    stamps = list(stamps)
    place = f"{name}:{get_language()}:{timezone.get_current_timezone_name()}:"
    keys = {pk: place + blake2b(stamp.encode(), digest_size=16).hexdigest() for pk, stamp in stamps}
    store = caches["cards"]
    found = store.get_many(keys.values())
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        fresh = {keys[pk]: html for pk, html in render(missing).items()}
        store.set_many(fresh, KEPT_SECONDS)
        found.update(fresh)
    # Each is our own template's output, escaped when it was rendered.
    return [mark_safe(found[keys[pk]]) for pk, _stamp in stamps if keys[pk] in found]  # noqa: S308


def cached_cards(
    name: str, template: str, cards: Sequence[Any], *, as_name: str = "card"
) -> list[SafeString]:
    """The list items of `cards` (frozen dataclasses with an `id`), each rendered by
    `template` with the card alone in its context (as `as_name`), once per process for what
    the card holds: its repr is its stamp. So the item must show nothing but the card, and
    each value on the card must have a repr that says what it is (str() lazy text first)."""
    by_id = {card.id: card for card in cards}

    def render(ids: list[Any]) -> dict[Any, str]:
        return {pk: render_to_string(template, {as_name: by_id[pk]}) for pk in ids}

    return cached_items(name, [(card.id, repr(card)) for card in cards], render)
