"""Crisis lines: everyone may read them (visitors, applicants, suspended people: anyone who
may need one), so a line holds nothing personal; organisers keep them. Who checked a line and
whether it is overdue for a check are on organisers' cards only."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet

from tejido.access.base import AnyUser, is_organiser, register_audience
from tejido.access.members import network_organisers
from tejido.accounts.choices import language_name
from tejido.accounts.models import User
from tejido.core.models import pick_language
from tejido.crisis.models import STALE_AFTER_DAYS, Country, CrisisLine, LineAudience

# The columns a card is made from: what the public list caches, the same for every viewer.
CARD_COLUMNS = (
    "id",
    "country",
    "name_es",
    "name_en",
    "phone",
    "sms",
    "chat_url",
    "hours",
    "languages",
    "audience",
    "notes_es",
    "notes_en",
    "source",
    "checked_on",
)


def can_manage_crisis_lines(actor: AnyUser | None) -> bool:
    """Add, edit, mark checked and remove lines, and load a file of them."""
    return is_organiser(actor)


def visible_crisis_lines(viewer: AnyUser | None) -> QuerySet[CrisisLine]:
    """Every line, for everyone: a person in crisis must not need an account."""
    return CrisisLine.objects.order_by("country", "name_en", "name_es", "pk")


@register_audience(CrisisLine)
def audience_of_crisis_line(line: CrisisLine) -> QuerySet[User]:
    """A line's upkeep concerns the organisers who keep the lines."""
    return network_organisers()


def is_overdue(checked_on: date | None, today: date) -> bool:
    """Never checked, or not for six months."""
    return checked_on is None or checked_on < today - timedelta(days=STALE_AFTER_DAYS)


@dataclass(frozen=True)
class CrisisLineCard:
    id: int
    country: str
    country_name: str
    name: str
    phone: str
    phone_link: str
    sms: str
    chat_url: str
    hours: str
    languages: tuple[str, ...]
    audience: str
    audience_label: str
    notes: str
    source: str
    checked_on: date | None
    # Organisers only (None for everyone else).
    overdue: bool | None = None
    checked_by: str | None = None


def _dial(number: str) -> str:
    """A tel: link for a number as written ("800 911 2000", "*4141")."""
    kept = "".join(char for char in number if char.isdigit() or char in "+*#")
    return f"tel:{kept}" if kept else ""


def crisis_line_cards(
    viewer: AnyUser | None,
    rows: Iterable[Mapping[str, Any]],
    *,
    today: date,
    checkers: Mapping[int, str] | None = None,
) -> list[CrisisLineCard]:
    """Cards for lines as CARD_COLUMNS rows, in the active language. `checkers` (line id to
    the chosen name of who last checked it) is read only for organisers."""
    organiser = is_organiser(viewer)
    checkers = checkers or {}
    return [
        CrisisLineCard(
            id=row["id"],
            country=row["country"],
            country_name=str(Country(row["country"]).label),
            name=pick_language(row["name_es"], row["name_en"]),
            phone=row["phone"],
            phone_link=_dial(row["phone"]),
            sms=row["sms"],
            chat_url=row["chat_url"],
            hours=row["hours"],
            languages=tuple(language_name(code) for code in row["languages"]),
            audience=row["audience"],
            audience_label=str(LineAudience(row["audience"]).label),
            notes=pick_language(row["notes_es"], row["notes_en"]),
            source=row["source"],
            checked_on=row["checked_on"],
            overdue=is_overdue(row["checked_on"], today) if organiser else None,
            checked_by=checkers.get(row["id"], "") if organiser else None,
        )
        for row in rows
    ]
