"""Who knows of a group (hidden and archived ones), who makes, edits, archives and runs one,
who may join, be invited, leave, and be told about it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation

from tejido.access.groups import (
    active_group_ids,
    audience_of_group,
    can_archive_group,
    can_create_group,
    can_edit_group,
    can_invite_to_group,
    can_join_group,
    can_leave_group,
    can_name_group_organiser,
    can_see_group,
    group_relation,
    invitable_groups,
    is_last_group_organiser,
    leave_refusal,
    visible_groups,
)
from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import Group, GroupMembership

pytestmark = pytest.mark.django_db

ORGANISER = GroupMembership.Role.ORGANISER
State = GroupMembership.State


def test_a_hidden_group_is_known_only_to_those_in_it_and_network_organisers():
    hidden = GroupFactory(listed=False)
    listed = GroupFactory()
    inside = {state: UserFactory() for state in State.values}
    for state, user in inside.items():
        GroupMembershipFactory(group=hidden, user=user, state=state)
    outsider, organiser = UserFactory(), OrganiserFactory()
    for user in inside.values():
        assert set(visible_groups(user)) == {hidden, listed}
    assert set(visible_groups(outsider)) == {listed}
    assert not can_see_group(outsider, hidden)
    assert set(visible_groups(organiser)) == {hidden, listed}
    for nobody in (None, AnonymousUser(), ApplicantFactory()):
        assert not visible_groups(nobody).exists()


def test_an_archived_group_leaves_the_list_but_not_its_members():
    archived = GroupFactory(archived_at=timezone.now())
    member = UserFactory()
    GroupMembershipFactory(group=archived, user=member)
    assert can_see_group(member, archived)
    assert not can_see_group(UserFactory(), archived)
    assert can_see_group(OrganiserFactory(), archived)


def test_audience_of_a_group_is_who_may_see_it():
    listed = GroupFactory()
    member, organiser, applicant = UserFactory(), OrganiserFactory(), ApplicantFactory()
    assert {member, organiser} <= set(audience_of_group(listed))
    assert applicant not in audience_of_group(listed)
    hidden = GroupFactory(listed=False)
    invited = UserFactory()
    GroupMembershipFactory(group=hidden, user=invited, state=State.INVITED)
    assert set(audience_of_group(hidden)) == {invited, organiser}
    archived = GroupFactory(archived_at=timezone.now())
    assert set(audience_of_group(archived)) == {organiser}
    suspended = UserFactory(state=User.State.SUSPENDED)
    GroupMembershipFactory(group=hidden, user=suspended)
    assert suspended not in audience_of_group(hidden)


def test_network_organisers_make_and_archive_groups():
    group = GroupFactory()
    group_organiser = UserFactory()
    GroupMembershipFactory(group=group, user=group_organiser, role=ORGANISER)
    assert can_create_group(OrganiserFactory())
    assert can_archive_group(OrganiserFactory(), group)
    for other in (group_organiser, UserFactory(), ApplicantFactory(), None):
        assert not can_create_group(other)
        assert not can_archive_group(other, group)


def test_network_and_group_organisers_edit_and_name_organisers():
    group = GroupFactory()
    group_organiser, member = UserFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=group_organiser, role=ORGANISER)
    GroupMembershipFactory(group=group, user=member)
    network = OrganiserFactory()
    for rule in (can_edit_group, can_name_group_organiser):
        assert rule(network, group)
        assert rule(group_organiser, group)
        assert rule(group_organiser, group, group_relation(group_organiser, group))
        assert not rule(member, group)
        assert not rule(None, group)
    group.archived_at = timezone.now()
    assert can_edit_group(network, group)
    assert not can_edit_group(group_organiser, group)


def test_those_who_run_an_invitation_only_group_invite():
    group = GroupFactory(join_policy=Group.JoinPolicy.INVITATION)
    group_organiser, member = UserFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=group_organiser, role=ORGANISER)
    GroupMembershipFactory(group=group, user=member)
    assert can_invite_to_group(group_organiser, group)
    assert can_invite_to_group(OrganiserFactory(), group)
    assert not can_invite_to_group(member, group)
    open_group = GroupFactory()
    assert not can_invite_to_group(OrganiserFactory(), open_group)
    group.archived_at = timezone.now()
    assert not can_invite_to_group(group_organiser, group)


def test_nobody_joins_an_invitation_only_or_archived_group():
    me = UserFactory()
    assert can_join_group(me, GroupFactory(join_policy=Group.JoinPolicy.REQUEST))
    assert not can_join_group(me, GroupFactory(join_policy=Group.JoinPolicy.INVITATION))
    assert not can_join_group(OrganiserFactory(), GroupFactory(archived_at=timezone.now()))


def test_the_last_organiser_may_not_leave_and_is_told_why():
    group = GroupFactory()
    first, second, member = UserFactory(), UserFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=first, role=ORGANISER)
    GroupMembershipFactory(group=group, user=member)
    assert is_last_group_organiser(first, group)
    assert not can_leave_group(first, group)
    with translation.override("en"):
        assert "only organiser" in str(leave_refusal(first, group))
    assert can_leave_group(member, group)
    assert leave_refusal(member, group) is None
    assert not is_last_group_organiser(None, group)
    assert not is_last_group_organiser(member, group)
    GroupMembershipFactory(group=group, user=second, role=ORGANISER)
    assert can_leave_group(first, group)
    assert can_leave_group(second, group)


def test_a_suspended_organiser_does_not_keep_a_group_going():
    group = GroupFactory()
    active, suspended = UserFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=active, role=ORGANISER)
    GroupMembershipFactory(group=group, user=suspended, role=ORGANISER)
    suspended.state = User.State.SUSPENDED
    suspended.save()
    assert is_last_group_organiser(active, group)


def test_only_active_memberships_make_someones_groups():
    me = UserFactory()
    mine, invited = GroupFactory(), GroupFactory()
    GroupMembershipFactory(group=mine, user=me)
    GroupMembershipFactory(group=invited, user=me, state=State.INVITED)
    assert [row["group"] for row in active_group_ids(me)] == [mine.pk]
    assert not active_group_ids(None).exists()


def test_the_groups_one_may_invite_to_are_the_invitation_only_ones_one_runs():
    mine = GroupFactory(join_policy=Group.JoinPolicy.INVITATION)
    other = GroupFactory(join_policy=Group.JoinPolicy.INVITATION)
    GroupFactory(join_policy=Group.JoinPolicy.INVITATION, archived_at=timezone.now())
    GroupFactory()
    runner = UserFactory()
    GroupMembershipFactory(group=mine, user=runner, role=ORGANISER)
    GroupMembershipFactory(group=other, user=UserFactory(), role=ORGANISER)
    assert list(invitable_groups(runner)) == [mine]
    assert set(invitable_groups(OrganiserFactory())) == {mine, other}
    for nobody in (None, ApplicantFactory(), UserFactory()):
        assert not invitable_groups(nobody).exists()
