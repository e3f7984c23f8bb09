"""Check-ins: who is on the check-in team, whom the team sees as due, who reads a check-in's
thread, who may do what, and who may be told.

The team (members the organisers name) sees only who is due and since when: never a date of
activity, never what a member did or did not do. A team member never sees as due, nor checks
in on, someone in a block with them, nor themself. A check-in is for its two people alone;
organisers manage the team but do not see who is due or any check-in."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.db.models import Q, QuerySet

from tejido.access.base import (
    AnyUser,
    in_good_standing,
    is_organiser,
    is_vetted,
    register_audience,
)
from tejido.access.members import in_a_block, someone_to_see
from tejido.accounts.models import User
from tejido.checkins.models import CheckIn, CheckinChoice, CheckInState, TeamMember

MEMBER, TEAM = "member", "team"


def is_on_team(user: AnyUser | None) -> bool:
    if not is_vetted(user):
        return False
    assert user is not None
    return TeamMember.objects.filter(user=user.pk).exists()


def can_manage_team(actor: AnyUser | None) -> bool:
    return is_organiser(actor)


def visible_due(viewer: AnyUser | None) -> QuerySet[CheckinChoice]:
    """For the team: members who are due and not being checked on yet, less the viewer and
    anyone in a block with them."""
    if not is_on_team(viewer):
        return CheckinChoice.objects.none()
    assert viewer is not None
    taken = CheckIn.objects.filter(state=CheckInState.OPEN).values("member")
    return (
        CheckinChoice.objects.filter(due_since__isnull=False)
        .filter(someone_to_see(viewer, "user"))
        .exclude(user=viewer.pk)
        .exclude(user__in=taken)
    )


def visible_checkins(viewer: AnyUser | None) -> QuerySet[CheckIn]:
    """The check-ins the viewer is one of the two people in, while the other is in good
    standing and neither has blocked the other."""
    if not is_vetted(viewer):
        return CheckIn.objects.none()
    assert viewer is not None
    as_member = Q(member=viewer.pk) & someone_to_see(viewer, "team_member")
    as_team = Q(team_member=viewer.pk) & someone_to_see(viewer, "member")
    return CheckIn.objects.filter(as_member | as_team)


def side_of(viewer: AnyUser | None, checkin: CheckIn) -> str:
    if not is_vetted(viewer):
        return ""
    assert viewer is not None
    if viewer.pk == checkin.member_id:
        return MEMBER
    return TEAM if viewer.pk == checkin.team_member_id else ""


def can_take(actor: AnyUser | None, choice: CheckinChoice) -> bool:
    """A team member says "I'll reach out" to someone due (visible_due says whom)."""
    return (
        is_on_team(actor) and choice.due_since is not None and choice.user_id != actor.pk  # type: ignore[union-attr]
    )


def can_read_checkin(viewer: AnyUser | None, checkin: CheckIn) -> bool:
    return side_of(viewer, checkin) != ""


def can_write(actor: AnyUser | None, checkin: CheckIn) -> bool:
    """Either of the two, while the team member is reaching out (a team member who left the
    team no longer writes)."""
    side = side_of(actor, checkin)
    return _may_write(side, checkin, lambda: is_on_team(actor))


def _may_write(side: str, checkin: CheckIn, on_team: Callable[[], bool]) -> bool:
    if checkin.state != CheckInState.OPEN or side == "":
        return False
    return side == MEMBER or on_team()


def can_mark_done(actor: AnyUser | None, checkin: CheckIn) -> bool:
    return side_of(actor, checkin) == TEAM and checkin.state == CheckInState.OPEN


@register_audience(CheckIn)
def audience_of_checkin(checkin: CheckIn) -> QuerySet[User]:
    """Its two people in good standing, unless they are in a block: then nobody."""
    if in_a_block(checkin.member_id, checkin.team_member_id):
        return User.objects.none()
    return User.objects.filter(
        in_good_standing(), pk__in=[checkin.member_id, checkin.team_member_id]
    )


@dataclass(frozen=True)
class DueCard:
    """Someone due for a check-in, as the team sees them: a chosen name and since when."""

    id: int
    chosen_name: str
    due_since: datetime


def due_cards(choices: list[CheckinChoice], names: dict[int, str]) -> list[DueCard]:
    return [
        DueCard(id=c.user_id, chosen_name=names.get(c.user_id, ""), due_since=c.due_since)
        for c in choices
        if c.due_since is not None
    ]


@dataclass(frozen=True)
class CheckInCard:
    id: int
    other_name: str
    my_side: str
    state: str
    state_label: str
    taken_at: datetime
    can_write: bool
    can_mark_done: bool


def checkin_cards(
    viewer: AnyUser | None, checkins: list[CheckIn], names: dict[int, str]
) -> list[CheckInCard]:
    cards = []
    on_team = cache(lambda: is_on_team(viewer))  # asked once for the whole list
    for checkin in checkins:
        side = side_of(viewer, checkin)
        if side == "":
            continue
        other = checkin.team_member_id if side == MEMBER else checkin.member_id
        cards.append(
            CheckInCard(
                id=checkin.pk,
                other_name=names.get(other, ""),
                my_side=side,
                state=checkin.state,
                state_label=str(CheckInState(checkin.state).label),
                taken_at=checkin.taken_at,
                can_write=_may_write(side, checkin, on_team),
                can_mark_done=can_mark_done(viewer, checkin),
            )
        )
    return cards
