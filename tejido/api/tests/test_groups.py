"""Groups through JSON: the list, one group with the members the viewer may see, joining and
leaving."""

import pytest

from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.api.tests.conftest import assert_error
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import Group, GroupMembership
from tejido.network.factories import AreaFactory

pytestmark = pytest.mark.django_db

ORGANISER = GroupMembership.Role.ORGANISER


def test_list_groups(api, member):
    area = AreaFactory(name="Usera")
    local = GroupFactory(kind=Group.Kind.LOCAL, area=area, name_es="Usera", name_en="Usera")
    themed = GroupFactory(name_es="Cine", name_en="Film")
    GroupMembershipFactory(group=themed, user=member)
    GroupMembershipFactory(group=themed)
    page = api(member).get("/groups").json()
    assert (page["count"], page["limit"], page["offset"]) == (2, 20, 0)
    body = page["items"]
    assert [g["slug"] for g in body] == [local.slug, themed.slug]
    assert body[0]["area"] == "Usera"
    assert body[0]["my_state"] is None
    assert body[1] == {
        "slug": themed.slug,
        "name": "Cine",
        "description": "Un grupo.",
        "kind": "themed",
        "join_policy": "open",
        "area": None,
        "listed": True,
        "archived": False,
        "member_count": 2,
        "my_state": "active",
    }


def test_group_names_follow_the_members_language(api, member):
    GroupFactory(name_es="Cine", name_en="Film")
    User.objects.filter(pk=member.pk).update(language="en")
    assert api(member).get("/groups").json()["items"][0]["name"] == "Film"


def test_list_groups_query_count_does_not_grow(api, member, django_assert_num_queries):
    client = api(member)
    client.get("/groups")
    GroupFactory()
    # authenticate; the page of groups with my state; my blocks (the member counts come from
    # the cache); how many groups
    with django_assert_num_queries(4):
        assert len(client.get("/groups").json()["items"]) == 1
    for _ in range(10):
        group = GroupFactory(kind=Group.Kind.LOCAL, area=AreaFactory())
        GroupMembershipFactory(group=group)
        GroupMembershipFactory(group=group, user=member)
    with django_assert_num_queries(4):
        assert len(client.get("/groups?limit=100").json()["items"]) == 11


def test_groups_come_a_page_at_a_time(api, member):
    GroupFactory.create_batch(5)
    client = api(member)
    everyone = [g["slug"] for g in client.get("/groups?limit=100").json()["items"]]
    page = client.get("/groups?limit=2&offset=2").json()
    assert [g["slug"] for g in page["items"]] == everyone[2:4]
    assert page["count"] == 5
    assert client.get("/groups?offset=10").json()["items"] == []
    assert_error(client.get("/groups?limit=0"), 422, "invalid")


def test_member_of_a_group_sees_all_its_members(api, member):
    group = GroupFactory()
    GroupMembershipFactory(group=group, user=member)
    organiser = GroupMembershipFactory(group=group, role=ORGANISER).user
    other = GroupMembershipFactory(group=group).user
    GroupMembershipFactory(group=group, state=GroupMembership.State.REQUESTED)
    body = api(member).get(f"/groups/{group.slug}").json()
    assert body["sees_all_members"] is True
    assert "join_requests" not in body
    items = body["members"]["items"]
    assert items[0]["id"] == organiser.pk
    assert items[0]["is_group_organiser"] is True
    assert {m["id"] for m in items} == {member.pk, organiser.pk, other.pk}
    assert body["members"]["count"] == 3
    assert body["members"]["page"] == 1
    assert body["members"]["num_pages"] == 1


def test_outsider_sees_only_the_groups_organisers(api, member):
    group = GroupFactory()
    organiser = GroupMembershipFactory(group=group, role=ORGANISER).user
    GroupMembershipFactory(group=group)
    body = api(member).get(f"/groups/{group.slug}").json()
    assert body["sees_all_members"] is False
    assert [m["id"] for m in body["members"]["items"]] == [organiser.pk]


def test_blocked_member_is_absent_from_the_group(api, member):
    group = GroupFactory()
    GroupMembershipFactory(group=group, user=member)
    blocked = GroupMembershipFactory(group=group).user
    BlockFactory(blocker=blocked, blocked=member)
    items = api(member).get(f"/groups/{group.slug}").json()["members"]["items"]
    assert blocked.pk not in [m["id"] for m in items]


