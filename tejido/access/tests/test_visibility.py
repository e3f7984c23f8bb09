import pytest
from django.contrib.auth.models import AnonymousUser

from tejido.access.groups import (
    can_manage_group,
    can_see_group,
    group_relation,
    member_counts,
    sees_all_group_members,
    visible_group_members,
    visible_groups,
    visible_join_requests,
)
from tejido.access.members import (
    can_see_member,
    forget_member_counts,
    managed_people,
    members_blocked_by,
    network_organisers,
    viewer_for,
    visible_member_count,
    visible_members,
    visible_profiles,
)
from tejido.accounts.factories import (
    ApplicantFactory,
    BlockFactory,
    OrganiserFactory,
    UserFactory,
)
from tejido.accounts.models import User
from tejido.accounts.selectors import get_member_card
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import Group, GroupMembership

pytestmark = pytest.mark.django_db


def test_members_see_vetted_members_in_good_standing_and_themselves():
    me, other = UserFactory(), UserFactory()
    applicant = ApplicantFactory()
    suspended = UserFactory(state=User.State.SUSPENDED)
    removed = UserFactory(state=User.State.REMOVED)
    seen = set(visible_members(me))
    assert {me, other} <= seen
    assert not {applicant, suspended, removed} & seen


def test_nobody_but_vetted_members_sees_anyone():
    UserFactory()
    for viewer in (None, AnonymousUser(), ApplicantFactory(), UserFactory(state="suspended")):
        assert not visible_members(viewer).exists()
        assert not visible_profiles(viewer).exists()
        assert not visible_groups(viewer).exists()


def test_the_profiles_side_sees_the_same_people():
    me, other, blocked = UserFactory(), UserFactory(), UserFactory()
    BlockFactory(blocker=blocked, blocked=me)
    ApplicantFactory()
    UserFactory(state=User.State.SUSPENDED)
    assert {p.user_id for p in visible_profiles(me)} == {u.pk for u in visible_members(me)}
    assert {p.user_id for p in visible_profiles(me)} >= {me.pk, other.pk}
    assert blocked.pk not in {p.user_id for p in visible_profiles(me)}


def test_a_member_without_a_profile_is_not_listed():
    bare = User.objects.create_user("bare@example.org", state=User.State.MEMBER)
    assert not can_see_member(UserFactory(), bare)


def test_a_block_hides_both_ways_and_only_between_the_two():
    a, b, c = UserFactory(), UserFactory(), UserFactory()
    BlockFactory(blocker=a, blocked=b)
    assert not can_see_member(a, b)
    assert not can_see_member(b, a)
    assert can_see_member(a, a)
    assert can_see_member(b, b)
    assert can_see_member(c, a)
    assert can_see_member(c, b)


def test_only_the_blocker_sees_whom_they_blocked():
    a, b = UserFactory(), UserFactory()
    BlockFactory(blocker=a, blocked=b)
    assert list(members_blocked_by(a)) == [b]
    assert not members_blocked_by(b).exists()
    assert not members_blocked_by(AnonymousUser()).exists()


def test_every_member_knows_every_group():
    group = GroupFactory()
    assert can_see_group(UserFactory(), group)
    assert not can_see_group(ApplicantFactory(), group)


def test_outsiders_see_only_a_groups_organisers():
    group, other_group = GroupFactory(), GroupFactory()
    organiser, member, outsider = UserFactory(), UserFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=organiser, role=GroupMembership.Role.ORGANISER)
    GroupMembershipFactory(group=group, user=member)
    # An organiser of another group is still a plain member of this one.
    GroupMembershipFactory(group=other_group, user=member, role=GroupMembership.Role.ORGANISER)
    assert list(visible_group_members(outsider, group)) == [organiser]
    assert not sees_all_group_members(outsider, group)
    assert set(visible_group_members(member, group)) == {organiser, member}
    assert set(visible_group_members(OrganiserFactory(), group)) == {organiser, member}


def test_pending_and_suspended_people_are_not_in_a_groups_member_list():
    group = GroupFactory()
    member = UserFactory()
    GroupMembershipFactory(group=group, user=member)
    pending = UserFactory()
    GroupMembershipFactory(group=group, user=pending, state=GroupMembership.State.REQUESTED)
    suspended = UserFactory(state=User.State.SUSPENDED)
    GroupMembershipFactory(group=group, user=suspended)
    assert list(visible_group_members(member, group)) == [member]
    # Someone whose request is pending is not a member of the group yet.
    assert not sees_all_group_members(pending, group)


def test_member_counts_leave_out_whom_the_viewer_cannot_see():
    group = GroupFactory()
    me, hidden, seen = UserFactory(), UserFactory(), UserFactory()
    for user in (me, hidden, seen):
        GroupMembershipFactory(group=group, user=user)
    GroupMembershipFactory(group=group, state=GroupMembership.State.REQUESTED)
    BlockFactory(blocker=hidden, blocked=me)
    assert member_counts(me)[group.pk] == 2
    assert member_counts(seen)[group.pk] == 3
    assert member_counts(ApplicantFactory()) == {}


