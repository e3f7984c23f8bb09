"""Repeating events: the RFC 5545 rule an organiser builds from a form ("the first Friday of every
month"), the dates it gives, and the rule in words. dateutil does the arithmetic; the dates are
made in the event's local time and only then placed in its time zone, so a daylight-saving
change keeps 19:30 at 19:30."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# How far ahead a series' occurrences exist at any time, and at most how many: enough for
# members to plan and answer, few enough that a daily rule stays small.
HORIZON = timedelta(days=400)
MAX_AHEAD = 60

FREQUENCIES = (
    ("", gettext_lazy("Does not repeat")),
    ("weekly", gettext_lazy("Every week")),
    ("fortnightly", gettext_lazy("Every two weeks")),
    ("monthly_day", gettext_lazy("Every month, on the same day of the month")),
    ("monthly_weekday", gettext_lazy("Every month, on the same weekday (e.g. the first Friday)")),
)
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class BadRule(ValueError):
    """A recurrence rule that is not one Tejido makes or understands."""


def _position(day: int) -> int:
    """Which weekday of its month day `day` is: 1 for the first … 4; -1 for the last (a fifth
    Friday does not come every month, so it repeats as "the last")."""
    week = (day - 1) // 7 + 1
    return -1 if week == 5 else week


def rule_for(frequency: str, start: datetime, *, count: int | None, until: datetime | None) -> str:
    """The RRULE for a frequency from FREQUENCIES, starting at local time `start`; it ends after
    `count` occurrences, on `until` (local), or never. "" for an event that happens once."""
    if frequency == "":
        return ""
    weekday = _WEEKDAYS[start.weekday()]
    parts = {
        "weekly": ["FREQ=WEEKLY", f"BYDAY={weekday}"],
        "fortnightly": ["FREQ=WEEKLY", "INTERVAL=2", f"BYDAY={weekday}"],
        "monthly_day": ["FREQ=MONTHLY", f"BYMONTHDAY={start.day}"],
        "monthly_weekday": ["FREQ=MONTHLY", f"BYDAY={_position(start.day)}{weekday}"],
    }.get(frequency)
    if parts is None:
        raise BadRule(frequency)
    if count is not None:
        parts.append(f"COUNT={count}")
    elif until is not None:
        parts.append(f"UNTIL={until.replace(tzinfo=None):%Y%m%dT%H%M%S}")
    return ";".join(parts)


def frequency_of(rule: str) -> str:
    """The FREQUENCIES entry a rule was made from, for the edit form."""
    if not rule:
        return ""
    fields = dict(part.split("=", 1) for part in rule.split(";") if "=" in part)
    if fields.get("FREQ") == "WEEKLY":
        return "fortnightly" if fields.get("INTERVAL") == "2" else "weekly"
    return "monthly_day" if "BYMONTHDAY" in fields else "monthly_weekday"


def _parse(rule: str, local_start: datetime) -> rrule.rrule:
    try:
        parsed = rrule.rrulestr(rule, dtstart=local_start)
    except (ValueError, TypeError) as error:
        raise BadRule(rule) from error
    if not isinstance(parsed, rrule.rrule):
        raise BadRule(rule)
    return parsed


def check_rule(rule: str, start: datetime, zone: str) -> None:
    """Raise BadRule unless `rule` parses and gives at least the first date."""
    if rule:
        local = start.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
        if _parse(rule, local).after(local, inc=True) is None:
            raise BadRule(rule)


@dataclass(frozen=True)
class Dates:
    starts_at: datetime
    ends_at: datetime


def dates(
    rule: str, start: datetime, end: datetime, zone: str, *, after: datetime, until: datetime
) -> Iterator[Dates]:
    """The occurrences of the series that starts at `start` and lasts to `end` (aware
    datetimes), from `after` (inclusive) to `until`, at most MAX_AHEAD. With no rule, the one
    date itself if it falls in the window."""
    tz = ZoneInfo(zone)
    local_start = start.astimezone(tz).replace(tzinfo=None)
    length = end - start
    if not rule:
        if after <= start < until:
            yield Dates(start, end)
        return
    window = (
        after.astimezone(tz).replace(tzinfo=None),
        until.astimezone(tz).replace(tzinfo=None),
    )
    for n, local in enumerate(_parse(rule, local_start).between(*window, inc=True)):
        if n >= MAX_AHEAD:
            return
        starts = local.replace(tzinfo=tz)
        # The length is kept in local time too: an evening that crosses a change keeps its hours.
        ends = (
            (local + length).replace(tzinfo=tz) if length < timedelta(days=1) else starts + length
        )
        yield Dates(starts, ends)


def describe(rule: str, start: datetime, zone: str) -> str:
    """The rule in words, in the active language ("Every month, on the first Friday")."""
    frequency = frequency_of(rule)
    if not frequency:
        return _("Once")
    local = start.astimezone(ZoneInfo(zone))
    weekday = _weekday_name(local.weekday())
    if frequency == "weekly":
        return _("Every week, on %(weekday)s") % {"weekday": weekday}
    if frequency == "fortnightly":
        return _("Every two weeks, on %(weekday)s") % {"weekday": weekday}
    if frequency == "monthly_day":
        return _("Every month, on day %(day)s") % {"day": local.day}
    ordinal = {
        1: _("the first %(weekday)s"),
        2: _("the second %(weekday)s"),
        3: _("the third %(weekday)s"),
        4: _("the fourth %(weekday)s"),
        -1: _("the last %(weekday)s"),
    }[_position(local.day)] % {"weekday": weekday}
    return _("Every month, on %(which)s") % {"which": ordinal}


def _weekday_name(day: int) -> str:
    return str(WEEKDAYS[day])
