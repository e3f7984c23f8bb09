"""Rows that every page needs and that change only when an organiser edits them (the network's
settings, the current code of conduct), kept in Django's cache for a short while so a page
view does not query them.

An edit forgets the cached copy at once and again when its transaction commits, so this
process and every process sharing the cache (Redis) see it on their next request; with the
per-process default cache, other workers see it within FRESH_SECONDS."""

from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction

FRESH_SECONDS = 30


def remembered[T](key: str, load: Callable[[], T]) -> T:
    return cache.get_or_set(key, load, FRESH_SECONDS)  # type: ignore[return-value]


def forget(key: str) -> None:
    cache.delete(key)
    # Another request may cache the old row before this transaction commits.
    transaction.on_commit(lambda: cache.delete(key))
