"""Blocking from a member's page, the list of people I blocked, and unblocking."""

from typing import cast

import pytest
from django.urls import reverse

from tejido.accounts.factories import BlockFactory, UserFactory
from tejido.accounts.models import Block, User
from tejido.core.testing import FRAME_QUERIES
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.notifications.models import Notice

pytestmark = pytest.mark.django_db


def _named(name: str, **kwargs) -> User:
    user = cast(User, UserFactory(**kwargs))
    user.profile.chosen_name = name
    user.profile.save()
    return user


def test_block_then_unblock_through_the_pages(login):
    me, other = _named("Me", language="en"), _named("Pat")
    client = login(me)
    response = client.post(reverse("member_block", args=[other.pk]))
    assert response.status_code == 302
    assert response.url == reverse("block_list")
    page = client.get(response.url).content.decode()
    assert "You blocked Pat." in page
    assert "Pat" in page
    assert reverse("member_unblock", args=[other.pk]) in page
    assert client.get(reverse("member_detail", args=[other.pk])).status_code == 404
    # Blocking twice (a second click) is harmless.
    assert client.post(reverse("member_block", args=[other.pk])).status_code == 302
    assert Block.objects.count() == 1

    response = client.post(reverse("member_unblock", args=[other.pk]))
    assert response.status_code == 302
    assert "Your block on Pat is lifted." in client.get(response.url).content.decode()
    assert not Block.objects.exists()
    assert client.get(reverse("member_detail", args=[other.pk])).status_code == 200
    # Unblocking twice is harmless too.
    assert client.post(reverse("member_unblock", args=[other.pk])).status_code == 302


def test_the_blocked_person_is_told_nothing_and_sees_no_trace(login):
    me, other = _named("Quinn"), _named("Robin", language="en")
    group = GroupFactory()
    GroupMembershipFactory(group=group, user=me)
    GroupMembershipFactory(group=group, user=other)
    login(me).post(reverse("member_block", args=[other.pk]))
    assert not Notice.objects.filter(user=other).exists()
    client = login(other)
    for url in (
        reverse("member_list"),
        reverse("group_detail", args=[group.slug]),
        reverse("block_list"),
        reverse("home"),
    ):
        page = client.get(url).content.decode()
        assert "Quinn" not in page, url
    assert client.get(reverse("member_detail", args=[me.pk])).status_code == 404
    # Nor can the blocked person block back through the page: it is the same 404 as nobody.
    assert client.post(reverse("member_block", args=[me.pk])).status_code == 404


def test_blocking_oneself_is_refused_with_a_message(login):
    me = UserFactory(language="en")
    client = login(me)
    response = client.post(reverse("member_block", args=[me.pk]), follow=True)
    assert "You cannot block yourself." in response.content.decode()
    assert not Block.objects.exists()


def test_blocking_someone_missing_is_404(login):
    assert login(UserFactory()).post(reverse("member_block", args=[999999])).status_code == 404


def test_block_forms_need_post(login):
    me, other = UserFactory(), UserFactory()
    client = login(me)
    assert client.get(reverse("member_block", args=[other.pk])).status_code == 405
    assert client.get(reverse("member_unblock", args=[other.pk])).status_code == 405


def test_empty_block_list_says_what_to_do(login):
    page = login(UserFactory(language="en")).get(reverse("block_list")).content.decode()
    assert "You have not blocked anyone." in page


# The frame's queries and the blocked people with their names.
BLOCK_LIST_QUERIES = FRAME_QUERIES + 1


@pytest.mark.parametrize("blocked", [2, 40])
def test_block_list_costs_the_same_at_any_size(login, django_assert_num_queries, blocked):
    me = UserFactory()
    for other in UserFactory.create_batch(blocked):
        BlockFactory(blocker=me, blocked=other)
    client = login(me)
    client.get(reverse("block_list"))  # settle allauth's session tracking
    with django_assert_num_queries(BLOCK_LIST_QUERIES):
        response = client.get(reverse("block_list"))
    assert len(response.context["blocks"]) == blocked
