"""Members through JSON: the viewer-shaped card, with hidden fields absent; the same 404 for
missing, hidden, blocked and suspended members; pages whose cost does not grow."""

import pytest

from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import Audience, Block, User
from tejido.api.tests.conftest import assert_error
from tejido.groups.factories import GroupFactory, GroupMembershipFactory

pytestmark = pytest.mark.django_db


def make_member(name: str, **profile: object) -> User:
    user = UserFactory(profile__chosen_name=name)
    for key, value in profile.items():
        setattr(user.profile, key, value)
    user.profile.save()
    return user


def test_card_has_only_what_the_viewer_may_see(api, member):
    subject = make_member(
        "Sam",
        pronouns="xe/xem",
        pronouns_audience=Audience.MEMBERS,
        bio="secret bio",
        bio_audience=Audience.SHARED_GROUP,
        identity_tags="very private",
        identity_tags_audience=Audience.ONLY_ME,
        skills="",
        skills_audience=Audience.MEMBERS,
    )
    response = api(member).get(f"/members/{subject.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "id": subject.pk,
        "chosen_name": "Sam",
        "is_self": False,
        "roles": [],
        "pronouns": "xe/xem",
    }
    assert "very private" not in response.content.decode()
    assert "secret bio" not in response.content.decode()


def test_shared_group_opens_shared_group_fields(api, member):
    subject = make_member("Sam", bio="group bio", bio_audience=Audience.SHARED_GROUP)
    group = GroupFactory()
    GroupMembershipFactory(group=group, user=member)
    GroupMembershipFactory(group=group, user=subject)
    assert api(member).get(f"/members/{subject.pk}").json()["bio"] == "group bio"


def test_organiser_sees_organiser_fields_and_roles(api):
    subject = make_member(
        "Sam", accessibility_needs="step-free", accessibility_needs_audience=Audience.ORGANISERS
    )
    User.objects.filter(pk=subject.pk).update(is_facilitator=True)
    body = api(OrganiserFactory()).get(f"/members/{subject.pk}").json()
    assert body["accessibility_needs"] == "step-free"
    assert body["roles"] == ["facilitator"]


def test_own_card_shows_everything_filled(api, member):
    member.profile.identity_tags = "mine"
    member.profile.save()
    body = api(member).get(f"/members/{member.pk}").json()
    assert body["is_self"] is True
    assert body["identity_tags"] == "mine"


@pytest.mark.parametrize("case", ["missing", "blocked", "blocked_me", "suspended", "applicant"])
def test_hidden_members_are_the_same_404(api, member, case):
    other = UserFactory()
    if case == "blocked":
        BlockFactory(blocker=member, blocked=other)
    elif case == "blocked_me":
        BlockFactory(blocker=other, blocked=member)
    elif case == "suspended":
        User.objects.filter(pk=other.pk).update(state=User.State.SUSPENDED)
    elif case == "applicant":
        User.objects.filter(pk=other.pk).update(state=User.State.APPLICANT)
    member_id = other.pk + 1000 if case == "missing" else other.pk
    client = api(member)
    body = assert_error(client.get(f"/members/{member_id}"), 404, "not_found")
    missing = assert_error(client.get("/members/987654"), 404, "not_found")
    assert body == missing
    listed = client.get("/members").json()
    assert other.pk not in [m["id"] for m in listed["items"]] or case == "missing"


def test_list_members_pages_and_search(api, member):
    for name in ["Ana", "Bea", "Carmen", "Dani"]:
        make_member(name)
    client = api(member)
    body = client.get("/members?limit=2&offset=1").json()
    assert body["count"] == 5
    assert body["limit"] == 2
    assert body["offset"] == 1
    # The viewer ("Alex …") comes first, by chosen name.
    assert [m["chosen_name"] for m in body["items"]] == ["Ana", "Bea"]
    # A search matches the start of each word, accents and case aside.
    found = client.get("/members?q=CÁR").json()
    assert [m["chosen_name"] for m in found["items"]] == ["Carmen"]
    assert found["count"] == 1
    assert client.get("/members?q=arm").json()["count"] == 0


def test_list_members_hides_fields_like_the_detail(api, member):
    subject = make_member("Sam", bio="secret", bio_audience=Audience.ONLY_ME)
    items = api(member).get("/members").json()["items"]
    card = next(m for m in items if m["id"] == subject.pk)
    assert "bio" not in card
    assert "secret" not in str(items)


