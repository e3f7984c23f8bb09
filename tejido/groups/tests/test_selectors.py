import pytest
from django.utils import translation

from tejido.accounts.factories import ApplicantFactory, BlockFactory, OrganiserFactory, UserFactory
from tejido.core.errors import NotFound
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import Group, GroupMembership
from tejido.groups.selectors import (
    GROUP_MEMBERS_PER_PAGE,
    get_group,
    get_group_page,
    list_groups,
    list_my_groups,
)
from tejido.groups.services import join_group, leave_group
from tejido.membership.member_services import reinstate_member, suspend_member

pytestmark = pytest.mark.django_db


def test_groups_local_first_then_by_name_in_the_viewers_language():
    me = UserFactory()
    GroupFactory(kind=Group.Kind.THEMED, name_es="Arte", name_en="Zines")
    GroupFactory(kind=Group.Kind.THEMED, name_es="Cine", name_en="Film")
    GroupFactory(kind=Group.Kind.LOCAL, name_es="Vallecas", name_en="")
    with translation.override("es"):
        assert [g.name_es for g in list_groups(viewer=me)] == ["Vallecas", "Arte", "Cine"]
    with translation.override("en"):
        assert [g.name for g in list_groups(viewer=me)] == ["Vallecas", "Film", "Zines"]


def test_groups_carry_my_state_and_a_count_of_whom_i_can_see():
    me, hidden = UserFactory(), UserFactory()
    group, asked = GroupFactory(), GroupFactory(join_policy=Group.JoinPolicy.REQUEST)
    GroupMembershipFactory(group=group, user=me)
    GroupMembershipFactory(group=group, user=hidden)
    GroupMembershipFactory(group=asked, user=me, state=GroupMembership.State.REQUESTED)
    BlockFactory(blocker=hidden, blocked=me)
    by_slug = {g.slug: g for g in list_groups(viewer=me)}
    assert (by_slug[group.slug].my_state, by_slug[group.slug].member_count) == ("active", 1)
    assert (by_slug[asked.slug].my_state, by_slug[asked.slug].member_count) == ("requested", 0)
    assert list(list_my_groups(viewer=me)) == [group]


def test_counts_follow_joins_leaves_and_standing_at_once():
    """The counts for everyone are cached: every change to them forgets the cached copy."""
    group = GroupFactory()
    me, other = UserFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=me)

    def count() -> int:
        return get_group(viewer=me, slug=group.slug).member_count

    assert count() == 1
    join_group(actor=other, group=group)
    assert count() == 2
    organiser = OrganiserFactory()
    suspend_member(actor=organiser, member=other, reason="Spam")
    assert count() == 1
    reinstate_member(actor=organiser, member=other)
    assert count() == 2
    leave_group(actor=other, group=group)
    assert count() == 1


def test_applicants_see_no_group():
    group = GroupFactory()
    assert list_groups(viewer=ApplicantFactory()) == []
    with pytest.raises(NotFound):
        get_group(viewer=ApplicantFactory(), slug=group.slug)
    with pytest.raises(NotFound):
        get_group(viewer=UserFactory(), slug="no-such-group")


def test_group_page_for_a_member_lists_organisers_first():
    group = GroupFactory()
    me, organiser = UserFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=me)
    GroupMembershipFactory(group=group, user=organiser, role=GroupMembership.Role.ORGANISER)
    page = get_group_page(viewer=me, slug=group.slug)
    assert page.sees_all_members
    assert not page.can_manage
    assert [(e.card.id, e.is_group_organiser) for e in page.entries] == [
        (organiser.pk, True),
        (me.pk, False),
    ]
    assert page.join_requests == []


def test_group_page_for_an_outsider_shows_organisers_only():
    group = GroupFactory()
    organiser = UserFactory()
    GroupMembershipFactory(group=group, user=organiser, role=GroupMembership.Role.ORGANISER)
    GroupMembershipFactory(group=group)
    page = get_group_page(viewer=UserFactory(), slug=group.slug)
    assert not page.sees_all_members
    assert [e.card.id for e in page.entries] == [organiser.pk]


def test_group_page_for_those_who_run_it_shows_requests():
    group = GroupFactory(join_policy=Group.JoinPolicy.REQUEST)
    asker = UserFactory()
    GroupMembershipFactory(group=group, user=asker, state=GroupMembership.State.REQUESTED)
    page = get_group_page(viewer=OrganiserFactory(), slug=group.slug)
    assert page.can_manage
    assert [c.id for c in page.join_requests] == [asker.pk]
    assert page.entries == []


def test_group_members_are_paginated():
    group = GroupFactory()
    me = UserFactory()
    GroupMembershipFactory(group=group, user=me)
    GroupMembershipFactory.create_batch(GROUP_MEMBERS_PER_PAGE, group=group)
    page = get_group_page(viewer=me, slug=group.slug, page="2")
    assert page.members.number == 2
    assert len(page.entries) == 1
