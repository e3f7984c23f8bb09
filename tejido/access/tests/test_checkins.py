"""The check-ins policy, rule by rule, on the real database."""

import pytest

from tejido.access.checkins import (
    MEMBER,
    TEAM,
    audience_of_checkin,
    can_manage_team,
    can_mark_done,
    can_read_checkin,
    can_take,
    can_write,
    checkin_cards,
    due_cards,
    is_on_team,
    side_of,
    visible_checkins,
    visible_due,
)
from tejido.accounts.factories import ApplicantFactory, BlockFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.buddies.factories import ThreadFactory
from tejido.checkins.models import CheckIn, CheckinChoice, CheckInState, TeamMember
from tejido.core.clock import now

pytestmark = pytest.mark.django_db


def _team(user=None):
    return TeamMember.objects.create(user=user or UserFactory(), added_at=now()).user


def _choice(user=None, due=True):
    return CheckinChoice.objects.create(
        user=user or UserFactory(),
        last_seen_on=now().date(),
        due_since=now() if due else None,
        created_at=now(),
    )


def _checkin(member, team_member, state=CheckInState.OPEN):
    return CheckIn.objects.create(
        member=member, team_member=team_member, thread=ThreadFactory(), state=state, taken_at=now()
    )


def test_only_vetted_team_members_are_on_the_team():
    helper = _team()
    assert is_on_team(helper)
    assert not is_on_team(UserFactory())
    assert not is_on_team(None)
    suspended = _team(UserFactory(state=User.State.SUSPENDED))
    assert not is_on_team(suspended)


def test_the_team_sees_who_is_due_and_not_yet_taken():
    helper, other_helper = _team(), _team()
    due, not_due, own = _choice(), _choice(due=False), _choice(helper)
    assert list(visible_due(helper)) == [due]
    assert not visible_due(OrganiserFactory()).exists()
    assert can_take(helper, due)
    assert not can_take(helper, not_due)
    assert not can_take(helper, own)
    assert not can_take(UserFactory(), due)
    _checkin(due.user, other_helper)
    assert not visible_due(helper).exists()


def test_check_ins_are_for_their_two_people():
    helper, member = _team(), UserFactory()
    checkin = _checkin(member, helper)
    assert list(visible_checkins(member)) == [checkin]
    assert list(visible_checkins(helper)) == [checkin]
    for outsider in (None, ApplicantFactory(), UserFactory(), OrganiserFactory()):
        assert not visible_checkins(outsider).exists()
        assert side_of(outsider, checkin) == ""
        assert not can_read_checkin(outsider, checkin)
        assert not can_write(outsider, checkin)
    assert side_of(member, checkin) == MEMBER
    assert side_of(helper, checkin) == TEAM
    assert can_write(member, checkin)
    assert can_write(helper, checkin)
    assert can_mark_done(helper, checkin)
    assert not can_mark_done(member, checkin)
    TeamMember.objects.filter(user=helper).delete()
    assert not can_write(helper, checkin)  # off the team
    checkin.state = CheckInState.DONE
    assert not can_write(member, checkin)
    assert can_read_checkin(member, checkin)
    BlockFactory(blocker=member, blocked=helper)
    assert not visible_checkins(member).exists()
    assert not visible_checkins(helper).exists()


def test_the_audience_is_the_two_unless_in_a_block():
    helper, member = _team(), UserFactory()
    checkin = _checkin(member, helper)
    assert set(audience_of_checkin(checkin)) == {helper, member}
    BlockFactory(blocker=helper, blocked=member)
    assert not audience_of_checkin(checkin).exists()


def test_cards():
    helper, member = _team(), UserFactory()
    checkin = _checkin(member, helper)
    names = {helper.pk: "Ana", member.pk: "Bea"}
    (mine,) = checkin_cards(member, [checkin], names)
    assert (mine.other_name, mine.my_side, mine.can_mark_done) == ("Ana", MEMBER, False)
    (theirs,) = checkin_cards(helper, [checkin], names)
    assert theirs.other_name == "Bea"
    assert checkin_cards(UserFactory(), [checkin], names) == []
    choice = _choice(member)
    not_due = _choice(due=False)
    assert [c.chosen_name for c in due_cards([choice, not_due], names)] == ["Bea"]


def test_organisers_manage_the_team():
    assert can_manage_team(OrganiserFactory())
    assert not can_manage_team(UserFactory())
