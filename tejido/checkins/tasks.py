"""Check-ins' background work: once a day, mark the members who are due. The sweep comes
back the next day; a sweep for a day already swept does nothing (so the extra ones that
opting in enqueues fade out)."""

from datetime import date, datetime, time, timedelta

from django.tasks import task
from django.utils import timezone

from tejido.core.clock import now
from tejido.core.later import run_at

# The hour (the network's time) at which the daily sweep runs.
SWEEP_HOUR = 4


def next_sweep(after: datetime) -> tuple[datetime, date]:
    """The moment and day of the first sweep after `after`."""
    local = timezone.localtime(after)
    day = local.date() + timedelta(days=1)
    moment = datetime.combine(day, time(SWEEP_HOUR), timezone.get_current_timezone())
    return moment, day


def schedule_sweep() -> None:
    moment, day = next_sweep(now())
    run_at(sweep_due, moment, day.isoformat())


@task()
def sweep_due(day: str) -> int:
    """Mark who is due as of `day`, once, and come back the next day. Returns how many."""
    from tejido.checkins.services import mark_due

    marked = mark_due(day=date.fromisoformat(day))
    if marked is None:
        return 0
    schedule_sweep()
    return marked
