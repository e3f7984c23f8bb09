"""The peer buddies policy, rule by rule, on the real database."""

import pytest

from tejido.access.base import audience_of
from tejido.access.buddies import (
    BUDDY,
    SEEKER,
    SuggestionCard,
    audience_of_pair,
    can_accept,
    can_end,
    can_propose,
    can_read_thread,
    can_take_role,
    pair_cards,
    side_of,
    thread_message_cards,
    visible_buddy_profiles,
    visible_pairs,
)
from tejido.accounts.factories import ApplicantFactory, BlockFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.buddies.factories import BuddyPairFactory, BuddyProfileFactory
from tejido.buddies.models import PairState, ThreadMessage

pytestmark = pytest.mark.django_db


def test_only_an_opted_in_vetted_member_reads_others_opt_ins():
    mine = BuddyProfileFactory()
    theirs = BuddyProfileFactory(seeking=False, offering=True)
    BuddyProfileFactory(seeking=False, offering=False)  # opted out
    suspended = BuddyProfileFactory(user__state=User.State.SUSPENDED)
    assert list(visible_buddy_profiles(mine.user)) == [theirs]
    assert not visible_buddy_profiles(None).exists()
    assert not visible_buddy_profiles(ApplicantFactory()).exists()
    assert not visible_buddy_profiles(UserFactory()).exists()  # has not opted in
    assert suspended not in visible_buddy_profiles(theirs.user)
    BlockFactory(blocker=theirs.user, blocked=mine.user)
    assert not visible_buddy_profiles(mine.user).exists()


def test_pairs_are_for_their_two_sides_only():
    pair = BuddyPairFactory()
    assert list(visible_pairs(pair.seeker)) == [pair]
    assert list(visible_pairs(pair.buddy)) == [pair]
    for outsider in (None, ApplicantFactory(), UserFactory(), OrganiserFactory()):
        assert not visible_pairs(outsider).exists()
        assert side_of(outsider, pair) == ""
        assert not can_read_thread(outsider, pair)
        assert not can_end(outsider, pair)
    assert side_of(pair.seeker, pair) == SEEKER
    assert side_of(pair.buddy, pair) == BUDDY
    pair.buddy.state = User.State.SUSPENDED
    pair.buddy.save()
    assert not visible_pairs(pair.seeker).exists()


def test_who_may_propose():
    mine, theirs = BuddyProfileFactory(), BuddyProfileFactory(seeking=False, offering=True)
    me = mine.user
    assert can_propose(me, mine, theirs, SEEKER)
    assert not can_propose(me, mine, theirs, BUDDY)  # I did not offer, they do not seek
    assert not can_propose(me, mine, theirs, "king")
    assert not can_propose(me, None, theirs, SEEKER)
    assert not can_propose(ApplicantFactory(), mine, theirs, SEEKER)
    assert not can_propose(theirs.user, mine, theirs, SEEKER)  # not their own opt-in
    both = BuddyProfileFactory(user=UserFactory(), seeking=True, offering=True)
    assert not can_propose(both.user, both, both, SEEKER)  # not oneself
    assert not can_take_role(None, SEEKER)
    assert can_take_role(both, BUDDY)


def test_answering_ending_and_reading():
    pair = BuddyPairFactory(state=PairState.PROPOSED)
    assert can_accept(pair.buddy, pair)
    assert not can_accept(pair.seeker, pair)  # the proposer
    assert not can_accept(UserFactory(), pair)
    assert can_end(pair.seeker, pair)
    assert can_end(pair.buddy, pair)
    assert not can_read_thread(pair.seeker, pair)
    pair.state = PairState.ACTIVE
    assert not can_accept(pair.buddy, pair)
    assert can_read_thread(pair.buddy, pair)
    pair.state = PairState.ENDED
    assert not can_end(pair.seeker, pair)
    assert not can_read_thread(pair.seeker, pair)


def test_the_audience_is_the_two_sides_unless_in_a_block():
    pair = BuddyPairFactory()
    OrganiserFactory()
    assert set(audience_of(pair)) == {pair.seeker, pair.buddy}
    pair.seeker.state = User.State.REMOVED
    pair.seeker.save()
    assert list(audience_of_pair(pair)) == [pair.buddy]
    BlockFactory(blocker=pair.buddy, blocked=pair.seeker)
    assert not audience_of_pair(pair).exists()


def test_cards_show_a_viewer_only_their_own_pairs():
    pair = BuddyPairFactory()
    names = {pair.seeker_id: "Ana", pair.buddy_id: "Bea"}
    (card,) = pair_cards(pair.seeker, [pair], names)
    assert (card.other_name, card.my_role, card.can_post, card.proposed_by_me) == (
        "Bea",
        SEEKER,
        True,
        True,
    )
    assert pair_cards(UserFactory(), [pair], names) == []
    message = ThreadMessage(pk=1, thread=pair.thread, author=pair.buddy, body="hola")
    message.created_at = pair.created_at
    orphan = ThreadMessage(pk=2, thread=pair.thread, author=None, body="…")
    orphan.created_at = pair.created_at
    shown = thread_message_cards(pair.seeker, [message, orphan], names)
    assert [(m.author_name, m.is_mine) for m in shown] == [("Bea", False), ("", False)]
    assert thread_message_cards(None, [message], names)[0].is_mine is False


def test_a_suggestion_says_its_reasons_in_one_line():
    card = SuggestionCard(id=1, chosen_name="Ana", their_role=BUDDY, reasons=["a", "b"])
    assert card.explained == "a, b"
