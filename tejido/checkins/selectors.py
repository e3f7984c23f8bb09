"""Reads of check-ins: one's own choice, the team's list of who is due (a chosen name and
since when, nothing else), the check-ins one is in, a check-in's page with its thread, and for
organisers the team and members to add to it."""

from dataclasses import dataclass

from tejido.access.base import AnyUser
from tejido.access.buddies import ThreadMessageCard, thread_message_cards
from tejido.access.checkins import (
    CheckInCard,
    DueCard,
    can_manage_team,
    can_read_checkin,
    checkin_cards,
    due_cards,
    is_on_team,
    visible_checkins,
    visible_due,
)
from tejido.access.members import MemberCard, member_cards, visible_members, with_card_columns
from tejido.accounts.selectors import list_members
from tejido.buddies.selectors import names_of
from tejido.buddies.threads import messages_of
from tejido.checkins.models import CheckIn, CheckinChoice, CheckInState
from tejido.core.errors import NotFound

DUE_SHOWN = 50
FOUND_SHOWN = 10


def get_my_choice(*, viewer: AnyUser) -> CheckinChoice | None:
    return CheckinChoice.objects.filter(user=viewer.pk).first()


@dataclass(frozen=True)
class TeamPage:
    due: list[DueCard]
    mine: list[CheckInCard]


def get_team_page(*, viewer: AnyUser) -> TeamPage:
    """For the team only (anyone else: NotFound): who is due, longest first, and the open
    check-ins the viewer took."""
    if not is_on_team(viewer):
        raise NotFound()
    due = list(
        visible_due(viewer).only("user", "due_since").order_by("due_since", "pk")[:DUE_SHOWN]
    )
    mine = list(visible_checkins(viewer).filter(team_member=viewer.pk, state=CheckInState.OPEN))
    names = names_of({c.user_id for c in due} | {c.member_id for c in mine})
    return TeamPage(due=due_cards(due, names), mine=checkin_cards(viewer, mine, names))


def list_my_checkins(*, viewer: AnyUser) -> list[CheckInCard]:
    """The check-ins someone reached out to the viewer with, newest first."""
    found = list(visible_checkins(viewer).filter(member=viewer.pk)[:5])
    return checkin_cards(viewer, found, names_of({c.team_member_id for c in found}))


def get_checkin(*, viewer: AnyUser, checkin_id: int) -> CheckIn:
    found = visible_checkins(viewer).filter(pk=checkin_id).first()
    if found is None:
        raise NotFound()
    return found


@dataclass(frozen=True)
class CheckInPage:
    card: CheckInCard
    messages: list[ThreadMessageCard]
    # The member's own choice, for the snooze and opt-out on the page (None for the team).
    choice: CheckinChoice | None


def get_checkin_page(*, viewer: AnyUser, checkin_id: int) -> CheckInPage:
    checkin = get_checkin(viewer=viewer, checkin_id=checkin_id)
    assert can_read_checkin(viewer, checkin)
    names = names_of({checkin.member_id, checkin.team_member_id})
    card = checkin_cards(viewer, [checkin], names)[0]
    messages = thread_message_cards(viewer, list(messages_of(checkin.thread_id)), names)
    mine = get_my_choice(viewer=viewer) if card.my_side == "member" else None
    return CheckInPage(card=card, messages=messages, choice=mine)


@dataclass(frozen=True)
class TeamRoster:
    team: list[MemberCard]
    found: list[MemberCard]


def get_team_roster(*, viewer: AnyUser, query: str = "") -> TeamRoster:
    """For organisers: the team, and members matching `query` to add to it."""
    if not can_manage_team(viewer):
        raise NotFound()
    team = with_card_columns(
        visible_members(viewer).filter(checkin_team__isnull=False).order_by("profile__sort_name")
    )
    found = list(list_members(viewer=viewer, query=query)[:FOUND_SHOWN]) if query else []
    return TeamRoster(team=member_cards(viewer, team), found=member_cards(viewer, found))


def get_due(*, viewer: AnyUser, member_id: int) -> DueCard:
    """One member due, for a team member about to reach out; anyone else: NotFound."""
    found = visible_due(viewer).filter(user=member_id).first()
    if found is None:
        raise NotFound()
    return due_cards([found], names_of({found.user_id}))[0]
