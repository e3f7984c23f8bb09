import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from tejido.accounts.factories import (
    ApplicantFactory,
    BlockFactory,
    OrganiserFactory,
    UserFactory,
)
from tejido.accounts.models import User
from tejido.audit.models import AuditEntry
from tejido.core.errors import NotAllowed, NotFound
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import Group, GroupMembership
from tejido.groups.services import (
    AlreadyInGroup,
    NoSuchRequest,
    RequestPending,
    approve_join_request,
    decline_join_request,
    join_group,
    leave_group,
    request_to_join,
)
from tejido.notifications.kinds import KINDS
from tejido.notifications.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def by_request():
    return GroupFactory(join_policy=Group.JoinPolicy.REQUEST, name_es="Círculo", name_en="Circle")


@pytest.fixture
def group_organiser(by_request):
    user = UserFactory()
    GroupMembershipFactory(group=by_request, user=user, role=GroupMembership.Role.ORGANISER)
    return user


def test_joining_an_open_group_is_immediate():
    me, group = UserFactory(), GroupFactory()
    membership = join_group(actor=me, group=group)
    assert membership.state == GroupMembership.State.ACTIVE
    assert membership.role == GroupMembership.Role.MEMBER
    with pytest.raises(AlreadyInGroup):
        join_group(actor=me, group=group)


def test_joining_a_group_by_request_asks_first(by_request):
    me = UserFactory()
    membership = join_group(actor=me, group=by_request)
    assert membership.state == GroupMembership.State.REQUESTED
    with pytest.raises(RequestPending):
        request_to_join(actor=me, group=by_request)
    assert GroupMembership.objects.filter(user=me).count() == 1


def test_request_to_join_an_open_group_simply_joins():
    membership = request_to_join(actor=UserFactory(), group=GroupFactory())
    assert membership.state == GroupMembership.State.ACTIVE


def test_people_not_vetted_cannot_join_and_learn_nothing():
    group = GroupFactory()
    for actor in (ApplicantFactory(), UserFactory(state=User.State.SUSPENDED), AnonymousUser()):
        with pytest.raises(NotFound):
            join_group(actor=actor, group=group)
    assert not GroupMembership.objects.exists()


def test_leave_a_group_or_withdraw_a_request(by_request):
    me, group = UserFactory(), GroupFactory()
    join_group(actor=me, group=group)
    join_group(actor=me, group=by_request)
    leave_group(actor=me, group=group)
    leave_group(actor=me, group=by_request)
    leave_group(actor=me, group=by_request)  # nothing left: nothing happens
    assert not GroupMembership.objects.filter(user=me).exists()
    with pytest.raises(NotAllowed):
        leave_group(actor=ApplicantFactory(), group=group)


def test_group_organiser_approves_and_the_requester_is_told_in_their_language(
    by_request, group_organiser
):
    asker = UserFactory(language="en")
    request_to_join(actor=asker, group=by_request)
    membership = approve_join_request(actor=group_organiser, group=by_request, member=asker)
    assert membership.state == GroupMembership.State.ACTIVE
    notice = Notice.objects.get(user=asker)
    assert notice.kind == "group_request_approved"
    # Both names are kept, so the notice reads in whichever language the member reads it.
    assert notice.params == {"group": {"es": by_request.name_es, "en": "Circle"}}
    assert notice.url == f"/groups/{by_request.slug}/"
    with translation.override("en"):
        assert "Circle" in KINDS["group_request_approved"].render_subject(notice.params)
    with translation.override("es"):
        assert by_request.name_es in KINDS["group_request_approved"].render_subject(notice.params)
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target_user) == (
        group_organiser,
        "group.approve_request",
        asker,
    )
    assert (entry.target_kind, entry.target_id) == ("groups.group", by_request.pk)


def test_a_declined_member_is_told_kindly_and_may_ask_again(by_request):
    asker = UserFactory()
    organiser = OrganiserFactory()
    organiser.profile.chosen_name = "Marisol"
    organiser.profile.save()
    request_to_join(actor=asker, group=by_request)
    decline_join_request(actor=organiser, group=by_request, member=asker)
    assert not GroupMembership.objects.filter(user=asker).exists()
    notice = Notice.objects.get(user=asker)
    assert notice.kind == "group_request_declined"
    with translation.override("en"):
        text = KINDS[notice.kind].render_text(notice.params)
    assert "Circle" in text
    assert "could not take you in this time" in text
    assert "Marisol" not in text
    assert "Marisol" not in str(notice.params)
    assert AuditEntry.objects.get().action == "group.decline_request"
    assert request_to_join(actor=asker, group=by_request).state == "requested"


def test_only_those_who_run_the_group_decide(by_request):
    asker, plain = UserFactory(), UserFactory()
    GroupMembershipFactory(group=by_request, user=plain)
    request_to_join(actor=asker, group=by_request)
    for actor in (plain, UserFactory(), asker):
        with pytest.raises(NoSuchRequest):
            approve_join_request(actor=actor, group=by_request, member=asker)
    assert GroupMembership.objects.get(user=asker).state == GroupMembership.State.REQUESTED


def test_deciding_twice_or_a_request_that_does_not_exist_is_not_found(by_request, group_organiser):
    asker = UserFactory()
    request_to_join(actor=asker, group=by_request)
    approve_join_request(actor=group_organiser, group=by_request, member=asker)
    with pytest.raises(NoSuchRequest):
        approve_join_request(actor=group_organiser, group=by_request, member=asker)
    with pytest.raises(NoSuchRequest):
        decline_join_request(actor=group_organiser, group=by_request, member=UserFactory())


def test_a_request_from_someone_in_a_block_with_the_organiser_is_left_to_others(
    by_request, group_organiser
):
    asker = UserFactory()
    request_to_join(actor=asker, group=by_request)
    BlockFactory(blocker=asker, blocked=group_organiser)
    with pytest.raises(NoSuchRequest):
        approve_join_request(actor=group_organiser, group=by_request, member=asker)
    approve_join_request(actor=OrganiserFactory(), group=by_request, member=asker)


def test_a_deleted_group_is_not_found():
    group = GroupFactory()
    Group.objects.filter(pk=group.pk).delete()
    with pytest.raises(NotFound):
        join_group(actor=UserFactory(), group=group)
