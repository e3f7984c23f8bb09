import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction

from tejido.access.groups import can_join_group, can_leave_group, can_manage_group
from tejido.access.members import can_block_member, can_edit_profile, can_use_api
from tejido.access.network import can_manage_network
from tejido.accounts.factories import (
    ApplicantFactory,
    BlockFactory,
    OrganiserFactory,
    UserFactory,
)
from tejido.accounts.models import User
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import GroupMembership

pytestmark = pytest.mark.django_db


def test_only_organisers_manage_the_network():
    assert can_manage_network(OrganiserFactory())
    assert not can_manage_network(UserFactory(is_facilitator=True))
    assert not can_manage_network(AnonymousUser())


def test_applicants_and_members_edit_their_profile_nobody_else():
    assert can_edit_profile(UserFactory())
    assert can_edit_profile(ApplicantFactory())
    assert not can_edit_profile(UserFactory(state=User.State.SUSPENDED))
    assert not can_edit_profile(UserFactory(state=User.State.REMOVED))
    assert not can_edit_profile(AnonymousUser())
    assert not can_edit_profile(None)


def test_block_someone_visible_but_not_oneself_nor_twice():
    me, other = UserFactory(), UserFactory()
    assert can_block_member(me, other)
    assert not can_block_member(me, me)
    assert not can_block_member(ApplicantFactory(), other)
    BlockFactory(blocker=me, blocked=other)
    assert not can_block_member(me, other)
    assert not can_block_member(other, me)


def test_join_and_leave_follow_membership():
    me, group = UserFactory(), GroupFactory()
    assert can_join_group(me, group)
    assert not can_leave_group(me, group)
    GroupMembershipFactory(group=group, user=me, state=GroupMembership.State.REQUESTED)
    assert not can_join_group(me, group)
    assert can_leave_group(me, group)
    assert not can_join_group(AnonymousUser(), group)
    assert not can_leave_group(AnonymousUser(), group)


def test_group_organisers_and_network_organisers_manage_a_group():
    group, other_group = GroupFactory(), GroupFactory()
    group_organiser = UserFactory()
    GroupMembershipFactory(group=group, user=group_organiser, role=GroupMembership.Role.ORGANISER)
    assert can_manage_group(group_organiser, group)
    assert not can_manage_group(group_organiser, other_group)
    assert can_manage_group(OrganiserFactory(), group)
    plain = UserFactory()
    GroupMembershipFactory(group=group, user=plain)
    assert not can_manage_group(plain, group)
    assert not can_manage_group(AnonymousUser(), group)


def test_a_suspended_group_organiser_manages_nothing():
    group, user = GroupFactory(), UserFactory(state=User.State.SUSPENDED)
    GroupMembershipFactory(group=group, user=user, role=GroupMembership.Role.ORGANISER)
    assert not can_manage_group(user, group)


def test_a_pending_organiser_membership_cannot_exist():
    group, user = GroupFactory(), UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMembershipFactory(
            group=group,
            user=user,
            role=GroupMembership.Role.ORGANISER,
            state=GroupMembership.State.REQUESTED,
        )
    assert not can_manage_group(user, group)


def test_only_vetted_members_use_the_api():
    assert can_use_api(UserFactory())
    assert not can_use_api(ApplicantFactory())
    assert not can_use_api(AnonymousUser())