def test_those_who_run_a_group_see_requests(api):
    group = GroupFactory(join_policy=Group.JoinPolicy.REQUEST)
    asking = GroupMembershipFactory(group=group, state=GroupMembership.State.REQUESTED).user
    group_organiser = GroupMembershipFactory(group=group, role=ORGANISER).user
    for viewer in (group_organiser, OrganiserFactory()):
        body = api(viewer).get(f"/groups/{group.slug}").json()
        assert [m["id"] for m in body["join_requests"]] == [asking.pk]


def test_group_detail_query_count_does_not_grow(api, member, django_assert_num_queries):
    group = GroupFactory()
    GroupMembershipFactory(group=group, user=member)
    GroupMembershipFactory(group=group)  # someone besides the viewer, whose own card asks none
    client = api(member)
    client.get(f"/groups/{group.slug}")
    # authenticate; the group; my blocks (for its count); my place in the group (do I run it,
    # am I in it); the page of members and its count; who shares a group with the viewer
    with django_assert_num_queries(7) as few:
        client.get(f"/groups/{group.slug}")
    for _ in range(12):
        GroupMembershipFactory(group=group)
        GroupMembershipFactory(group=group, role=ORGANISER)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(client.get(f"/groups/{group.slug}").json()["members"]["items"]) == 26


def test_missing_group_is_404(api, member):
    client = api(member)
    assert_error(client.get("/groups/nope"), 404, "not_found")
    assert_error(client.post("/groups/nope/join"), 404, "not_found")
    assert_error(client.post("/groups/nope/leave"), 404, "not_found")


@pytest.mark.parametrize("path", ["/groups/%00", "/groups/" + "x" * 51, "/groups/a?page=0"])
def test_bad_group_input_is_422(api, member, path):
    assert_error(api(member).get(path), 422, "invalid")


def test_join_open_group_and_leave(api, member):
    group = GroupFactory()
    client = api(member)
    response = client.post(f"/groups/{group.slug}/join")
    assert response.status_code == 200
    assert response.json() == {"slug": group.slug, "state": "active"}
    assert GroupMembership.objects.filter(group=group, user=member, state="active").exists()
    assert_error(client.post(f"/groups/{group.slug}/join"), 409, "already_in_group")
    assert client.post(f"/groups/{group.slug}/leave").status_code == 204
    assert not GroupMembership.objects.filter(group=group, user=member).exists()
    assert client.post(f"/groups/{group.slug}/leave").status_code == 204  # nothing to leave


def test_join_by_request(api, member):
    group = GroupFactory(join_policy=Group.JoinPolicy.REQUEST)
    client = api(member)
    assert client.post(f"/groups/{group.slug}/join").json()["state"] == "requested"
    assert_error(client.post(f"/groups/{group.slug}/join"), 409, "request_pending")
    assert client.get("/groups").json()["items"][0]["my_state"] == "requested"


def test_wrong_method_is_json_405(api, member):
    group = GroupFactory()
    response = api(member).get(f"/groups/{group.slug}/join")
    body = assert_error(response, 405, "method_not_allowed")
    assert body["detail"] == {}
    assert response["Allow"] == "POST"


def test_suspended_members_token_cannot_join(api):
    someone = UserFactory()
    client = api(someone)
    User.objects.filter(pk=someone.pk).update(state=User.State.SUSPENDED)
    group = GroupFactory()
    assert_error(client.post(f"/groups/{group.slug}/join"), 401, "unauthenticated")
    assert not GroupMembership.objects.exists()


# Running groups ----------------------------------------------------------------------------


def test_a_network_organiser_creates_a_group(api, organiser):
    area = AreaFactory()
    answer = api(organiser).post(
        "/groups",
        {
            "name_es": "Círculo",
            "name_en": "Circle",
            "kind": "local",
            "join_policy": "invitation",
            "listed": False,
            "area": area.pk,
        },
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["slug"], body["join_policy"], body["listed"], body["archived"]) == (
        "circulo",
        "invitation",
        False,
        False,
    )
    assert body["area"] == area.name
    membership = GroupMembership.objects.get(group__slug="circulo")
    assert (membership.user, membership.role) == (organiser, ORGANISER)


