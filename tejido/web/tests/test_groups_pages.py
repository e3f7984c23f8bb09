"""The group list, a group's page, joining, leaving, asking to join and deciding requests."""

from typing import cast

import pytest
from django.urls import reverse

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.core.testing import FRAME_QUERIES
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import Group, GroupMembership
from tejido.groups.selectors import GROUPS_PER_PAGE
from tejido.notifications.models import Notice

pytestmark = pytest.mark.django_db


def _named(name: str, **kwargs) -> User:
    user = cast(User, UserFactory(**kwargs))
    user.profile.chosen_name = name
    user.profile.save()
    return user


@pytest.fixture
def by_request():
    return GroupFactory(
        slug="circle", join_policy=Group.JoinPolicy.REQUEST, name_en="Circle", name_es="Círculo"
    )


@pytest.mark.parametrize("size", [2, 30])
def test_group_list_costs_the_same_at_any_size(login, django_assert_num_queries, size):
    me = UserFactory()
    for i in range(size):
        group = GroupFactory(kind=Group.Kind.LOCAL if i % 2 else Group.Kind.THEMED)
        GroupMembershipFactory.create_batch(2, group=group)
        if i % 3 == 0:
            GroupMembershipFactory(group=group, user=me)
    client = login(me)
    client.get(reverse("group_list"))  # settle allauth's session tracking
    # Own: how many groups; the page of them with my membership state; my blocks (the member
    # counts come from the cache).
    with django_assert_num_queries(FRAME_QUERIES + 3):
        response = client.get(reverse("group_list"))
    listed = len(response.context["local_groups"]) + len(response.context["themed_groups"])
    assert listed == min(size, GROUPS_PER_PAGE)


@pytest.mark.parametrize("size", [2, 30])
def test_group_page_costs_the_same_at_any_size(login, django_assert_num_queries, size):
    group = GroupFactory(join_policy=Group.JoinPolicy.REQUEST)
    organiser = UserFactory()
    GroupMembershipFactory(group=group, user=organiser, role=GroupMembership.Role.ORGANISER)
    GroupMembershipFactory.create_batch(size, group=group)
    GroupMembershipFactory.create_batch(size, group=group, state=GroupMembership.State.REQUESTED)
    client = login(organiser)
    client.get(reverse("group_detail", args=[group.slug]))
    # Own: the group; the viewer's blocks (for its count); the viewer's place in the group
    # (whether they run it, whether they are in it); the member count and page; the requests;
    # who shares a group with the viewer; the group's first two organisers.
    with django_assert_num_queries(FRAME_QUERIES + 8):
        response = client.get(reverse("group_detail", args=[group.slug]))
    page = response.context["page"]
    assert len(page.entries) == size + 1
    assert len(page.join_requests) == size


def test_group_list_shows_local_and_themed_groups_with_policy_and_count(login):
    me = UserFactory(language="en")
    local = GroupFactory(kind=Group.Kind.LOCAL, name_en="Vallecas")
    GroupMembershipFactory(group=local, user=me)
    GroupFactory(kind=Group.Kind.THEMED, name_en="Film club", join_policy=Group.JoinPolicy.REQUEST)
    page = login(me).get(reverse("group_list")).content.decode()
    assert page.index("Local groups") < page.index("Vallecas") < page.index("Themed groups")
    assert page.index("Themed groups") < page.index("Film club")
    assert "By request" in page
    assert "Open to every member" in page
    assert "1 member" in page
    assert "You are in this group" in page


def test_many_groups_come_a_page_at_a_time_local_ones_first(login):
    GroupFactory.create_batch(GROUPS_PER_PAGE, kind=Group.Kind.LOCAL)
    GroupFactory(kind=Group.Kind.THEMED, name_en="Zine makers")
    client = login(UserFactory(language="en"))
    first = client.get(reverse("group_list")).content.decode()
    assert "Local groups" in first
    assert "Themed groups" not in first  # they are on the next page, not missing
    assert "Page 1 of 2" in first
    assert 'href="?page=2"' in first
    second = client.get(reverse("group_list"), {"page": "2"}).content.decode()
    assert "Zine makers" in second
    assert "Local groups" not in second
    assert client.get(reverse("group_list"), {"page": "x"}).status_code == 200


def test_no_groups_yet_says_what_to_do(login):
    page = login(UserFactory(language="en")).get(reverse("group_list")).content.decode()
    assert "There are no groups yet." in page
    assert "tell an organiser" in page


def test_join_and_leave_an_open_group(login):
    me = UserFactory(language="en")
    group = GroupFactory(name_en="Potluck")
    client = login(me)
    page = client.get(reverse("group_detail", args=[group.slug])).content.decode()
    assert "Join this group" in page
    response = client.post(reverse("group_join", args=[group.slug]))
    assert response.status_code == 302
    assert response.url == reverse("group_detail", args=[group.slug])
    page = client.get(response.url).content.decode()
    assert "You joined Potluck." in page
    assert "Leave this group" in page
    # A second click is answered kindly and changes nothing.
    again = client.post(reverse("group_join", args=[group.slug]), follow=True)
    assert "You are already in this group." in again.content.decode()
    client.post(reverse("group_leave", args=[group.slug]))
    assert not GroupMembership.objects.filter(user=me).exists()
    assert "You left Potluck." in client.get(response.url).content.decode()


