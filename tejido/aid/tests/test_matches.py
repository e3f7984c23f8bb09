"""Matches through the services on the real database: offering, asking, answering, dispatch,
stepping back, the thread (sealed), contact details shared only when both agree, the
follow-up and its answers (queued for its day when a match is agreed or dispatched, and sent
by the database worker then), and blocks that keep two people from ever being matched."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.aid.errors import (
    AlreadyOffered,
    CannotHelpOneself,
    CannotMatch,
    FollowUpAnswered,
    MatchOver,
    NoSuchMatch,
    NotAgreedYet,
    OfferNotOpen,
    RequestNotOpen,
)
from tejido.aid.factories import AidOfferFactory, AidRequestFactory
from tejido.aid.match_services import (
    answer_follow_up,
    answer_match,
    ask_follow_up,
    ask_helper,
    dispatch,
    offer_help,
    post_message,
    share_contact,
    withdraw_match,
)
from tejido.aid.models import FOLLOW_UP_DAYS, FollowUp, MatchState, Message, RequestState
from tejido.aid.services import mark_started
from tejido.audit.models import AuditEntry
from tejido.core.errors import InvalidInput, NotFound
from tejido.notifications.models import Notice

pytestmark = pytest.mark.django_db


def _kinds(user) -> list[str]:
    return list(Notice.objects.filter(user=user).order_by("pk").values_list("kind", flat=True))


def test_a_helper_offers_and_the_requester_accepts():
    request = AidRequestFactory()
    helper = UserFactory()
    offer = AidOfferFactory(helper=helper)
    match = offer_help(actor=helper, request=request, message="Puedo el martes")
    assert match.offer == offer
    assert _kinds(request.requester) == ["aid_help_offered"]
    with pytest.raises(AlreadyOffered):
        offer_help(actor=helper, request=request)
    with pytest.raises(NoSuchMatch):
        answer_match(actor=helper, match=match, accept=True)
    answer_match(actor=request.requester, match=match, accept=True)
    request.refresh_from_db()
    assert request.state == RequestState.MATCHED
    assert request.matched_at is not None
    assert _kinds(helper) == ["aid_match_accepted"]
    # Once matched it leaves the board: nobody else may offer.
    with pytest.raises(NotFound):
        offer_help(actor=UserFactory(), request=request)


def test_others_waiting_are_declined_when_one_is_agreed():
    request = AidRequestFactory()
    first, second, asked = UserFactory.create_batch(3)
    chosen = offer_help(actor=first, request=request)
    other = offer_help(actor=second, request=request)
    waiting = ask_helper(
        actor=request.requester, request=request, offer=AidOfferFactory(helper=asked)
    )
    answer_match(actor=request.requester, match=chosen, accept=True)
    other.refresh_from_db()
    waiting.refresh_from_db()
    assert (other.state, waiting.state) == (MatchState.DECLINED, MatchState.DECLINED)
    assert _kinds(second)[-1] == "aid_match_declined"
    assert _kinds(asked)[-1] == "aid_match_withdrawn"


def test_nobody_helps_themselves_and_an_offer_must_suit():
    request = AidRequestFactory()
    with pytest.raises(CannotHelpOneself):
        offer_help(actor=request.requester, request=request)
    own = AidOfferFactory(helper=request.requester)
    with pytest.raises(CannotHelpOneself):
        ask_helper(actor=request.requester, request=request, offer=own)
    with pytest.raises(OfferNotOpen):
        ask_helper(actor=request.requester, request=request, offer=AidOfferFactory(category="tech"))


def test_the_requester_asks_a_helper_who_declines():
    request = AidRequestFactory()
    offer = AidOfferFactory()
    match = ask_helper(actor=request.requester, request=request, offer=offer, message="¿Puedes?")
    assert _kinds(offer.helper) == ["aid_helper_asked"]
    with pytest.raises(NoSuchMatch):
        answer_match(actor=request.requester, match=match, accept=True)
    answer_match(actor=offer.helper, match=match, accept=False)
    assert _kinds(request.requester) == ["aid_match_declined"]
    request.refresh_from_db()
    assert request.state == RequestState.OPEN


def test_an_organiser_dispatches_an_organisers_only_request():
    request = AidRequestFactory(category="housing", visibility="organisers", anonymous=True)
    offer = AidOfferFactory(category="housing")
    organiser = OrganiserFactory()
    # A member does not even see it.
    with pytest.raises(NotFound):
        dispatch(actor=UserFactory(), request=request, offer=offer)
    match = dispatch(actor=organiser, request=request, offer=offer, message="Os presento")
    assert match.state == MatchState.ACCEPTED
    assert match.dispatched_by == organiser
    request.refresh_from_db()
    assert request.state == RequestState.MATCHED
    assert _kinds(offer.helper) == ["aid_dispatched_helper"]
    assert _kinds(request.requester) == ["aid_dispatched_requester"]
    assert AuditEntry.objects.filter(action="aid.dispatch", target_id=request.pk).exists()
    with pytest.raises(RequestNotOpen):
        dispatch(actor=organiser, request=request, offer=AidOfferFactory(category="housing"))
    # The organiser reads and writes in its thread.
    post_message(actor=organiser, match=match, body="¿Todo bien?")
    assert "aid_message" in _kinds(offer.helper)


def test_a_dispatch_across_a_block_is_refused_without_saying_why():
    request = AidRequestFactory()
    offer = AidOfferFactory()
    BlockFactory(blocker=request.requester, blocked=offer.helper)
    with pytest.raises(CannotMatch) as caught:
        dispatch(actor=OrganiserFactory(), request=request, offer=offer)
    assert "block" not in str(caught.value.message).lower()
    with pytest.raises(OfferNotOpen):
        dispatch(actor=OrganiserFactory(), request=request, offer=AidOfferFactory(category="tech"))


def test_blocked_people_cannot_offer_or_ask():
    request = AidRequestFactory()
    offer = AidOfferFactory()
    BlockFactory(blocker=offer.helper, blocked=request.requester)
    with pytest.raises(NotFound):
        offer_help(actor=offer.helper, request=request)
    with pytest.raises(NotFound):
        ask_helper(actor=request.requester, request=request, offer=offer)


def test_stepping_back_from_an_agreed_match_reopens_the_request():
    request = AidRequestFactory()
    helper = UserFactory()
    match = offer_help(actor=helper, request=request)
    answer_match(actor=request.requester, match=match, accept=True)
    mark_started(actor=helper, request=request)
    withdraw_match(actor=helper, match=match)
    request.refresh_from_db()
    assert (request.state, request.matched_at, request.started_at) == (
        RequestState.OPEN,
        None,
        None,
    )
    assert _kinds(request.requester)[-1] == "aid_match_withdrawn"
    with pytest.raises(MatchOver):
        withdraw_match(actor=helper, match=match)
    with pytest.raises(NotFound):
        withdraw_match(actor=UserFactory(), match=match)


def test_an_organiser_undoing_a_match_leaves_a_trace():
    request = AidRequestFactory()
    match = offer_help(actor=UserFactory(), request=request)
    withdraw_match(actor=OrganiserFactory(), match=match)
    assert AuditEntry.objects.filter(action="aid.match_withdrawn").exists()


def test_the_thread_is_sealed_and_for_its_sides():
    request = AidRequestFactory()
    helper = UserFactory()
    match = offer_help(actor=helper, request=request, message="Hola, soy yo")
    message = post_message(actor=request.requester, match=match, body="¡Gracias!")
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM aid_message WHERE id = %s", [message.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("sealed:")
    assert "Gracias" not in stored
    assert Message.objects.get(pk=message.pk).body == "¡Gracias!"
    # Not dispatched: organisers know of the match but do not read its thread.
    for outsider in (UserFactory(), OrganiserFactory()):
        with pytest.raises(NotFound):
            post_message(actor=outsider, match=match, body="Hola")
    with pytest.raises(InvalidInput):
        post_message(actor=helper, match=match, body="   ")
    answer_match(actor=request.requester, match=match, accept=False)
    with pytest.raises(MatchOver):
        post_message(actor=helper, match=match, body="¿Seguro?")


def test_contact_details_only_once_both_agreed_and_shared():
    request = AidRequestFactory()
    helper = UserFactory()
    match = offer_help(actor=helper, request=request)
    with pytest.raises(NotAgreedYet):
        share_contact(actor=helper, match=match, contact="600 000 000")
    answer_match(actor=request.requester, match=match, accept=True)
    share_contact(actor=helper, match=match, contact="600 000 000")
    assert "aid_contacts_shared" not in _kinds(helper)
    share_contact(actor=request.requester, match=match, contact="Signal: @ana")
    assert _kinds(helper)[-1] == "aid_contacts_shared"
    assert _kinds(request.requester)[-1] == "aid_contacts_shared"
    with connection.cursor() as cursor:
        cursor.execute("SELECT helper_contact FROM aid_match WHERE id = %s", [match.pk])
        assert cursor.fetchone()[0].startswith("sealed:")
    with pytest.raises(NotFound):
        share_contact(actor=OrganiserFactory(), match=match, contact="x")


def test_the_follow_up_asks_both_once_and_the_requesters_yes_fulfils():
    request = AidRequestFactory()
    helper = UserFactory()
    match = offer_help(actor=helper, request=request)
    answer_match(actor=request.requester, match=match, accept=True)
    request.refresh_from_db()
    stamp = request.matched_at.isoformat()
    assert ask_follow_up(match_id=match.pk, matched_at="2001-01-01T00:00:00+00:00") == 0
    with time_machine.travel(request.matched_at + timedelta(days=FOLLOW_UP_DAYS)):
        assert ask_follow_up(match_id=match.pk, matched_at=stamp) == 2
        assert ask_follow_up(match_id=match.pk, matched_at=stamp) == 0
    assert _kinds(helper)[-1] == "aid_follow_up"
    theirs = FollowUp.objects.get(user=helper)
    with pytest.raises(NotFound):
        answer_follow_up(actor=request.requester, follow_up=theirs, happened=True)
    answer_follow_up(actor=helper, follow_up=theirs, happened=True, feedback="Muy bien")
    request.refresh_from_db()
    assert request.state == RequestState.MATCHED  # only the requester's yes fulfils it
    mine = FollowUp.objects.get(user=request.requester)
    answer_follow_up(actor=request.requester, follow_up=mine, happened=True)
    request.refresh_from_db()
    assert request.state == RequestState.FULFILLED
    with pytest.raises(FollowUpAnswered):
        answer_follow_up(actor=request.requester, follow_up=mine, happened=False)
    with connection.cursor() as cursor:
        cursor.execute("SELECT feedback FROM aid_followup WHERE id = %s", [theirs.pk])
        assert cursor.fetchone()[0].startswith("sealed:")


def test_no_follow_up_for_a_match_that_ended():
    request = AidRequestFactory()
    match = offer_help(actor=UserFactory(), request=request)
    answer_match(actor=request.requester, match=match, accept=True)
    request.refresh_from_db()
    stamp = request.matched_at.isoformat()
    withdraw_match(actor=request.requester, match=match)
    assert ask_follow_up(match_id=match.pk, matched_at=stamp) == 0
    assert not FollowUp.objects.exists()


def _run_the_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--queue-name", "*", "-v", "0")


# A real transaction: the worker closes the database connection after its batch, which on
# PostgreSQL would end a test wrapped in one.
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("how", ["agreed", "dispatched"])
def test_the_follow_up_waits_in_the_queue_for_its_day(
    how, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    request = AidRequestFactory(category="housing", visibility="organisers")
    offer = AidOfferFactory(category="housing")
    with django_capture_on_commit_callbacks(execute=True):
        if how == "agreed":
            match = ask_helper(actor=request.requester, request=request, offer=offer)
            answer_match(actor=offer.helper, match=match, accept=True)
        else:
            match = dispatch(actor=OrganiserFactory(), request=request, offer=offer)
    request.refresh_from_db()
    assert request.matched_at is not None
    due = request.matched_at + timedelta(days=FOLLOW_UP_DAYS)
    queued = DBTaskResult.objects.get(task_path__endswith="send_follow_up")
    assert queued.run_after == due
    assert queued.args_kwargs["args"] == [match.pk, request.matched_at.isoformat()]
    # A day early the worker leaves it waiting; once due it asks both sides, once.
    with time_machine.travel(due - timedelta(days=1), tick=False):
        _run_the_worker()
    assert not FollowUp.objects.exists()
    with time_machine.travel(due + timedelta(minutes=1), tick=False):
        _run_the_worker()
        _run_the_worker()
    asked = FollowUp.objects.values_list("user", flat=True)
    assert sorted(asked) == sorted([request.requester_id, offer.helper_id])
    assert _kinds(offer.helper).count("aid_follow_up") == 1
    assert _kinds(request.requester).count("aid_follow_up") == 1