def test_join_requests_are_for_those_who_run_the_group():
    group = GroupFactory(join_policy=Group.JoinPolicy.REQUEST)
    group_organiser, asking, blocked_asker = UserFactory(), UserFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=group_organiser, role=GroupMembership.Role.ORGANISER)
    for user in (asking, blocked_asker):
        GroupMembershipFactory(group=group, user=user, state=GroupMembership.State.REQUESTED)
    BlockFactory(blocker=blocked_asker, blocked=group_organiser)
    assert can_manage_group(group_organiser, group)
    assert list(visible_join_requests(group_organiser, group)) == [asking]
    assert set(visible_join_requests(OrganiserFactory(), group)) == {asking, blocked_asker}
    assert not visible_join_requests(asking, group).exists()


def test_viewer_for_knows_who_shares_an_active_group():
    group = GroupFactory()
    me, mate, pending, stranger = UserFactory(), UserFactory(), UserFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=me)
    GroupMembershipFactory(group=group, user=mate)
    GroupMembershipFactory(group=group, user=pending, state=GroupMembership.State.REQUESTED)
    viewer = viewer_for(me, [mate.pk, pending.pk, stranger.pk])
    assert viewer.shared_with == {mate.pk}
    assert viewer_for(me, []).shared_with == frozenset()
    assert viewer_for(ApplicantFactory(), [mate.pk]).shared_with == frozenset()


def test_viewer_for_asks_nothing_for_ones_own_card_nor_organisers_shared_groups(
    django_assert_num_queries,
):
    """The viewer's own card shows them everything, and organisers see what is for a shared
    group anyway: neither needs the look-up of shared groups, and the cards come out the
    same."""
    group = GroupFactory()
    me, organiser = UserFactory(), OrganiserFactory()
    for person in (me, organiser):
        GroupMembershipFactory(group=group, user=person)
    with django_assert_num_queries(0):
        assert viewer_for(me, [me.pk]).shared_with == frozenset()
    with django_assert_num_queries(0):
        assert viewer_for(organiser, [me.pk, organiser.pk]).shared_with == frozenset()
    assert viewer_for(me, [me.pk, organiser.pk]).shared_with == {organiser.pk}
    me.profile.bio, me.profile.identity_tags = "Painter", "trans"  # a shared group; only me
    me.profile.save()
    mine = get_member_card(viewer=me, member_id=me.pk)
    assert mine.is_self
    assert {"bio", "identity_tags"} <= set(mine.fields)
    seen = get_member_card(viewer=organiser, member_id=me.pk)
    assert "bio" in seen.fields
    assert "identity_tags" not in seen.fields


def test_organisers_manage_everyone_but_those_in_a_block_with_them():
    organiser = OrganiserFactory()
    applicant, suspended, blocker = (
        ApplicantFactory(),
        UserFactory(state="suspended"),
        UserFactory(),
    )
    BlockFactory(blocker=blocker, blocked=organiser)
    managed = set(managed_people(organiser))
    assert {applicant, suspended, organiser} <= managed
    assert blocker not in managed
    assert not managed_people(UserFactory()).exists()


def test_the_member_count_is_what_the_viewer_may_see_and_forgets_on_request():
    me, hidden, _seen = UserFactory(), UserFactory(), UserFactory()
    ApplicantFactory()
    BlockFactory(blocker=hidden, blocked=me)
    assert visible_member_count(me) == visible_members(me).count() == 2
    assert visible_member_count(hidden) == 2
    assert visible_member_count(ApplicantFactory()) == 0
    UserFactory()
    assert visible_member_count(me) == 2  # cached for everyone
    forget_member_counts()
    assert visible_member_count(me) == 3


def test_network_organisers_are_organisers_in_good_standing():
    organiser = OrganiserFactory()
    OrganiserFactory(state=User.State.SUSPENDED)
    UserFactory()
    assert list(network_organisers()) == [organiser]


def test_a_group_relation_answers_only_for_whom_it_was_looked_up():
    group, other_group = GroupFactory(), GroupFactory()
    member, stranger = UserFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=member, role=GroupMembership.Role.ORGANISER)
    relation = group_relation(member, group)
    assert (relation.member, relation.organiser, relation.runs, relation.sees_all) == (
        True,
        True,
        True,
        True,
    )
    assert can_manage_group(member, group)
    assert not can_manage_group(stranger, group)
    assert sees_all_group_members(member, group, relation)
    with pytest.raises(ValueError, match="looked up for"):
        visible_group_members(stranger, group, relation)
    with pytest.raises(ValueError, match="looked up for"):
        visible_join_requests(member, other_group, relation)