def test_ask_to_join_withdraw_and_be_let_in(login, by_request):
    me = _named("Asker", language="en")
    group_organiser = UserFactory(language="en")
    GroupMembershipFactory(
        group=by_request, user=group_organiser, role=GroupMembership.Role.ORGANISER
    )
    client = login(me)
    assert "Ask to join" in client.get(reverse("group_detail", args=["circle"])).content.decode()
    client.post(reverse("group_join", args=["circle"]))
    page = client.get(reverse("group_detail", args=["circle"])).content.decode()
    assert "You asked to join Circle." in page
    assert "Withdraw my request" in page
    client.post(reverse("group_leave", args=["circle"]))
    assert "You withdrew your request" in client.get(reverse("group_list")).content.decode()
    client.post(reverse("group_join", args=["circle"]))

    organiser_client = login(group_organiser)
    page = organiser_client.get(reverse("group_detail", args=["circle"])).content.decode()
    assert "Requests to join" in page
    assert "Asker" in page
    decide = reverse("group_request_decide", args=["circle", me.pk])
    response = organiser_client.post(decide, {"decision": "approve"})
    assert response.status_code == 302
    assert "Asker is now in the group." in organiser_client.get(response.url).content.decode()
    assert GroupMembership.objects.get(user=me).state == GroupMembership.State.ACTIVE
    notice = Notice.objects.get(user=me)
    assert notice.kind == "group_request_approved"
    assert notice.params == {"group": {"es": "Círculo", "en": "Circle"}}
    # Deciding again is answered, not a crash.
    again = organiser_client.post(decide, {"decision": "decline"}, follow=True)
    assert "There is no such request to join" in again.content.decode()
    assert GroupMembership.objects.get(user=me).state == GroupMembership.State.ACTIVE


def test_network_organiser_declines_from_the_group_page(login, by_request):
    asker = _named("Decline Me")
    GroupMembershipFactory(group=by_request, user=asker, state=GroupMembership.State.REQUESTED)
    client = login(OrganiserFactory(language="en"))
    decide = reverse("group_request_decide", args=["circle", asker.pk])
    page = client.post(decide, {"decision": "decline"}, follow=True).content.decode()
    assert "You declined the request from Decline Me." in page
    assert "Nobody is waiting to join." in page
    assert not GroupMembership.objects.filter(user=asker).exists()
    assert Notice.objects.get(user=asker).kind == "group_request_declined"


def test_others_cannot_decide_and_nothing_changes(login, by_request):
    asker = UserFactory()
    GroupMembershipFactory(group=by_request, user=asker, state=GroupMembership.State.REQUESTED)
    plain = UserFactory(language="en")
    GroupMembershipFactory(group=by_request, user=plain)
    client = login(plain)
    page = client.get(reverse("group_detail", args=["circle"])).content.decode()
    assert "Requests to join" not in page
    decide = reverse("group_request_decide", args=["circle", asker.pk])
    response = client.post(decide, {"decision": "approve"}, follow=True)
    assert "There is no such request to join" in response.content.decode()
    assert GroupMembership.objects.get(user=asker).state == GroupMembership.State.REQUESTED


def test_a_bad_decision_is_refused_with_a_message(login, by_request):
    asker = UserFactory()
    GroupMembershipFactory(group=by_request, user=asker, state=GroupMembership.State.REQUESTED)
    client = login(OrganiserFactory(language="en"))
    decide = reverse("group_request_decide", args=["circle", asker.pk])
    page = client.post(decide, {"decision": "maybe"}, follow=True).content.decode()
    assert "Choose whether to approve or decline" in page
    assert GroupMembership.objects.get(user=asker).state == GroupMembership.State.REQUESTED


def test_outsiders_see_organisers_only_and_members_see_everyone(login, by_request):
    organiser, member = _named("Group Lead"), _named("Quiet Member", language="en")
    GroupMembershipFactory(group=by_request, user=organiser, role=GroupMembership.Role.ORGANISER)
    GroupMembershipFactory(group=by_request, user=member)
    outsider_page = (
        login(UserFactory(language="en"))
        .get(reverse("group_detail", args=["circle"]))
        .content.decode()
    )
    assert "Group Lead" in outsider_page
    assert "Quiet Member" not in outsider_page
    assert "Members of the group see who else is in it." in outsider_page
    member_page = login(member).get(reverse("group_detail", args=["circle"])).content.decode()
    assert "Group Lead" in member_page
    assert "Quiet Member" in member_page
    assert "Group organiser" in member_page
    assert member.email not in member_page
    assert organiser.email not in member_page


def test_a_missing_group_is_404(login):
    client = login(UserFactory())
    assert client.get(reverse("group_detail", args=["nope"])).status_code == 404
    assert client.post(reverse("group_join", args=["nope"])).status_code == 404
    assert client.post(reverse("group_leave", args=["nope"])).status_code == 404


def test_group_pages_speak_spanish(login, by_request, translations):
    client = login(UserFactory(language="es"))
    assert "Grupos temáticos" in client.get(reverse("group_list")).content.decode()
    page = client.get(reverse("group_detail", args=["circle"])).content.decode()
    assert "Círculo" in page
    assert "Pedir unirme" in page
