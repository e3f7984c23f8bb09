"""Every write to matches: a helper offering on a request, a requester asking a helper, the
other side's answer, an organiser's dispatch, stepping back, the private thread, sharing
contact details, and the follow-up.

A request takes one agreed match at most: every decision locks the request's row first, then
reads the match again, and the database holds it too (one agreed match per request, one live
match per helper and request). Two people in a block are never matched: neither can see the
other's request or offer, and a dispatch across a block is refused."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from tejido.access.aid import (
    HELPER,
    REQUESTER,
    can_answer_match,
    can_ask_helper,
    can_dispatch,
    can_offer_help,
    can_post_message,
    can_read_thread,
    can_see_offer,
    can_see_request,
    can_share_contact,
    can_withdraw_match,
    contacts_shared,
    is_open,
    side_of,
    visible_matches,
)
from tejido.access.aid import can_answer_follow_up as may_answer_follow_up
from tejido.accounts.models import Block, User
from tejido.aid import rules
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
from tejido.aid.models import (
    FOLLOW_UP_DAYS,
    LIVE_MATCHES,
    UNDER_WAY,
    AidOffer,
    AidRequest,
    FollowUp,
    Match,
    MatchState,
    Message,
    OfferState,
    ProposedBy,
    RequestState,
)
from tejido.aid.services import fulfil, lock_request, schedule_expiry
from tejido.aid.tasks import expire_request, send_follow_up
from tejido.aid.telling import tell_match
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotFound
from tejido.core.later import run_at
from tejido.core.text import TextRule

MESSAGE_RULE = TextRule(rules.MESSAGE_MAX, multiline=True)
CONTACT_RULE = TextRule(rules.CONTACT_MAX)
FEEDBACK_RULE = TextRule(rules.FEEDBACK_MAX, multiline=True)
# A request that goes back on the board after a match ends stays open at least this long.
REOPENED_FOR = timedelta(days=3)


def _relock(match: Match) -> tuple[AidRequest, Match]:
    """The match's request locked, and the match read again under that lock."""
    request = lock_request(match.request)
    fresh = Match.objects.select_related("request").filter(pk=match.pk).first()
    if fresh is None:
        raise NotFound()
    fresh.request = request
    return request, fresh


def _live(request: AidRequest, helper: User) -> bool:
    return Match.objects.filter(request=request, helper=helper, state__in=LIVE_MATCHES).exists()


def _first_words(match: Match, author: User, text: str) -> None:
    if text:
        Message.objects.create(match=match, author=author, body=text, created_at=match.created_at)


def _helpers_offer(helper: User, request: AidRequest) -> AidOffer | None:
    """The helper's open offer in the request's category, if they made one."""
    return AidOffer.objects.filter(
        helper=helper, category=request.category, state=OfferState.OPEN
    ).first()


@transaction.atomic
def offer_help(*, actor: User, request: AidRequest, message: str = "") -> Match:
    """A helper offers to help with a request they see; the requester answers."""
    if not can_see_request(actor, request):
        raise NotFound()
    text = MESSAGE_RULE.clean(message, field="message")
    request = lock_request(request)
    if request.requester_id == actor.pk:
        raise CannotHelpOneself()
    if not can_offer_help(actor, request):
        raise RequestNotOpen()
    if _live(request, actor):
        raise AlreadyOffered()
    match = Match.objects.create(
        request=request,
        offer=_helpers_offer(actor, request),
        helper=actor,
        proposed_by=ProposedBy.HELPER,
        created_at=now(),
    )
    _first_words(match, actor, text)
    tell_match(request.requester, "aid_help_offered", match)
    return match


@transaction.atomic
def ask_helper(*, actor: User, request: AidRequest, offer: AidOffer, message: str = "") -> Match:
    """The requester asks the helper of an offer (a suggested one, say); the helper answers."""
    if not can_see_request(actor, request) or not can_see_offer(actor, offer):
        raise NotFound()
    text = MESSAGE_RULE.clean(message, field="message")
    request = lock_request(request)
    if not can_ask_helper(actor, request, offer):
        if not is_open(request):
            raise RequestNotOpen()
        if offer.helper_id == actor.pk:
            raise CannotHelpOneself()
        raise OfferNotOpen()
    if _live(request, offer.helper):
        raise AlreadyOffered()
    match = Match.objects.create(
        request=request,
        offer=offer,
        helper=offer.helper,
        proposed_by=ProposedBy.REQUESTER,
        created_at=now(),
    )
    _first_words(match, actor, text)
    tell_match(offer.helper, "aid_helper_asked", match)
    return match


