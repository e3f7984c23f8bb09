"""The member list and a member's page."""

import re
from typing import cast

import pytest
from django.urls import reverse

from tejido.accounts.factories import ApplicantFactory, BlockFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import Audience, User
from tejido.accounts.selectors import MEMBERS_PER_PAGE
from tejido.core.testing import FRAME_QUERIES
from tejido.groups.factories import GroupFactory, GroupMembershipFactory

pytestmark = pytest.mark.django_db


def _named(name: str, **kwargs) -> User:
    user = cast(User, UserFactory(**kwargs))
    user.profile.chosen_name = name
    user.profile.save()
    return user


# The frame's queries plus the page's own: the page of members in name order with profile,
# area and verification; my blocks (taken off the cached count; a search counts instead); who
# shares a group with me.
MEMBER_LIST_QUERIES = FRAME_QUERIES + 3


@pytest.mark.parametrize("others", [3, 120])
def test_member_list_costs_the_same_at_any_size(login, django_assert_num_queries, others):
    me = UserFactory()
    group = GroupFactory()
    GroupMembershipFactory(group=group, user=me)
    for i, user in enumerate(UserFactory.create_batch(others, is_facilitator=True)):
        if i % 2:
            GroupMembershipFactory(group=group, user=user)
    OrganiserFactory()
    client = login(me)
    client.get(reverse("member_list"))  # settle allauth's session tracking
    with django_assert_num_queries(MEMBER_LIST_QUERIES):
        response = client.get(reverse("member_list"))
    assert response.status_code == 200
    assert len(response.context["cards"]) == min(others + 2, MEMBERS_PER_PAGE)
    with django_assert_num_queries(MEMBER_LIST_QUERIES):
        client.get(reverse("member_list"), {"q": "Alex", "page": "2"})


def test_member_list_shows_names_pronouns_as_allowed_and_roles(login):
    me = UserFactory(language="en")
    shown = _named("Visible Pronouns", is_facilitator=True)
    shown.profile.pronouns = "ella / she/her"
    shown.profile.save()
    hidden = _named("Hidden Pronouns")
    hidden.profile.pronouns, hidden.profile.pronouns_audience = "xe/xem", Audience.ONLY_ME
    hidden.profile.save()
    page = login(me).get(reverse("member_list")).content.decode()
    assert "Visible Pronouns" in page
    assert "ella / she/her" in page
    assert "Facilitator" in page
    assert "Hidden Pronouns" in page
    assert "xe/xem" not in page
    assert "(you)" in page
    assert shown.email not in page
    assert me.email not in page


def test_member_list_leaves_out_whom_the_viewer_may_not_see(login):
    me = UserFactory()
    blocked = _named("Blocked Person")
    blocker = _named("Blocker Person")
    BlockFactory(blocker=me, blocked=blocked)
    BlockFactory(blocker=blocker, blocked=me)
    applicant = ApplicantFactory()
    applicant.profile.chosen_name = "Applicant Person"
    applicant.profile.save()
    _named("Suspended Person", state=User.State.SUSPENDED)
    page = login(me).get(reverse("member_list")).content.decode()
    for name in ("Blocked", "Blocker", "Applicant", "Suspended"):
        assert f"{name} Person" not in page


def test_member_search_by_chosen_name(login):
    me = UserFactory(language="en")
    _named("Marisol")
    _named("Dani")
    client = login(me)
    page = client.get(reverse("member_list"), {"q": "mari"}).content.decode()
    assert "Marisol" in page
    assert "Dani" not in page
    assert "1 member matches “mari”." in page
    empty = client.get(reverse("member_list"), {"q": "zzz"}).content.decode()
    assert "Check the spelling" in empty
    assert 'value="zzz"' in empty
    _named("Álex Peña")
    page = client.get(reverse("member_list"), {"q": "alex pena"}).content.decode()
    assert "Álex Peña" in page
    assert "1 member matches “alex pena”." in page


def test_member_list_pages_keep_the_search(login):
    me = _named("Anna 0", language="en")
    for i in range(MEMBERS_PER_PAGE + 10):
        _named(f"Anna {i + 1}")
    client = login(me)
    first = client.get(reverse("member_list"), {"q": "anna"})
    page = first.content.decode()
    last = first.context["cards"][-1].id
    assert f"?q=anna&amp;page=2&amp;after={last}" in page
    assert "Page 1 of 2" in page
    # The shared pagination: a row of a button and the page number, not a bulleted list.
    nav = re.search(r'<nav class="pagination" aria-label="Pages of members">.*?</nav>', page, re.S)
    assert nav, "no shared pagination"
    assert "<li" not in nav.group(0)
    assert (
        f'class="button secondary" href="?q=anna&amp;page=2&amp;after={last}" rel="next">Next page'
        in nav.group(0)
    )
    second = client.get(reverse("member_list"), {"q": "anna", "page": "2", "after": last})
    assert len(second.context["cards"]) == 11
    assert 'href="?q=anna&amp;page=1" rel="prev"' in second.content.decode()
    by_number = client.get(reverse("member_list"), {"q": "anna", "page": "2"})
    assert by_number.context["cards"] == second.context["cards"]
    assert client.get(reverse("member_list"), {"page": "x"}).status_code == 200


