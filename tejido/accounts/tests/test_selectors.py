from typing import cast

import pytest
from django.contrib.auth.models import AnonymousUser

from tejido.access.base import Audience
from tejido.accounts.factories import ApplicantFactory, BlockFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.accounts.selectors import (
    MEMBERS_PER_PAGE,
    get_blocked_member,
    get_member,
    get_member_card,
    get_member_to_block,
    get_own_profile,
    get_profile_preview,
    list_member_page,
    list_members,
    list_my_blocks,
)
from tejido.core.errors import NotFound
from tejido.core.tests.search_corpus import NAMES, ORDER, QUERIES
from tejido.membership.member_services import reinstate_member, suspend_member

pytestmark = pytest.mark.django_db


def _named(name: str, **kwargs) -> User:
    user = cast(User, UserFactory(**kwargs))
    user.profile.chosen_name = name
    user.profile.save()
    return user


def test_members_are_listed_by_name_and_searchable():
    me = _named("zoe")
    _named("Álex")
    _named("bea")
    _named("Beatriz")
    names = [u.profile.chosen_name for u in list_members(viewer=me)]
    assert names == ["Álex", "bea", "Beatriz", "zoe"]
    found = [u.profile.chosen_name for u in list_members(viewer=me, query=" BEA ")]
    assert found == ["bea", "Beatriz"]


def test_the_members_list_sorts_and_searches_the_shared_corpus():
    """The real selector on the shared corpus: the same order and matches on SQLite and on
    PostgreSQL (CI runs this file on both)."""
    people = [_named(name) for name in NAMES]
    me = people[0]
    assert [u.profile.chosen_name for u in list_members(viewer=me)] == list(ORDER)
    found = {
        query: [u.profile.chosen_name for u in list_members(viewer=me, query=query)]
        for query in QUERIES
        if query.strip()
    }
    assert found == {query: names for query, names in QUERIES.items() if query.strip()}
    assert list_members(viewer=me, query="luc").count() == 2


def test_the_count_follows_standing_and_blocks_at_once():
    """The count for everyone is cached: changes of standing forget it; blocks apply live."""
    me, other, organiser = UserFactory(), UserFactory(), OrganiserFactory()
    assert list_members(viewer=me).count() == 3
    suspend_member(actor=organiser, member=other, reason="Spam")
    assert list_members(viewer=me).count() == 2
    reinstate_member(actor=organiser, member=other)
    assert list_members(viewer=me).count() == 3
    BlockFactory(blocker=other, blocked=me)
    assert list_members(viewer=me).count() == 2
    assert [u.pk for u in list_members(viewer=me)] == sorted(
        [me.pk, organiser.pk], key=lambda pk: User.objects.get(pk=pk).profile.chosen_name.lower()
    )


def test_member_page_gives_cards_and_never_fails_on_a_bad_page_number():
    me = UserFactory()
    UserFactory.create_batch(MEMBERS_PER_PAGE)
    page, cards = list_member_page(viewer=me, page="2")
    assert page.number == 2
    assert len(cards) == 1
    page, _cards = list_member_page(viewer=me, page="nonsense")
    assert page.number == 1
    page, _cards = list_member_page(viewer=me, page="99")
    assert page.number == 2


def test_hidden_and_missing_members_give_the_same_not_found():
    me = UserFactory()
    blocker = UserFactory()
    BlockFactory(blocker=blocker, blocked=me)
    hidden = [
        ApplicantFactory(),
        UserFactory(state=User.State.SUSPENDED),
        blocker,
    ]
    for user in hidden:
        with pytest.raises(NotFound):
            get_member(viewer=me, member_id=user.pk)
    with pytest.raises(NotFound):
        get_member_card(viewer=me, member_id=999999)
    with pytest.raises(NotFound):
        get_member(viewer=AnonymousUser(), member_id=me.pk)
    assert get_member_card(viewer=me, member_id=me.pk).is_self


def test_own_profile_and_preview():
    me = UserFactory()
    assert get_own_profile(viewer=me) == me.profile
    card = get_profile_preview(viewer=me, as_audience=Audience.MEMBERS)
    assert card.chosen_name == me.profile.chosen_name
    bare = User.objects.create_user("bare@example.org", state=User.State.MEMBER)
    assert get_own_profile(viewer=bare) is None
    with pytest.raises(NotFound):
        get_profile_preview(viewer=bare, as_audience=Audience.MEMBERS)


def test_my_blocks_list_only_mine_with_my_date():
    me, other, third = UserFactory(), UserFactory(), UserFactory()
    BlockFactory(blocker=me, blocked=other)
    BlockFactory(blocker=third, blocked=other)
    [entry] = list_my_blocks(viewer=me)
    assert entry.id == other.pk
    assert list_my_blocks(viewer=other) == []
    assert get_blocked_member(viewer=me, member_id=other.pk) == other
    with pytest.raises(NotFound):
        get_blocked_member(viewer=other, member_id=me.pk)


def test_member_to_block_is_someone_visible_or_already_blocked():
    me, other, blocker = UserFactory(), UserFactory(), UserFactory()
    assert get_member_to_block(viewer=me, member_id=other.pk) == other
    BlockFactory(blocker=me, blocked=other)
    assert get_member_to_block(viewer=me, member_id=other.pk) == other
    BlockFactory(blocker=blocker, blocked=me)
    with pytest.raises(NotFound):
        get_member_to_block(viewer=me, member_id=blocker.pk)