def _agree(request: AidRequest, match: Match) -> None:
    """The locked request has found its helper: it is matched, every other proposal on it is
    declined, and the follow-up will come."""
    moment = match.answered_at or now()
    request.state, request.matched_at = RequestState.MATCHED, moment
    request.save(update_fields=["state", "matched_at", "updated_at"])
    others = Match.objects.filter(request=request, state=MatchState.PROPOSED).exclude(pk=match.pk)
    for other in others.select_related("helper", "request__requester"):
        other.state, other.answered_at = MatchState.DECLINED, moment
        other.save(update_fields=["state", "answered_at"])
        # A helper who offered is declined; one who was asked is no longer needed.
        offered = other.proposed_by == ProposedBy.HELPER
        tell_match(other.helper, "aid_match_declined" if offered else "aid_match_withdrawn", other)
    due, stamp = moment + timedelta(days=FOLLOW_UP_DAYS), moment.isoformat()
    transaction.on_commit(lambda: run_at(send_follow_up, due, match.pk, stamp), robust=True)


@transaction.atomic
def answer_match(*, actor: User, match: Match, accept: bool) -> Match:
    """The side that did not propose a match accepts it (the request is matched) or declines
    it; the side that proposed is told either way."""
    if not visible_matches(actor).filter(pk=match.pk).exists():
        raise NotFound()
    request, match = _relock(match)
    if not can_answer_match(actor, match):
        raise NoSuchMatch()
    match.answered_at = now()
    match.state = MatchState.ACCEPTED if accept else MatchState.DECLINED
    match.save(update_fields=["state", "answered_at"])
    if accept:
        _agree(request, match)
    proposer = match.helper if match.proposed_by == ProposedBy.HELPER else request.requester
    tell_match(proposer, "aid_match_accepted" if accept else "aid_match_declined", match)
    return match


def _in_a_block(first: int, second: int) -> bool:
    return Block.objects.filter(
        Q(blocker=first, blocked=second) | Q(blocker=second, blocked=first)
    ).exists()


@transaction.atomic
def dispatch(*, actor: User, request: AidRequest, offer: AidOffer, message: str = "") -> Match:
    """An organiser matches an open request with a helper's open offer in its category: it is
    agreed at once, both sides are told, and the organiser may read and write in its thread.
    A helper who cannot take it (their own request, or a block between the two, which is not
    said) is refused alike."""
    if not can_see_request(actor, request) or not can_see_offer(actor, offer):
        raise NotFound()
    text = MESSAGE_RULE.clean(message, field="message")
    request = lock_request(request)
    if not can_dispatch(actor, request):
        raise RequestNotOpen()
    if offer.state != OfferState.OPEN or offer.category != request.category:
        raise OfferNotOpen()
    if offer.helper_id == request.requester_id or _in_a_block(
        offer.helper_id, request.requester_id
    ):
        raise CannotMatch()
    if _live(request, offer.helper):
        raise AlreadyOffered()
    moment = now()
    match = Match.objects.create(
        request=request,
        offer=offer,
        helper=offer.helper,
        proposed_by=ProposedBy.ORGANISER,
        dispatched_by=actor,
        state=MatchState.ACCEPTED,
        created_at=moment,
        answered_at=moment,
    )
    _agree(request, match)
    _first_words(match, actor, text)
    tell_match(offer.helper, "aid_dispatched_helper", match)
    tell_match(request.requester, "aid_dispatched_requester", match)
    record_action(actor=actor, action="aid.dispatch", target_user=request.requester, target=request)
    return match


def _reopen(request: AidRequest) -> None:
    """A locked request whose agreed match ended goes back on the board."""
    request.state, request.matched_at, request.started_at = RequestState.OPEN, None, None
    request.expires_at = max(request.expires_at, now() + REOPENED_FOR)
    request.save(update_fields=["state", "matched_at", "started_at", "expires_at", "updated_at"])
    schedule_expiry(expire_request, request)


