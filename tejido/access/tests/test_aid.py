"""The aid board's policy asked directly (tejido/access/aid.py and aid_cards.py): who sees a
request, an offer and a match, who may do what, who is told, and what each card holds."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from tejido.access import aid
from tejido.access.aid_cards import (
    follow_up_cards,
    match_cards,
    message_cards,
    offer_cards,
    request_cards,
    windows_of,
)
from tejido.access.base import audience_of
from tejido.accounts.factories import (
    ApplicantFactory,
    BlockFactory,
    OrganiserFactory,
    UserFactory,
)
from tejido.aid.factories import (
    AidOfferFactory,
    AidRequestFactory,
    MatchFactory,
    MessageFactory,
    MoneyRequestFactory,
)
from tejido.aid.models import FollowUp, MatchState, ProposedBy, RequestState, Visibility
from tejido.core.clock import now

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "member": UserFactory(),
        "suspended": UserFactory(state="suspended"),
        "organiser": OrganiserFactory(),
    }


def _sees(viewer, request) -> bool:
    return aid.can_see_request(viewer, request)


def test_who_sees_a_request_by_its_visibility(people):
    for_all = AidRequestFactory()
    for_helpers = AidRequestFactory(visibility=Visibility.HELPERS)
    for_organisers = AidRequestFactory(visibility=Visibility.ORGANISERS)
    helper = UserFactory()
    AidOfferFactory(helper=helper)  # food, like the requests
    AidOfferFactory(helper=people["member"], category="tech")
    expired_offer = UserFactory()
    AidOfferFactory(helper=expired_offer, expires_at=now() + timedelta(seconds=1))
    assert _sees(people["member"], for_all)
    assert not _sees(people["member"], for_helpers)
    assert _sees(helper, for_helpers)
    assert not _sees(helper, for_organisers)
    assert _sees(people["organiser"], for_organisers)
    for request in (for_all, for_helpers, for_organisers):
        assert _sees(request.requester, request)
        for name in ("anonymous", "applicant", "suspended"):
            assert not _sees(people[name], request), name


def test_a_request_leaves_the_board_once_matched_but_its_helper_keeps_it(people):
    request = AidRequestFactory(state=RequestState.MATCHED, matched_at=now() + timedelta(minutes=1))
    match = MatchFactory(request=request, state=MatchState.ACCEPTED, answered_at=now())
    assert not _sees(people["member"], request)
    assert _sees(match.helper, request)
    expired = AidRequestFactory(expires_at=now() + timedelta(seconds=1))
    expired.expires_at = now() - timedelta(seconds=1)
    expired.opened_at = now() - timedelta(days=1)
    expired.save()
    assert not _sees(people["member"], expired)
    assert _sees(expired.requester, expired)


def test_blocks_and_standing_hide_requests_offers_and_matches(people):
    request = AidRequestFactory()
    offer = AidOfferFactory()
    match = MatchFactory(request=request, helper=offer.helper)
    BlockFactory(blocker=offer.helper, blocked=request.requester)
    assert not _sees(offer.helper, request)
    assert not aid.can_see_offer(request.requester, offer)
    assert not aid.visible_matches(request.requester).filter(pk=match.pk).exists()
    assert not aid.visible_matches(offer.helper).filter(pk=match.pk).exists()
    assert aid.visible_matches(people["organiser"]).filter(pk=match.pk).exists()
    BlockFactory(blocker=people["organiser"], blocked=request.requester)
    assert not _sees(people["organiser"], request)
    gone = AidRequestFactory(requester=UserFactory(state="suspended"))
    assert not _sees(people["organiser"], gone)


def test_who_sees_an_offer(people):
    listed = AidOfferFactory()
    for_organisers = AidOfferFactory(visibility=Visibility.ORGANISERS)
    closed = AidOfferFactory(state="closed", ended_at=now())
    assert aid.can_see_offer(people["member"], listed)
    assert not aid.can_see_offer(people["member"], for_organisers)
    assert not aid.can_see_offer(people["member"], closed)
    assert aid.can_see_offer(closed.helper, closed)
    assert aid.can_see_offer(people["organiser"], for_organisers)
    # The requester it is matched with sees it, though it is for organisers only.
    request = AidRequestFactory()
    MatchFactory(request=request, helper=for_organisers.helper, offer=for_organisers)
    assert aid.can_see_offer(request.requester, for_organisers)
    for name in ("anonymous", "applicant", "suspended"):
        assert not aid.visible_offers(people[name]).exists(), name


def test_ones_own_requests_and_offers_are_what_visible_gives_of_them(people):
    """`own_requests` and `own_offers` are the viewer's part of `visible_requests` and
    `visible_offers`, whatever their state or audience; nobody else's, and none for those who
    see nothing."""
    member = people["member"]
    requests = [
        AidRequestFactory(requester=member, visibility=Visibility.ORGANISERS),
        AidRequestFactory(requester=member, state="closed", ended_at=now()),
        AidRequestFactory(),
    ]
    offers = [
        AidOfferFactory(helper=member, visibility=Visibility.ORGANISERS),
        AidOfferFactory(helper=member, state="closed", ended_at=now()),
        AidOfferFactory(),
    ]
    for viewer in (member, requests[2].requester, people["organiser"]):
        assert set(aid.own_requests(viewer)) == set(
            aid.visible_requests(viewer).filter(requester=viewer.pk)
        )
        assert set(aid.own_offers(viewer)) == set(aid.visible_offers(viewer).filter(helper=viewer))
    assert set(aid.own_requests(member)) == set(requests[:2])
    assert set(aid.own_offers(member)) == set(offers[:2])
    for name in ("anonymous", "applicant", "suspended"):
        assert not aid.own_requests(people[name]).exists(), name
        assert not aid.own_offers(people[name]).exists(), name


def test_the_matches_one_helps_in_are_what_visible_gives_of_them(people):
    helper, organiser = people["member"], people["organiser"]
    seen = MatchFactory(helper=helper)
    blocked = MatchFactory(helper=helper)
    BlockFactory(blocker=blocked.request.requester, blocked=helper)
    gone = MatchFactory(helper=helper, request=AidRequestFactory(requester=UserFactory()))
    gone.request.requester.state = "suspended"
    gone.request.requester.save()
    MatchFactory(helper=organiser)
    MatchFactory()  # someone else's
    for viewer in (helper, organiser, seen.request.requester):
        assert set(aid.matches_helped_by(viewer)) == set(
            aid.visible_matches(viewer).filter(helper=viewer.pk)
        )
    assert set(aid.matches_helped_by(helper)) == {seen}
    for name in ("anonymous", "applicant", "suspended"):
        assert not aid.matches_helped_by(people[name]).exists(), name


def test_the_sides_of_a_match_and_its_thread(people):
    match = MatchFactory()
    requester = match.request.requester
    assert aid.side_of(requester, match) == aid.REQUESTER
    assert aid.side_of(match.helper, match) == aid.HELPER
    assert aid.side_of(people["organiser"], match) == aid.ORGANISER
    assert aid.side_of(people["member"], match) == ""
    assert aid.side_of(None, match) == ""
    assert aid.can_read_thread(requester, match)
    assert not aid.can_read_thread(people["organiser"], match)
    assert not aid.visible_matches(people["member"]).filter(pk=match.pk).exists()
    assert not aid.visible_matches(None).exists()
    dispatched = MatchFactory(
        proposed_by=ProposedBy.ORGANISER,
        dispatched_by=people["organiser"],
        state=MatchState.ACCEPTED,
        answered_at=now(),
    )
    assert aid.can_read_thread(OrganiserFactory(), dispatched)


def test_who_answers_withdraws_and_writes(people):
    offered = MatchFactory()
    requester = offered.request.requester
    assert aid.can_answer_match(requester, offered)
    assert not aid.can_answer_match(offered.helper, offered)
    asked = MatchFactory(proposed_by=ProposedBy.REQUESTER)
    assert aid.can_answer_match(asked.helper, asked)
    assert not aid.can_answer_match(asked.request.requester, asked)
    assert aid.can_withdraw_match(offered.helper, offered)
    assert aid.can_withdraw_match(people["organiser"], offered)
    assert not aid.can_withdraw_match(people["member"], offered)
    assert aid.can_post_message(offered.helper, offered)
    assert not aid.can_share_contact(offered.helper, offered)
    offered.request.state = RequestState.CLOSED
    assert not aid.can_answer_match(requester, offered)
    assert not aid.can_post_message(offered.helper, offered)
    agreed = MatchFactory(state=MatchState.ACCEPTED, answered_at=now())
    assert not aid.can_answer_match(agreed.request.requester, agreed)
    assert aid.can_share_contact(agreed.helper, agreed)
    assert not aid.can_share_contact(people["organiser"], agreed)
    assert not aid.contacts_shared(agreed)
    agreed.requester_contact, agreed.helper_contact = "a", "b"
    assert aid.contacts_shared(agreed)


def test_who_knows_an_anonymous_requester(people):
    request = AidRequestFactory(anonymous=True)
    assert aid.can_see_requester(request.requester, request, revealed=False)
    assert aid.can_see_requester(people["organiser"], request, revealed=False)
    assert not aid.can_see_requester(people["member"], request, revealed=False)
    assert aid.can_see_requester(people["member"], request, revealed=True)
    assert not aid.can_see_requester(None, request, revealed=True)
    assert aid.can_see_requester(people["member"], AidRequestFactory(), revealed=False)


def test_what_the_requester_and_organisers_may_do(people):
    request = AidRequestFactory()
    requester = request.requester
    assert aid.can_create_on_board(people["member"])
    assert not aid.can_create_on_board(people["applicant"])
    assert aid.can_edit_request(requester, request)
    assert not aid.can_edit_request(people["organiser"], request)
    assert aid.can_close_request(people["organiser"], request)
    assert not aid.can_close_request(people["member"], request)
    assert aid.can_offer_help(people["member"], request)
    assert not aid.can_offer_help(requester, request)
    assert aid.can_dispatch(people["organiser"], request)
    assert not aid.can_dispatch(people["member"], request)
    assert not aid.can_mark_started(requester, request, None)
    assert not aid.can_mark_fulfilled(requester, request)
    request.state, request.matched_at = RequestState.MATCHED, now()
    helper = UserFactory()
    assert aid.can_mark_started(helper, request, helper.pk)
    assert aid.can_mark_started(requester, request, None)
    assert aid.can_mark_started(people["organiser"], request, helper.pk)
    assert not aid.can_mark_started(people["member"], request, helper.pk)
    assert aid.can_mark_fulfilled(requester, request)
    assert not aid.can_mark_fulfilled(helper, request)
    assert not aid.can_edit_request(requester, request)
    assert not aid.can_offer_help(people["member"], request)
    request.state = RequestState.FULFILLED
    assert not aid.can_close_request(requester, request)


def test_asking_a_helper_needs_an_open_offer_of_its_kind(people):
    request = AidRequestFactory()
    assert aid.can_ask_helper(request.requester, request, AidOfferFactory())
    assert not aid.can_ask_helper(people["member"], request, AidOfferFactory())
    assert not aid.can_ask_helper(request.requester, request, AidOfferFactory(category="tech"))
    assert not aid.can_ask_helper(
        request.requester, request, AidOfferFactory(state="closed", ended_at=now())
    )
    assert not aid.can_ask_helper(
        request.requester, request, AidOfferFactory(helper=request.requester)
    )


def test_offers_funds_grants_and_follow_ups(people):
    offer = AidOfferFactory()
    assert aid.can_edit_offer(offer.helper, offer)
    assert not aid.can_edit_offer(people["organiser"], offer)
    assert aid.can_close_offer(people["organiser"], offer)
    assert not aid.can_close_offer(people["member"], offer)
    assert aid.can_manage_funds(people["organiser"])
    assert not aid.can_manage_funds(people["member"])
    money = MoneyRequestFactory()
    assert aid.can_grant(people["organiser"], money)
    assert not aid.can_grant(people["member"], money)
    assert not aid.can_grant(people["organiser"], AidRequestFactory())
    assert aid.can_see_grant(money.requester, money)
    assert aid.can_see_grant(people["organiser"], money)
    assert not aid.can_see_grant(people["member"], money)
    match = MatchFactory(request=money)
    follow_up = FollowUp.objects.create(match=match, user=match.helper, asked_at=now())
    assert aid.can_answer_follow_up(match.helper, follow_up)
    assert not aid.can_answer_follow_up(money.requester, follow_up)
    assert aid.can_read_feedback(people["organiser"], follow_up)
    assert not aid.can_read_feedback(money.requester, follow_up)


def test_who_is_told_about_a_request_an_offer_and_a_match(people):
    request = AidRequestFactory()
    helper, blocked_helper, gone = UserFactory(), UserFactory(), UserFactory(state="suspended")
    MatchFactory(request=request, helper=helper)
    MatchFactory(request=request, helper=blocked_helper)
    MatchFactory(request=request, helper=gone)
    BlockFactory(blocker=request.requester, blocked=blocked_helper)
    told = set(audience_of(request))
    assert told == {request.requester, helper, people["organiser"]}
    offer = AidOfferFactory()
    BlockFactory(blocker=people["organiser"], blocked=offer.helper)
    other_organiser = OrganiserFactory()
    assert set(audience_of(offer)) == {offer.helper, other_organiser}
    match = MatchFactory()
    assert set(audience_of(match)) == {match.request.requester, match.helper}
    BlockFactory(blocker=match.helper, blocked=match.request.requester)
    assert set(audience_of(match)) == set()
    dispatched = MatchFactory(
        proposed_by=ProposedBy.ORGANISER,
        dispatched_by=other_organiser,
        state=MatchState.ACCEPTED,
        answered_at=now(),
    )
    assert {dispatched.request.requester, dispatched.helper, other_organiser} <= set(
        audience_of(dispatched)
    )


def test_request_cards_hide_an_anonymous_requester_from_members(people):
    request = AidRequestFactory(anonymous=True, windows=[["2030-01-01T10:00:00+00:00", "bad"]])
    member_card = request_cards(people["member"], [request])[0]
    assert member_card.requester is None
    assert member_card.windows == ()
    assert not member_card.is_mine
    organiser_card = request_cards(people["organiser"], [request])[0]
    assert organiser_card.requester.id == request.requester_id
    own = request_cards(request.requester, [request])[0]
    assert own.is_mine
    assert own.requester.is_self
    revealed = request_cards(people["member"], [request], revealed=frozenset({request.pk}))[0]
    assert revealed.requester.id == request.requester_id
    assert request_cards(None, [request])[0].requester is None
    assert request_cards(people["member"], []) == []


def test_request_cards_say_where_the_viewer_offered(people):
    request = AidRequestFactory(languages=["es"], amount=None)
    MatchFactory(request=request, helper=people["member"])
    card = request_cards(people["member"], [request])[0]
    assert card.my_match == MatchState.PROPOSED
    with translation.override("en"):
        assert card.language_names == ["Spanish"]
    money = request_cards(people["organiser"], [MoneyRequestFactory()])[0]
    assert money.amount == Decimal("150.00")
    assert money.sensitive


def test_offer_and_match_cards(people):
    offer = AidOfferFactory()
    card = offer_cards(people["member"], [offer])[0]
    assert card.helper.id == offer.helper_id
    request = AidRequestFactory(anonymous=True)
    match = MatchFactory(
        request=request,
        helper=offer.helper,
        state=MatchState.ACCEPTED,
        answered_at=now(),
        helper_contact="600 000 000",
    )
    helper_view = match_cards(offer.helper, [match])[0]
    assert helper_view.requester is None
    assert helper_view.contacts == {}
    assert helper_view.my_contact == "600 000 000"
    match.requester_contact = "Signal"
    helper_view = match_cards(offer.helper, [match])[0]
    assert helper_view.requester.id == request.requester_id
    assert helper_view.contacts == {"requester": "Signal", "helper": "600 000 000"}
    organiser_view = match_cards(people["organiser"], [match])[0]
    assert organiser_view.contacts == {}
    assert organiser_view.my_contact == ""
    assert organiser_view.requester.id == request.requester_id


def test_message_cards_keep_an_anonymous_author_hidden(people):
    request = AidRequestFactory(anonymous=True)
    organiser = people["organiser"]
    match = MatchFactory(
        request=request,
        proposed_by=ProposedBy.ORGANISER,
        dispatched_by=organiser,
        state=MatchState.ACCEPTED,
        answered_at=now(),
    )
    MessageFactory(match=match, author=request.requester, body="Hola")
    MessageFactory(match=match, author=match.helper, body="Buenas")
    MessageFactory(match=match, author=organiser, body="Presento")
    MessageFactory(match=match, author=None, body="De alguien que se fue")
    seen = message_cards(match.helper, match, list(match.messages.order_by("pk")))
    assert [(m.by, m.author is None) for m in seen] == [
        (aid.REQUESTER, True),
        (aid.HELPER, False),
        (aid.ORGANISER, False),
        (aid.ORGANISER, True),
    ]
    assert seen[1].is_mine
    by_organiser = message_cards(organiser, match, match.messages.order_by("pk"))
    assert by_organiser[0].author.id == request.requester_id


def test_follow_up_cards_keep_feedback_for_its_writer_and_organisers(people):
    match = MatchFactory(state=MatchState.ACCEPTED, answered_at=now())
    theirs = FollowUp.objects.create(
        match=match,
        user=match.helper,
        asked_at=now(),
        answered_at=now(),
        happened=True,
        feedback="Bien",
    )
    ask = FollowUp.objects.select_related("match__request").get(pk=theirs.pk)
    assert follow_up_cards(match.helper, [ask])[0].feedback == "Bien"
    assert follow_up_cards(match.helper, [ask])[0].by == aid.HELPER
    assert follow_up_cards(match.request.requester, [ask])[0].feedback is None
    assert follow_up_cards(people["organiser"], [ask])[0].feedback == "Bien"


def test_windows_as_stored_become_moments():
    assert windows_of(None) == ()
    assert windows_of([[1, 2]]) == ()
    start, end = windows_of([["2030-01-01T10:00:00+00:00", "2030-01-01T12:00:00+00:00"]])[0]
    assert (end - start) == timedelta(hours=2)
