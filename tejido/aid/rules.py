"""The rules every field of the board is checked against, by the services (forms and API
schemas read their limits from here and check shape only)."""

from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext

from tejido.accounts.choices import LANGUAGE_CODES
from tejido.aid.errors import BadWindows
from tejido.aid.models import OFFER_VISIBILITIES, Category, Urgency, Visibility
from tejido.core.clock import now
from tejido.core.errors import InvalidInput
from tejido.core.text import TextRule
from tejido.network.models import Area

TITLE_MAX = 120
TEXT_MAX = 4000
PURPOSE_MAX = 500
CONTACT_MAX = 300
MESSAGE_MAX = 4000
FEEDBACK_MAX = 2000
NOTE_MAX = 300
TEXT_RULES = {
    "title": TextRule(TITLE_MAX, required=True, name=True),
    "description": TextRule(TEXT_MAX, multiline=True),
    "purpose": TextRule(PURPOSE_MAX, multiline=True),
}
MAX_WINDOWS = 5
# How long a time window may last, and how far ahead one may be.
LONGEST_WINDOW = timedelta(days=31)
FURTHEST = timedelta(days=365)
# How long a request stays open when the requester does not say, by how soon they need it;
# offers stay for three months.
OPEN_FOR = {
    Urgency.TODAY: timedelta(days=3),
    Urgency.WEEK: timedelta(days=14),
    Urgency.WHENEVER: timedelta(days=60),
}
OFFER_OPEN_FOR = timedelta(days=90)
MAX_AMOUNT = Decimal("100000")
# Requests one member may open in any 24 hours.
REQUESTS_PER_DAY = 3


def _problem(field: str, message: str) -> InvalidInput:
    return InvalidInput(detail={field: message})


def choice(value: Any, choices: Any, *, field: str) -> str:
    if value not in list(choices):
        raise _problem(field, gettext("Choose one of the options."))
    return str(value)


def category(value: Any) -> str:
    return choice(value, Category.values, field="category")


def urgency(value: Any) -> str:
    return choice(value, Urgency.values, field="urgency")


def request_visibility(value: Any) -> str:
    return choice(value, Visibility.values, field="visibility")


def offer_visibility(value: Any) -> str:
    return choice(value, OFFER_VISIBILITIES, field="visibility")


def languages(value: Any) -> list[str]:
    if not isinstance(value, list | tuple) or not set(value) <= LANGUAGE_CODES:
        raise _problem("languages", gettext("Choose languages from the list."))
    return sorted(set(value))


def area(value: Any) -> Area | None:
    """An area, or one's id (from the API)."""
    if value is None or isinstance(value, Area):
        return value
    found = None
    if isinstance(value, int) and not isinstance(value, bool):
        found = Area.objects.filter(pk=value).first()
    if found is None:
        raise _problem("area", gettext("Choose an area from the list."))
    return found


def windows(value: Any) -> list[list[str]]:
    """Time windows as [start, end) pairs of aware moments: at most MAX_WINDOWS, each ending
    after it starts, lasting at most LONGEST_WINDOW, not over yet and within a year."""
    if value is None:
        return []
    if not isinstance(value, list | tuple) or len(value) > MAX_WINDOWS:
        raise BadWindows(detail={"windows": str(BadWindows.message)})
    moment = now()
    kept = []
    for pair in value:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise BadWindows(detail={"windows": str(BadWindows.message)})
        start, end = pair
        if not all(isinstance(m, datetime) and m.tzinfo is not None for m in (start, end)):
            raise BadWindows(detail={"windows": str(BadWindows.message)})
        if not (start < end <= start + LONGEST_WINDOW) or end <= moment:
            raise BadWindows(detail={"windows": str(BadWindows.message)})
        if start > moment + FURTHEST:
            raise BadWindows(detail={"windows": str(BadWindows.message)})
        kept.append((start, end))
    return [[start.isoformat(), end.isoformat()] for start, end in sorted(kept)]


def expiry(value: Any, *, default: timedelta, moment: datetime | None = None) -> datetime:
    """When it stops being open: a moment within the coming year, or `default` from `moment`
    (now, unless given)."""
    moment = moment or now()
    if value is None:
        return moment + default
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise _problem("expires_at", gettext("Enter a date."))
    if not moment < value <= moment + FURTHEST:
        raise _problem("expires_at", gettext("Choose a day from tomorrow to a year from now."))
    return value


def amount(value: Any, *, category_code: str) -> Decimal | None:
    """How much a money request asks for: required for money, refused for anything else."""
    if category_code != Category.MONEY:
        if value not in (None, ""):
            raise _problem("amount", gettext("Only a money request asks for an amount."))
        return None
    return money(value, field="amount", high=MAX_AMOUNT)


def money(value: Any, *, field: str, high: Decimal) -> Decimal:
    try:
        number = Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        number = None
    if (
        number is None
        or not number.is_finite()
        or number <= 0
        or number > high
        or number != number.quantize(Decimal("0.01"))
    ):
        raise _problem(
            field,
            gettext("Enter an amount above zero, up to %(high)s, with at most two decimals.")
            % {"high": high},
        )
    return number