def test_list_members_goes_on_from_the_last_member_got(api, member, django_assert_num_queries):
    """Paging with `after` gives what paging by `offset` gives, each page from its neighbour's
    place; `after` someone who has left the list (or was never in it) gives the page by
    `offset`."""
    for i in range(9):
        make_member(f"Name {i}")
    hidden = make_member("Name 4b")
    User.objects.filter(pk=hidden.pk).update(state=User.State.SUSPENDED)
    client = api(member)
    everyone = [m["id"] for m in client.get("/members?limit=100").json()["items"]]
    assert len(everyone) == 10
    assert hidden.pk not in everyone
    pages, after = [], None
    for offset in range(0, 12, 4):
        query = f"/members?limit=4&offset={offset}" + (f"&after={after}" if after else "")
        with django_assert_num_queries(4):
            body = client.get(query).json()
        assert (body["count"], body["offset"]) == (10, offset)
        pages.append([m["id"] for m in body["items"]])
        after = pages[-1][-1]
    assert pages == [everyone[:4], everyone[4:8], everyone[8:]]
    for gone in (hidden.pk, 2**62):
        body = client.get(f"/members?limit=4&offset=4&after={gone}").json()
        assert [m["id"] for m in body["items"]] == everyone[4:8]
    assert_error(client.get("/members?after=0"), 422, "invalid")


@pytest.mark.parametrize(
    "query",
    [
        "limit=0",
        "limit=101",
        "limit=x",
        "offset=-1",
        f"offset={2**40}",
        "q=" + "x" * 81,
        "q=%00",
        "limt=5",
    ],
)
def test_list_members_bad_input_is_422(api, member, query):
    body = assert_error(api(member).get(f"/members?{query}"), 422, "invalid")
    assert set(body["detail"]) <= {"limit", "offset", "q", "limt", "after"}
    assert body["detail"]


def test_list_members_query_count_does_not_grow(api, member, django_assert_num_queries):
    client = api(member)
    group = GroupFactory()
    GroupMembershipFactory(group=group, user=member)
    client.get("/members")  # the token's first use writes its last-used time
    make_member("One")
    # authenticate; the page of members; my blocks (taken off the cached count); who shares a
    # group with the viewer
    with django_assert_num_queries(4):
        assert len(client.get("/members").json()["items"]) == 2
    for i in range(15):
        GroupMembershipFactory(group=group, user=make_member(f"More {i}"))
        User.objects.filter(pk=make_member(f"Pro {i}").pk).update(is_organiser=True)
    with django_assert_num_queries(4):
        assert len(client.get("/members?limit=100").json()["items"]) == 32


def test_blocks(api, member):
    other = make_member("Sam")
    client = api(member)
    assert client.get("/blocks").json() == []
    assert client.post(f"/members/{other.pk}/block").status_code == 204
    assert client.post(f"/members/{other.pk}/block").status_code == 204  # twice is once
    assert Block.objects.filter(blocker=member, blocked=other).count() == 1
    blocks = client.get("/blocks").json()
    assert [(b["id"], b["chosen_name"]) for b in blocks] == [(other.pk, "Sam")]
    assert set(blocks[0]) == {"id", "chosen_name", "blocked_at"}
    # Blocked, they are gone from everything else.
    assert_error(client.get(f"/members/{other.pk}"), 404, "not_found")
    assert client.delete(f"/members/{other.pk}/block").status_code == 204
    assert client.get("/blocks").json() == []
    assert client.get(f"/members/{other.pk}").status_code == 200
    assert_error(client.delete(f"/members/{other.pk}/block"), 404, "not_found")


def test_blocked_person_sees_nothing_of_the_block(api, member):
    other = make_member("Sam")
    BlockFactory(blocker=other, blocked=member)
    client = api(member)
    assert client.get("/blocks").json() == []
    assert_error(client.post(f"/members/{other.pk}/block"), 404, "not_found")
    assert_error(client.delete(f"/members/{other.pk}/block"), 404, "not_found")


def test_cannot_block_myself(api, member):
    assert_error(api(member).post(f"/members/{member.pk}/block"), 400, "cannot_block_self")
    assert not Block.objects.exists()


def test_block_someone_hidden_is_404(api, member):
    suspended = UserFactory(state=User.State.SUSPENDED)
    assert_error(api(member).post(f"/members/{suspended.pk}/block"), 404, "not_found")
    assert not Block.objects.exists()


def test_blocks_query_count_does_not_grow(api, member, django_assert_num_queries):
    client = api(member)
    client.get("/blocks")
    BlockFactory(blocker=member)
    with django_assert_num_queries(2):
        assert len(client.get("/blocks").json()) == 1
    for _ in range(10):
        BlockFactory(blocker=member)
    with django_assert_num_queries(2):
        assert len(client.get("/blocks").json()) == 11
