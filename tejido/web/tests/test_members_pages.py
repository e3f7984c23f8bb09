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
    page = client.get(reverse("member_list"), {"q": "anna"}).content.decode()
    assert "?q=anna&amp;page=2" in page
    assert "Page 1 of 2" in page
    # The shared pagination: a row of a button and the page number, not a bulleted list.
    nav = re.search(r'<nav class="pagination" aria-label="Pages of members">.*?</nav>', page, re.S)
    assert nav, "no shared pagination"
    assert "<li" not in nav.group(0)
    assert 'class="button secondary" href="?q=anna&amp;page=2" rel="next">Next page' in nav.group(0)
    second = client.get(reverse("member_list"), {"q": "anna", "page": "2"})
    assert len(second.context["cards"]) == 11
    assert client.get(reverse("member_list"), {"page": "x"}).status_code == 200


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