def _pages(client, address: str, direction: str) -> list[list[int]]:
    """The ids on every page, following the pagination's `direction` link ("next", "prev")."""
    seen = []
    while address:
        response = client.get(address)
        seen.append([card.id for card in response.context["cards"]])
        link = re.search(rf'href="([^"]*)" rel="{direction}"', response.content.decode())
        address = reverse("member_list") + link.group(1).replace("&amp;", "&") if link else ""
    return seen


def test_member_list_links_go_on_from_a_member_and_back(login):
    """Three pages by their links, there and back: every member once, in order, each link
    naming the member it goes on from, each page found from that member's place."""
    me = _named("Anna 00", language="en")
    for i in range(2 * MEMBERS_PER_PAGE + 5):
        _named(f"Anna {i + 1:02d}")
    client = login(me)
    forward = _pages(client, reverse("member_list"), "next")
    everyone = [u.pk for u in User.objects.order_by("profile__sort_name", "pk")]
    assert [len(ids) for ids in forward] == [MEMBERS_PER_PAGE, MEMBERS_PER_PAGE, 6]
    assert [pk for ids in forward for pk in ids] == everyone
    last = client.get(reverse("member_list"), {"page": "3", "after": forward[1][-1]})
    assert "Page 3 of 3" in last.content.decode()
    back = _pages(client, f"{reverse('member_list')}?page=3&after={forward[1][-1]}", "prev")
    assert back == forward[::-1]
    third = last.content.decode()
    assert f'href="?page=2&amp;before={forward[2][0]}" rel="prev"' in third


def test_a_link_from_someone_hidden_or_gone_gives_the_page_by_number(login):
    """A member the viewer may not see gives no place to start from (their name's place in the
    list would tell something about them): the page comes by its number, as does nonsense."""
    me = _named("Bea", language="en")
    for i in range(MEMBERS_PER_PAGE + 3):
        _named(f"Carmen {i:02d}")
    hidden = _named("Carmen 05b")
    BlockFactory(blocker=hidden, blocked=me)
    client = login(me)
    by_number = [c.id for c in client.get(reverse("member_list"), {"page": "2"}).context["cards"]]
    for after in (hidden.pk, 999999, "x", "-3", "²", "1" * 40):
        response = client.get(reverse("member_list"), {"page": "2", "after": after})
        assert [c.id for c in response.context["cards"]] == by_number
        response = client.get(reverse("member_list"), {"page": "2", "before": after})
        assert [c.id for c in response.context["cards"]] == by_number


def test_a_page_from_its_link_costs_what_the_first_costs(login, django_assert_num_queries):
    """However deep, a page found from its neighbour runs the first page's queries, and none
    counts its way there (no OFFSET)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    me = UserFactory()
    UserFactory.create_batch(3 * MEMBERS_PER_PAGE)
    client = login(me)
    client.get(reverse("member_list"))  # settle allauth's session tracking
    forward = _pages(client, reverse("member_list"), "next")
    with django_assert_num_queries(MEMBER_LIST_QUERIES):
        client.get(reverse("member_list"), {"page": "4", "after": forward[2][-1]})
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("member_list"), {"page": "4", "after": forward[2][-1]})
        client.get(reverse("member_list"), {"page": "3", "before": forward[3][0]})
    assert not [q["sql"] for q in captured.captured_queries if "OFFSET" in q["sql"].upper()]


def test_alone_in_the_network_the_list_says_what_to_do(login):
    me = UserFactory(language="en")
    # Only the viewer is there: they see themself, and the empty state appears on a search.
    page = login(me).get(reverse("member_list"), {"q": "nobody"}).content.decode()
    assert 'class="empty"' in page


def test_member_page_shows_only_allowed_fields_and_a_block_form(login):
    me = UserFactory(language="en")
    other = _named("Olmo")
    other.profile.bio, other.profile.bio_audience = "PUBLIC-BIO", Audience.MEMBERS
    other.profile.dietary_needs = "ORGANISERS-DIET"
    other.profile.save()
    page = login(me).get(reverse("member_detail", args=[other.pk])).content.decode()
    assert "Olmo" in page
    assert "PUBLIC-BIO" in page
    assert "ORGANISERS-DIET" not in page
    assert other.email not in page
    assert reverse("member_block", args=[other.pk]) in page
    assert "is not told" in page
    organiser_page = login(OrganiserFactory()).get(reverse("member_detail", args=[other.pk]))
    assert "ORGANISERS-DIET" in organiser_page.content.decode()


def test_own_member_page_offers_edit_not_block(login):
    me = UserFactory(language="en")
    page = login(me).get(reverse("member_detail", args=[me.pk])).content.decode()
    assert reverse("profile_edit") in page
    assert reverse("member_block", args=[me.pk]) not in page
    assert me.email not in page


def test_hidden_members_and_missing_ones_give_the_same_404(login):
    me = UserFactory()
    blocker = UserFactory()
    BlockFactory(blocker=blocker, blocked=me)
    client = login(me)
    hidden = [blocker, ApplicantFactory(), UserFactory(state=User.State.SUSPENDED)]
    for user in hidden:
        assert client.get(reverse("member_detail", args=[user.pk])).status_code == 404
    assert client.get(reverse("member_detail", args=[999999])).status_code == 404


def test_member_pages_speak_spanish(login, translations):
    me = UserFactory(language="es")
    other = _named("Olmo")
    client = login(me)
    assert "Buscar por nombre elegido" in client.get(reverse("member_list")).content.decode()
    page = client.get(reverse("member_detail", args=[other.pk])).content.decode()
    assert "Bloquear a Olmo" in page