@transaction.atomic
def withdraw_match(*, actor: User, match: Match) -> Match:
    """Either side steps back (or an organiser undoes a match). An agreed match's request goes
    back on the board; the other side is told."""
    if not visible_matches(actor).filter(pk=match.pk).exists():
        raise NotFound()
    request, match = _relock(match)
    if not can_withdraw_match(actor, match):
        raise MatchOver()
    agreed = match.state == MatchState.ACCEPTED
    moment = now()
    match.state, match.ended_at = MatchState.WITHDRAWN, moment
    match.answered_at = match.answered_at or moment
    match.save(update_fields=["state", "ended_at", "answered_at"])
    if agreed and request.state in UNDER_WAY:
        _reopen(request)
    side = side_of(actor, match)
    for person, who in ((request.requester, REQUESTER), (match.helper, HELPER)):
        if who != side:
            tell_match(person, "aid_match_withdrawn", match)
    if side not in (REQUESTER, HELPER):
        record_action(
            actor=actor, action="aid.match_withdrawn", target_user=match.helper, target=request
        )
    return match


def _participants(match: Match) -> list[User]:
    people = [match.request.requester, match.helper]
    if match.dispatched and match.dispatched_by is not None:
        people.append(match.dispatched_by)
    return people


@transaction.atomic
def post_message(*, actor: User, match: Match, body: str) -> Message:
    """Write in a match's private thread while it runs; the others in it are told (never
    what was written)."""
    fresh = (
        visible_matches(actor)
        .select_related("request__requester", "helper", "dispatched_by")
        .filter(pk=match.pk)
        .first()
    )
    if fresh is None or not can_read_thread(actor, fresh):
        raise NotFound()
    match = fresh
    text = TextRule(rules.MESSAGE_MAX, required=True, multiline=True).clean(body, field="body")
    if not can_post_message(actor, match):
        raise MatchOver()
    message = Message.objects.create(match=match, author=actor, body=text, created_at=now())
    for person in _participants(match):
        if person.pk != actor.pk:
            tell_match(person, "aid_message", match)
    return message


@transaction.atomic
def share_contact(*, actor: User, match: Match, contact: str) -> Match:
    """Share one's contact details with the other side of an agreed match (empty: stop
    sharing). Each sees the other's only once both have shared."""
    if not visible_matches(actor).filter(pk=match.pk).exists():
        raise NotFound()
    text = CONTACT_RULE.clean(contact, field="contact")
    request, match = _relock(match)
    side = side_of(actor, match)
    if side not in (REQUESTER, HELPER):
        raise NotFound()
    if not can_share_contact(actor, match):
        raise NotAgreedYet()
    before = contacts_shared(match)
    if side == REQUESTER:
        match.requester_contact = text
    else:
        match.helper_contact = text
    match.save(update_fields=["requester_contact", "helper_contact"])
    if contacts_shared(match) and not before:
        for person in (request.requester, match.helper):
            tell_match(person, "aid_contacts_shared", match)
    return match


def ask_follow_up(*, match_id: int, matched_at: str) -> int:
    """The background side of the follow-up: if the match is still the agreed one of its
    request (matched at `matched_at`), ask both sides once whether the help happened."""
    with transaction.atomic():
        match = (
            Match.objects.select_related("request__requester", "helper")
            .filter(pk=match_id, state=MatchState.ACCEPTED)
            .first()
        )
        if match is None or match.request.matched_at is None:
            return 0
        if match.request.matched_at.isoformat() != matched_at:
            return 0
        asked = 0
        for person in (match.request.requester, match.helper):
            _follow_up, made = FollowUp.objects.get_or_create(
                match=match, user=person, defaults={"asked_at": now()}
            )
            if made:
                tell_match(person, "aid_follow_up", match)
                asked += 1
        return asked


@transaction.atomic
def answer_follow_up(
    *, actor: User, follow_up: FollowUp, happened: bool, feedback: str = ""
) -> FollowUp:
    """Say whether the help happened, with optional feedback for the organisers. The
    requester's "yes" marks a request still under way as fulfilled."""
    if follow_up.user_id != actor.pk:
        raise NotFound()
    text = FEEDBACK_RULE.clean(feedback, field="feedback")
    if not isinstance(happened, bool):
        raise InvalidInput(detail={"happened": gettext("Answer yes or no.")})
    request = lock_request(follow_up.match.request)
    follow_up = FollowUp.objects.select_related("match").get(pk=follow_up.pk)
    if not may_answer_follow_up(actor, follow_up):
        raise FollowUpAnswered()
    follow_up.happened, follow_up.feedback, follow_up.answered_at = happened, text, now()
    follow_up.save(update_fields=["happened", "feedback", "answered_at"])
    if happened and actor.pk == request.requester_id and request.state in UNDER_WAY:
        fulfil(request, actor=actor)
    return follow_up
