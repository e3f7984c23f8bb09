"""Whether a schedule is open at a moment: once in Python (for a card, from schedules already
fetched) and once as a query condition (for the "open now" filter), with the same rule.

A schedule is open on the days `byday` names (every day when it names none): weekly days are
MO … SU; a monthly one's days carry their place in the month (2MO is the second Monday, -1FR
the last Friday). It opens at `opens_at` and closes at `closes_at`, wall-clock times in its
`timezone` offset, or in the network's time zone when it has none; a closing time at or
before the opening time is on the next day (a night shelter, 20:00 to 08:00). It holds from
`valid_from` to `valid_to` (and `until`) when they are given. The interval and the count of
iCalendar are not read: a fortnightly schedule shows as weekly."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Concat

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def network_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True)
class LocalMoment:
    """A moment as a schedule in one UTC offset (or the network's zone) sees it."""

    day: date
    time: time

    @property
    def day_tokens(self) -> tuple[str, ...]:
        """How `byday` may name this day: its weekday, and its place in the month from the
        start (2MO) and from the end (-1MO)."""
        code = DAY_CODES[self.day.weekday()]
        from_start = (self.day.day - 1) // 7 + 1
        days_in_month = ((self.day.replace(day=28) + timedelta(days=4)).replace(day=1)) - timedelta(
            days=1
        )
        from_end = (days_in_month.day - self.day.day) // 7 + 1
        return (code, f"{from_start}{code}", f"-{from_end}{code}")

    def yesterday(self) -> "LocalMoment":
        return LocalMoment(self.day - timedelta(days=1), self.time)


def local_moment(moment: datetime, offset_hours: Decimal | None) -> LocalMoment:
    zone = (
        network_zone()
        if offset_hours is None
        else timezone(timedelta(minutes=int(offset_hours * 60)))
    )
    local = moment.astimezone(zone)
    return LocalMoment(local.date(), local.time().replace(tzinfo=None))


class Hours(Protocol):
    """The schedule fields the rule reads (a Schedule, a BusinessHours, or anything with the
    same names)."""

    @property
    def byday(self) -> str: ...
    @property
    def opens_at(self) -> time | None: ...
    @property
    def closes_at(self) -> time | None: ...
    @property
    def valid_from(self) -> date | None: ...
    @property
    def valid_to(self) -> date | None: ...
    @property
    def until(self) -> date | None: ...
    @property
    def timezone(self) -> Decimal | None: ...


def _names_day(byday: str, tokens: tuple[str, ...]) -> bool:
    named = {part.strip().upper() for part in byday.split(",") if part.strip()}
    return not named or bool(named.intersection(tokens))


def _in_force(schedule: Hours, day: date) -> bool:
    starts, ends = schedule.valid_from, schedule.valid_to or schedule.until
    return (starts is None or starts <= day) and (ends is None or day <= ends)


def is_open(schedule: Hours, moment: datetime) -> bool:
    if schedule.opens_at is None or schedule.closes_at is None:
        return False
    local = local_moment(moment, schedule.timezone)
    overnight = schedule.closes_at <= schedule.opens_at
    today = _in_force(schedule, local.day) and _names_day(schedule.byday, local.day_tokens)
    if today and local.time >= schedule.opens_at and (overnight or local.time < schedule.closes_at):
        return True
    before = local.yesterday()
    return (
        overnight
        and local.time < schedule.closes_at
        and _in_force(schedule, before.day)
        and _names_day(schedule.byday, before.day_tokens)
    )


def any_open(schedules: Iterable[Hours], moment: datetime) -> bool:
    return any(is_open(schedule, moment) for schedule in schedules)


# The same rule as a query condition on schedules, with `padded_days` annotated
# (see `with_padded_days`): ",MO,TU," so that a day is found as ",MO," and never inside "2MO".


def with_padded_days[Q_: QuerySet[Any]](schedules: Q_) -> Q_:
    return schedules.annotate(padded_days=Concat(Value(","), "byday", Value(",")))


def _names_day_q(tokens: tuple[str, ...]) -> Q:
    every_day = Q(byday="")
    for token in tokens:
        every_day |= Q(padded_days__contains=f",{token},")
    return every_day


def _in_force_q(day: date) -> Q:
    return (
        (Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        & (Q(valid_to__isnull=False) | Q(until__isnull=True) | Q(until__gte=day))
    )


def open_q(moment: datetime, offsets: Iterable[Decimal]) -> Q:
    """Schedules open at `moment`: those in the network's zone, and those in each of the UTC
    `offsets` (the ones in use, which the caller reads)."""
    condition = _open_in(local_moment(moment, None)) & Q(timezone__isnull=True)
    for offset in offsets:
        condition |= _open_in(local_moment(moment, offset)) & Q(timezone=offset)
    return condition


def _open_in(local: LocalMoment) -> Q:
    hours = Q(opens_at__isnull=False, closes_at__isnull=False)
    overnight = Q(closes_at__lte=F("opens_at"))
    today = (
        _in_force_q(local.day)
        & _names_day_q(local.day_tokens)
        & Q(opens_at__lte=local.time)
        & (Q(closes_at__gt=local.time) | overnight)
    )
    before = local.yesterday()
    from_yesterday = (
        overnight
        & Q(closes_at__gt=local.time)
        & _in_force_q(before.day)
        & _names_day_q(before.day_tokens)
    )
    return hours & (today | from_yesterday)
