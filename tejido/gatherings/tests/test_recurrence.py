"""Repeating events: the rules the form makes, their dates across daylight-saving changes, and
the rule in words."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from tejido.gatherings import recurrence

MADRID = "Europe/Madrid"
TZ = ZoneInfo(MADRID)


def _first_friday_1930() -> datetime:
    # Friday 2 October 2026, 19:30 in Madrid (summer time).
    return datetime(2026, 10, 2, 19, 30, tzinfo=TZ)


def test_the_first_friday_of_every_month_keeps_its_local_time_across_the_change():
    start = _first_friday_1930()
    rule = recurrence.rule_for("monthly_weekday", start, count=None, until=None)
    assert rule == "FREQ=MONTHLY;BYDAY=1FR"
    got = list(
        recurrence.dates(
            rule,
            start,
            start + timedelta(hours=3),
            MADRID,
            after=start,
            until=start + timedelta(days=100),
        )
    )
    local = [d.starts_at.astimezone(TZ) for d in got]
    assert [(d.month, d.day, d.hour, d.minute) for d in local] == [
        (10, 2, 19, 30),
        (11, 6, 19, 30),  # after the clocks went back on 25 October
        (12, 4, 19, 30),
        (1, 1, 19, 30),
    ]
    assert all(d.weekday() == 4 for d in local)
    # The same local time is a different UTC hour in winter.
    assert got[0].starts_at.astimezone(UTC).hour == 17
    assert got[1].starts_at.astimezone(UTC).hour == 18
    assert all(d.ends_at - d.starts_at == timedelta(hours=3) for d in got)


@pytest.mark.parametrize(
    ("frequency", "expected"),
    [
        ("weekly", "FREQ=WEEKLY;BYDAY=FR;COUNT=4"),
        ("fortnightly", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;COUNT=4"),
        ("monthly_day", "FREQ=MONTHLY;BYMONTHDAY=2;COUNT=4"),
        ("monthly_weekday", "FREQ=MONTHLY;BYDAY=1FR;COUNT=4"),
    ],
)
def test_each_frequency_makes_its_rule_and_is_read_back(frequency, expected):
    rule = recurrence.rule_for(frequency, _first_friday_1930(), count=4, until=None)
    assert rule == expected
    assert recurrence.frequency_of(rule) == frequency


def test_a_fifth_weekday_repeats_as_the_last():
    # Friday 30 October 2026 is the fifth Friday of its month.
    start = datetime(2026, 10, 30, 19, 0, tzinfo=TZ)
    assert recurrence.rule_for("monthly_weekday", start, count=None, until=None) == (
        "FREQ=MONTHLY;BYDAY=-1FR"
    )


def test_until_ends_the_series():
    start = _first_friday_1930()
    until = datetime(2026, 10, 20, tzinfo=TZ)
    rule = recurrence.rule_for("weekly", start, count=None, until=until)
    got = list(
        recurrence.dates(
            rule,
            start,
            start + timedelta(hours=1),
            MADRID,
            after=start,
            until=start + timedelta(days=90),
        )
    )
    assert len(got) == 3


def test_a_single_date_is_its_own_series():
    start = _first_friday_1930()
    window = {"after": start - timedelta(days=1), "until": start + timedelta(days=1)}
    assert len(list(recurrence.dates("", start, start + timedelta(hours=1), MADRID, **window))) == 1
    later = {"after": start + timedelta(days=1), "until": start + timedelta(days=2)}
    assert list(recurrence.dates("", start, start + timedelta(hours=1), MADRID, **later)) == []


def test_a_daily_rule_stops_at_the_limit_ahead():
    start = _first_friday_1930()
    got = list(
        recurrence.dates(
            "FREQ=DAILY",
            start,
            start + timedelta(hours=1),
            MADRID,
            after=start,
            until=start + recurrence.HORIZON,
        )
    )
    assert len(got) == recurrence.MAX_AHEAD


@pytest.mark.parametrize("rule", ["FREQ=NEVER", "nonsense", "FREQ=WEEKLY;COUNT=0"])
def test_a_rule_tejido_cannot_use_is_refused(rule):
    with pytest.raises(recurrence.BadRule):
        recurrence.check_rule(rule, _first_friday_1930(), MADRID)


def test_an_unknown_frequency_is_refused():
    with pytest.raises(recurrence.BadRule):
        recurrence.rule_for("hourly", _first_friday_1930(), count=None, until=None)


@pytest.mark.parametrize(
    ("frequency", "english", "spanish"),
    [
        ("", "Once", "Una vez"),
        ("weekly", "Every week, on Friday", "Cada semana, el viernes"),
        ("fortnightly", "Every two weeks, on Friday", "Cada dos semanas, el viernes"),
        ("monthly_day", "Every month, on day 2", "Cada mes, el día 2"),
        ("monthly_weekday", "Every month, on the first Friday", "Cada mes, el primer viernes"),
    ],
)
def test_the_rule_in_words_in_both_languages(frequency, english, spanish):
    start = _first_friday_1930()
    rule = recurrence.rule_for(frequency, start, count=None, until=None)
    with translation.override("en"):
        assert recurrence.describe(rule, start, MADRID) == english
    with translation.override("es"):
        assert recurrence.describe(rule, start, MADRID) == spanish