def test_creating_a_group_is_for_network_organisers_and_checks_its_fields(api, member, organiser):
    # Forbidden answers as missing does, as everywhere in the API.
    assert_error(api(member).post("/groups", {"name_es": "Mío"}), 404, "not_found")
    body = assert_error(api(organiser).post("/groups", {"name_es": "Mal\u200b"}), 400, "invalid")
    assert "name_es" in body["detail"]
    assert_error(api(organiser).post("/groups", {"name_es": "Bien", "area": 999}), 400, "invalid")
    assert_error(api(organiser).post("/groups", {"name_es": "Bien", "slug": "x"}), 422, "invalid")
    assert not Group.objects.exists()


def test_group_organisers_change_their_group(api, member):
    group = GroupFactory(slug="cine", name_es="Cine")
    GroupMembershipFactory(group=group, user=member, role=ORGANISER)
    body = api(member).patch("/groups/cine", {"name_en": "Film", "listed": False}).json()
    assert (body["slug"], body["name"], body["listed"]) == ("cine", "Cine", False)
    group.refresh_from_db()
    assert group.name_en == "Film"
    plain = UserFactory()
    GroupMembershipFactory(group=group, user=plain)
    assert_error(api(plain).patch("/groups/cine", {"name_es": "Mío"}), 404, "not_found")
    group.refresh_from_db()
    assert group.name_es == "Cine"


def test_a_hidden_group_is_404_to_a_non_member_as_a_missing_one(api, member):
    GroupFactory(slug="secret", listed=False)
    client = api(member)
    for path in ("/groups/secret", "/groups/nope"):
        assert_error(client.get(path), 404, "not_found")
    assert client.get("/groups/secret").content == client.get("/groups/nope").content
    assert (
        client.patch("/groups/secret", {"name_es": "x"}).content
        == client.patch("/groups/nope", {"name_es": "x"}).content
    )
    assert client.post("/groups/secret/join").content == client.post("/groups/nope/join").content
    assert [g["slug"] for g in client.get("/groups").json()["items"]] == []


def test_archiving_and_unarchiving(api, organiser, member):
    group = GroupFactory(slug="cine")
    assert api(organiser).post("/groups/cine/archive").json()["archived"] is True
    assert_error(api(member).post("/groups/cine/join"), 404, "not_found")
    assert api(organiser).post("/groups/cine/unarchive").json()["archived"] is False
    GroupMembershipFactory(group=group, user=member, role=ORGANISER)
    assert_error(api(member).post("/groups/cine/archive"), 404, "not_found")


def test_naming_and_removing_group_organisers(api, member):
    group = GroupFactory(slug="cine")
    GroupMembershipFactory(group=group, user=member, role=ORGANISER)
    other = UserFactory(language="en")
    GroupMembershipFactory(group=group, user=other)
    client = api(member)
    assert client.request("put", f"/groups/cine/organisers/{other.pk}").status_code == 204
    assert GroupMembership.objects.get(user=other).role == ORGANISER
    assert client.delete(f"/groups/cine/organisers/{member.pk}").status_code == 204
    body = assert_error(
        api(other).delete(f"/groups/cine/organisers/{other.pk}"), 409, "last_group_organiser"
    )
    assert "Name another member group organiser first" in body["message"]
    assert_error(api(other).post("/groups/cine/leave"), 409, "last_group_organiser")
    assert_error(
        api(other).request("put", f"/groups/cine/organisers/{UserFactory().pk}"),
        404,
        "not_found",
    )


def test_invitations_through_the_api(api, member):
    group = GroupFactory(slug="circle", join_policy=Group.JoinPolicy.INVITATION, listed=False)
    GroupMembershipFactory(group=group, user=member, role=ORGANISER)
    guest, other = UserFactory(), UserFactory()
    answer = api(member).post(f"/groups/circle/invitations/{guest.pk}")
    assert answer.status_code == 201
    assert answer.json() == {"slug": "circle", "state": "invited"}
    assert_error(api(member).post(f"/groups/circle/invitations/{guest.pk}"), 409, "already_asked")
    assert api(guest).get("/groups/circle").json()["my_state"] == "invited"
    assert_error(api(guest).post("/groups/circle/join"), 409, "already_in_group")
    assert api(guest).post("/groups/circle/invitation/accept").json()["state"] == "active"
    api(member).post(f"/groups/circle/invitations/{other.pk}")
    assert api(other).post("/groups/circle/invitation/decline").status_code == 204
    assert_error(api(other).get("/groups/circle"), 404, "not_found")
    assert_error(api(other).post("/groups/circle/invitation/accept"), 404, "not_found")
