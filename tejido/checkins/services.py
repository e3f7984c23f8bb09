"""Every write to check-ins: opting in, out or snoozing, noting activity, the daily marking of
who is due, a team member taking a check-in, writing in it and marking it done, and the
organisers naming the team.

A member has at most one open check-in: taking one locks the member's choice and the database
holds it too. The team learns nothing of a member's activity: activity only clears "due"."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from tejido.access.base import in_good_standing, is_vetted
from tejido.access.checkins import (
    can_manage_team,
    can_mark_done,
    can_take,
    can_write,
    visible_checkins,
    visible_due,
)
from tejido.access.members import visible_members
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.buddies.models import ThreadMessage
from tejido.buddies.threads import start_thread, write
from tejido.checkins.errors import AlreadyTaken, CheckInOver, NotOptedIn
from tejido.checkins.models import (
    MAX_WEEKS,
    MIN_WEEKS,
    SNOOZE_WEEKS,
    CheckIn,
    CheckinChoice,
    CheckInState,
    DueSweep,
    TeamMember,
)
from tejido.checkins.tasks import schedule_sweep
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotFound
from tejido.notifications.services import notify


def today() -> date:
    return timezone.localdate(now())


def _weeks(value: object, allowed: object, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value not in allowed:  # type: ignore[operator]
        raise InvalidInput(detail={field: gettext("Choose a number of weeks from the list.")})
    return value


@transaction.atomic
def opt_in(*, actor: User, weeks: int) -> CheckinChoice:
    """Ask for a gentle check-in after `weeks` (2 to 12) without activity; counting from now."""
    if not is_vetted(actor):
        raise NotFound()
    weeks = _weeks(weeks, range(MIN_WEEKS, MAX_WEEKS + 1), "weeks")
    choice, made = CheckinChoice.objects.update_or_create(
        user=actor,
        defaults={"weeks": weeks, "last_seen_on": today(), "due_since": None},
        create_defaults={
            "weeks": weeks,
            "last_seen_on": today(),
            "created_at": now(),
        },
    )
    if made:
        transaction.on_commit(schedule_sweep, robust=True)
    return choice


def _close_open(member_id: int) -> None:
    CheckIn.objects.filter(member=member_id, state=CheckInState.OPEN).update(
        state=CheckInState.CLOSED, done_at=now()
    )


@transaction.atomic
def opt_out(*, actor: User) -> None:
    """No more check-ins; one that was open is closed, and the day of activity forgotten."""
    CheckinChoice.objects.filter(user=actor.pk).delete()
    _close_open(actor.pk)


@transaction.atomic
def snooze(*, actor: User, weeks: int) -> CheckinChoice:
    """Not now: not due for `weeks` (2 or 4) whatever happens; an open check-in is closed."""
    weeks = _weeks(weeks, SNOOZE_WEEKS, "weeks")
    choice = CheckinChoice.objects.select_for_update().filter(user=actor.pk).first()
    if choice is None:
        raise NotOptedIn()
    choice.snoozed_until = today() + timedelta(weeks=weeks)
    choice.due_since = None
    choice.last_seen_on = today()
    choice.save(update_fields=["snoozed_until", "due_since", "last_seen_on"])
    _close_open(actor.pk)
    return choice


def note_activity(*, user_id: int) -> None:
    """The member used Tejido today: one UPDATE, and nothing at all for members who did not
    opt in beyond that. Called at most once a day per session (tejido.web's middleware)."""
    CheckinChoice.objects.filter(user=user_id).exclude(
        last_seen_on=today(), due_since__isnull=True
    ).update(last_seen_on=today(), due_since=None)


@transaction.atomic
def mark_due(*, day: date) -> int | None:
    """Mark everyone due as of `day`: opted in, no activity for their weeks, not snoozed.
    None when `day` was already swept."""
    _sweep, made = DueSweep.objects.get_or_create(day=day)
    if not made:
        return None
    waiting = CheckinChoice.objects.filter(in_good_standing("user__"), due_since__isnull=True)
    waiting = waiting.exclude(snoozed_until__gt=day)
    due = [
        choice.pk
        for choice in waiting.only("pk", "weeks", "last_seen_on")
        if choice.last_seen_on + timedelta(weeks=choice.weeks) <= day
    ]
    return CheckinChoice.objects.filter(pk__in=due).update(due_since=now())


def _tell(user_id: int, checkin: CheckIn) -> None:
    """The one neutral notice. It links nowhere (its email links to the notifications page):
    an address under /support/ in an email would say what it is about."""
    notify(user=User.objects.get(pk=user_id), kind="checkins_news", about=checkin)


@transaction.atomic
def take(*, actor: User, member_id: int, body: str) -> CheckIn:
    """A team member says "I'll reach out" to someone due, with the first words of the
    check-in (a message from a person). Two at once: one takes it, the other is told."""
    choice = visible_due(actor).filter(user=member_id).first()
    if choice is None:
        raise NotFound()
    locked = CheckinChoice.objects.select_for_update().filter(pk=choice.pk).first()
    if locked is None or not can_take(actor, locked):
        raise AlreadyTaken()
    if CheckIn.objects.filter(member=member_id, state=CheckInState.OPEN).exists():
        raise AlreadyTaken()
    thread = start_thread()
    write(thread=thread, author_id=actor.pk, body=body)
    checkin = CheckIn.objects.create(
        member_id=member_id, team_member=actor, thread=thread, taken_at=now()
    )
    _tell(member_id, checkin)
    return checkin


@transaction.atomic
def write_in(*, actor: User, checkin: CheckIn, body: str) -> ThreadMessage:
    fresh = visible_checkins(actor).filter(pk=checkin.pk).first()
    if fresh is None:
        raise NotFound()
    if not can_write(actor, fresh):
        raise CheckInOver()
    message = write(thread=fresh.thread, author_id=actor.pk, body=body)
    other = fresh.team_member_id if actor.pk == fresh.member_id else fresh.member_id
    _tell(other, fresh)
    return message


@transaction.atomic
def mark_done(*, actor: User, checkin: CheckIn) -> CheckIn:
    """The team member has checked in: the member is not due, and their weeks count again."""
    fresh = visible_checkins(actor).select_for_update().filter(pk=checkin.pk).first()
    if fresh is None:
        raise NotFound()
    if not can_mark_done(actor, fresh):
        raise CheckInOver()
    fresh.state, fresh.done_at = CheckInState.DONE, now()
    fresh.save(update_fields=["state", "done_at"])
    CheckinChoice.objects.filter(user=fresh.member_id).update(due_since=None, last_seen_on=today())
    return fresh


@transaction.atomic
def add_to_team(*, actor: User, member_id: int) -> TeamMember:
    if not can_manage_team(actor):
        raise NotFound()
    member = visible_members(actor).filter(pk=member_id).first()
    if member is None:
        raise NotFound()
    team_member, made = TeamMember.objects.get_or_create(
        user=member, defaults={"added_by": actor, "added_at": now()}
    )
    if made:
        record_action(actor=actor, action="checkins.team_added", target_user=member)
    return team_member


@transaction.atomic
def remove_from_team(*, actor: User, member_id: int) -> None:
    """Off the team: they no longer see who is due nor write in check-ins (their open ones
    are closed, so that the member can be checked on by someone else)."""
    if not can_manage_team(actor):
        raise NotFound()
    found = TeamMember.objects.select_related("user").filter(user=member_id).first()
    if found is None:
        raise NotFound()
    found.delete()
    CheckIn.objects.filter(team_member=member_id, state=CheckInState.OPEN).update(
        state=CheckInState.CLOSED, done_at=now()
    )
    record_action(actor=actor, action="checkins.team_removed", target_user=found.user)
