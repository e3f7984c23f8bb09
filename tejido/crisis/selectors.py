"""Every read of crisis lines. The public list is the same for every viewer, so its rows are
kept in the shared cache (nothing personal is in them) and a page pays no query for it while
they are fresh; each write forgets them (tejido.crisis.services)."""

from dataclasses import dataclass
from typing import Any

from tejido.access.base import AnyUser
from tejido.access.crisis import (
    CARD_COLUMNS,
    CrisisLineCard,
    can_manage_crisis_lines,
    crisis_line_cards,
    is_overdue,
    visible_crisis_lines,
)
from tejido.core.cache import remembered
from tejido.core.errors import NotFound
from tejido.core.text import fold
from tejido.crisis.models import CRISIS_LINES_CACHE_KEY, LoadedList
from tejido.crisis.moments import today


def _rows(viewer: AnyUser | None) -> list[dict[str, Any]]:
    return list(visible_crisis_lines(viewer).values(*CARD_COLUMNS))


def _in_reading_order(cards: list[CrisisLineCard]) -> list[CrisisLineCard]:
    """By country and then name, as the reader reads them (their language's names)."""
    return sorted(cards, key=lambda card: (fold(card.country_name), fold(card.name), card.id))


def list_crisis_lines(*, viewer: AnyUser | None) -> list[CrisisLineCard]:
    """Every line, by country and name, in the viewer's language."""
    rows = remembered(CRISIS_LINES_CACHE_KEY, lambda: _rows(None))
    return _in_reading_order(crisis_line_cards(None, rows, today=today()))


@dataclass(frozen=True)
class OrganiserLines:
    lines: list[CrisisLineCard]
    overdue: int
    # What the last loaded file said about its numbers, for organisers to keep in mind.
    about: str


def list_lines_for_organisers(*, viewer: AnyUser | None) -> OrganiserLines:
    if not can_manage_crisis_lines(viewer):
        raise NotFound()
    lines = visible_crisis_lines(viewer).select_related("checked_by__profile")
    rows, checkers = [], {}
    for line in lines:
        rows.append({name: getattr(line, name) for name in CARD_COLUMNS})
        profile = getattr(line.checked_by, "profile", None) if line.checked_by else None
        checkers[line.pk] = str(profile.chosen_name) if profile else ""
    cards = _in_reading_order(crisis_line_cards(viewer, rows, today=today(), checkers=checkers))
    loaded = LoadedList.objects.exclude(about="").first()
    return OrganiserLines(
        lines=cards,
        overdue=sum(1 for card in cards if card.overdue),
        about=loaded.about if loaded else "",
    )


def count_overdue_lines(*, viewer: AnyUser | None) -> int:
    """For the organisers' overview: lines never checked or not for six months."""
    if not can_manage_crisis_lines(viewer):
        raise NotFound()
    day = today()
    checked = visible_crisis_lines(viewer).values_list("checked_on", flat=True)
    return sum(1 for checked_on in checked if is_overdue(checked_on, day))


def line_for_edit(*, viewer: AnyUser | None, line_id: Any) -> dict[str, Any]:
    """What the organisers' form starts from."""
    if not can_manage_crisis_lines(viewer):
        raise NotFound()
    try:
        pk = int(line_id)
    except (TypeError, ValueError) as error:
        raise NotFound() from error
    found = visible_crisis_lines(viewer).filter(pk=pk).values(*CARD_COLUMNS).first()
    if found is None:
        raise NotFound()
    return found
