"""The aid board: who sees a request or an offer, who takes part in a match and reads its
thread, who may do what, and who may be told about it.

A request is seen by its requester and by network organisers (who dispatch) always; while it
is open and has not expired, also by every vetted member, or only by the vetted helpers of its
category (members with an open offer in it), or by nobody else, as its visibility says; and by
the helpers in a live match on it (proposed or agreed), whatever its state. An offer is seen by
its helper and organisers, by every vetted member while it is open (unless it is for organisers
only), and by the requesters it is matched with. Two people in a block never see each other's
requests, offers or matches, and are never matched; nobody sees those of someone not in good
standing. A match's thread is for its two sides, and for organisers when they dispatched it."""

from typing import Any

from django.db.models import Q, QuerySet

from tejido.access.base import (
    AnyUser,
    in_good_standing,
    is_organiser,
    is_vetted,
    register_audience,
)
from tejido.access.members import in_a_block, network_organisers, someone_to_see
from tejido.accounts.models import Block, User
from tejido.aid.models import (
    FINISHED,
    LIVE_MATCHES,
    UNDER_WAY,
    AidOffer,
    AidRequest,
    Category,
    FollowUp,
    Match,
    MatchState,
    OfferState,
    ProposedBy,
    RequestState,
    Visibility,
)
from tejido.core.clock import now

REQUESTER, HELPER, ORGANISER = "requester", "helper", "organiser"


def offering_categories(viewer: AnyUser) -> QuerySet[AidOffer, Any]:
    """Subquery of the categories the viewer has an open offer in: they are a vetted helper
    of those."""
    return AidOffer.objects.filter(
        helper=viewer.pk, state=OfferState.OPEN, expires_at__gt=now()
    ).values("category")


def visible_requests(viewer: AnyUser | None) -> QuerySet[AidRequest]:
    if not is_vetted(viewer):
        return AidRequest.objects.none()
    assert viewer is not None
    if is_organiser(viewer):
        others = Q()
    else:
        live = Q(state=RequestState.OPEN, expires_at__gt=now())
        for_helpers = Q(visibility=Visibility.HELPERS, category__in=offering_categories(viewer))
        matched = Q(
            pk__in=Match.objects.filter(helper=viewer.pk, state__in=LIVE_MATCHES).values("request")
        )
        others = (live & (Q(visibility=Visibility.MEMBERS) | for_helpers)) | matched
    others &= someone_to_see(viewer, "requester")
    return AidRequest.objects.filter(Q(requester=viewer.pk) | others)


def own_requests(viewer: AnyUser | None) -> QuerySet[AidRequest]:
    """The viewer's own requests, which they always see: `visible_requests` narrowed to them,
    without building and compiling the conditions for everyone else's on every home page."""
    if not is_vetted(viewer):
        return AidRequest.objects.none()
    assert viewer is not None
    return AidRequest.objects.filter(requester=viewer.pk)


def can_see_request(viewer: AnyUser | None, request: AidRequest) -> bool:
    return visible_requests(viewer).filter(pk=request.pk).exists()


def visible_offers(viewer: AnyUser | None) -> QuerySet[AidOffer]:
    if not is_vetted(viewer):
        return AidOffer.objects.none()
    assert viewer is not None
    if is_organiser(viewer):
        others = Q()
    else:
        listed = Q(state=OfferState.OPEN, expires_at__gt=now(), visibility=Visibility.MEMBERS)
        matched = Q(
            pk__in=Match.objects.filter(
                request__requester=viewer.pk, state__in=LIVE_MATCHES
            ).values("offer")
        )
        others = listed | matched
    others &= someone_to_see(viewer, "helper")
    return AidOffer.objects.filter(Q(helper=viewer.pk) | others)


def own_offers(viewer: AnyUser | None) -> QuerySet[AidOffer]:
    """The viewer's own offers, which they always see (as `own_requests`)."""
    if not is_vetted(viewer):
        return AidOffer.objects.none()
    assert viewer is not None
    return AidOffer.objects.filter(helper=viewer.pk)


def can_see_offer(viewer: AnyUser | None, offer: AidOffer) -> bool:
    return visible_offers(viewer).filter(pk=offer.pk).exists()


def visible_matches(viewer: AnyUser | None) -> QuerySet[Match]:
    """The matches the viewer is a side of; organisers know of every match (who helps whom),
    though they read only the threads of those they dispatched (`can_read_thread`)."""
    if not is_vetted(viewer):
        return Match.objects.none()
    assert viewer is not None
    matches = Match.objects.all()
    if not is_organiser(viewer):
        matches = matches.filter(Q(request__requester=viewer.pk) | Q(helper=viewer.pk))
    return matches.filter(
        someone_to_see(viewer, "helper") & someone_to_see(viewer, "request__requester")
    )


def matches_helped_by(viewer: AnyUser | None) -> QuerySet[Match]:
    """The matches the viewer helps in: `visible_matches` narrowed to them, with only the
    requester to check (the helper is the viewer). The whole rule's joins and four NOT EXISTS
    took PostgreSQL 2.9 ms to plan for a query that ran in 0.1 ms, on every home page."""
    if not is_vetted(viewer):
        return Match.objects.none()
    assert viewer is not None
    return Match.objects.filter(someone_to_see(viewer, "request__requester"), helper=viewer.pk)


def side_of(viewer: AnyUser | None, match: Match) -> str:
    """REQUESTER, HELPER, ORGANISER (a network organiser, of any match) or ""."""
    if not is_vetted(viewer):
        return ""
    assert viewer is not None
    if viewer.pk == match.request.requester_id:
        return REQUESTER
    if viewer.pk == match.helper_id:
        return HELPER
    return ORGANISER if is_organiser(viewer) else ""


def can_read_thread(viewer: AnyUser | None, match: Match) -> bool:
    side = side_of(viewer, match)
    return side in (REQUESTER, HELPER) or (side == ORGANISER and match.dispatched)


def _still_running(match: Match) -> bool:
    return match.state in LIVE_MATCHES and match.request.state not in FINISHED


def can_post_message(actor: AnyUser | None, match: Match) -> bool:
    return can_read_thread(actor, match) and _still_running(match)


def can_answer_match(actor: AnyUser | None, match: Match) -> bool:
    """The side that did not propose it, while it waits and the request is open."""
    if match.state != MatchState.PROPOSED or match.request.state != RequestState.OPEN:
        return False
    side = side_of(actor, match)
    return (match.proposed_by, side) in (
        (ProposedBy.HELPER, REQUESTER),
        (ProposedBy.REQUESTER, HELPER),
    )


def can_withdraw_match(actor: AnyUser | None, match: Match) -> bool:
    """Either side steps back (or an organiser undoes it) while it runs."""
    return side_of(actor, match) != "" and _still_running(match)


def can_share_contact(actor: AnyUser | None, match: Match) -> bool:
    return (
        side_of(actor, match) in (REQUESTER, HELPER)
        and match.state == MatchState.ACCEPTED
        and match.request.state not in FINISHED
    )


def contacts_shared(match: Match) -> bool:
    """Both sides chose to share their contact details: each is shown to the other."""
    return bool(match.requester_contact and match.helper_contact)


def can_see_requester(viewer: AnyUser | None, request: AidRequest, *, revealed: bool) -> bool:
    """Who asked: shown unless they asked to stay anonymous, in which case only they and the
    organisers know, and their matched helper once both shared contact details (`revealed`)."""
    if not is_vetted(viewer):
        return False
    assert viewer is not None
    return (
        not request.anonymous
        or viewer.pk == request.requester_id
        or is_organiser(viewer)
        or revealed
    )


def can_create_on_board(actor: AnyUser | None) -> bool:
    """Ask for help or offer it: any vetted member."""
    return is_vetted(actor)


def _own(actor: AnyUser | None, owner_id: int) -> bool:
    return is_vetted(actor) and actor.pk == owner_id  # type: ignore[union-attr]


def can_edit_request(actor: AnyUser | None, request: AidRequest) -> bool:
    return _own(actor, request.requester_id) and request.state == RequestState.OPEN


def can_close_request(actor: AnyUser | None, request: AidRequest) -> bool:
    return (_own(actor, request.requester_id) or is_organiser(actor)) and (
        request.state not in FINISHED
    )


def is_open(request: AidRequest) -> bool:
    return request.state == RequestState.OPEN and request.expires_at > now()


def can_offer_help(actor: AnyUser | None, request: AidRequest) -> bool:
    """Offer to help with a request one sees: anyone vetted but its requester, while open."""
    return is_vetted(actor) and not _own(actor, request.requester_id) and is_open(request)


def can_ask_helper(actor: AnyUser | None, request: AidRequest, offer: AidOffer) -> bool:
    """The requester asks the helper of an open offer in the same category."""
    return (
        _own(actor, request.requester_id)
        and is_open(request)
        and offer.state == OfferState.OPEN
        and offer.category == request.category
        and offer.helper_id != request.requester_id
    )


def can_dispatch(actor: AnyUser | None, request: AidRequest) -> bool:
    return is_organiser(actor) and is_open(request)


def can_mark_started(actor: AnyUser | None, request: AidRequest, helper_id: int | None) -> bool:
    """Either side of the agreed match (its helper: `helper_id`), or an organiser, once it
    has found someone."""
    if request.state != RequestState.MATCHED:
        return False
    helper = helper_id is not None and _own(actor, helper_id)
    return _own(actor, request.requester_id) or helper or is_organiser(actor)


def can_mark_fulfilled(actor: AnyUser | None, request: AidRequest) -> bool:
    """The requester says it is done (or an organiser, for them)."""
    return request.state in UNDER_WAY and (_own(actor, request.requester_id) or is_organiser(actor))


def can_edit_offer(actor: AnyUser | None, offer: AidOffer) -> bool:
    return _own(actor, offer.helper_id) and offer.state == OfferState.OPEN


def can_close_offer(actor: AnyUser | None, offer: AidOffer) -> bool:
    return (_own(actor, offer.helper_id) or is_organiser(actor)) and (
        offer.state == OfferState.OPEN
    )


def can_manage_funds(actor: AnyUser | None) -> bool:
    """Keep the microgrant funds and their ledger, grant and record payments, see the
    dispatch queue and the board's figures, and say where areas lie for matching."""
    return is_organiser(actor)


def can_grant(actor: AnyUser | None, request: AidRequest) -> bool:
    return (
        is_organiser(actor)
        and request.category == Category.MONEY
        and request.amount is not None
        and request.state not in FINISHED
    )


def can_see_grant(viewer: AnyUser | None, request: AidRequest) -> bool:
    """What a money request was granted and paid: for organisers and its requester."""
    return is_organiser(viewer) or _own(viewer, request.requester_id)


def can_answer_follow_up(actor: AnyUser | None, follow_up: FollowUp) -> bool:
    return _own(actor, follow_up.user_id) and follow_up.answered_at is None


def can_read_feedback(viewer: AnyUser | None, follow_up: FollowUp) -> bool:
    """What one side answered is for them and the organisers, not the other side."""
    return _own(viewer, follow_up.user_id) or is_organiser(viewer)


def _told(people: Q, kept_from: int) -> QuerySet[User]:
    """Members in good standing among `people`, less anyone in a block with `kept_from`."""
    blocks = Block.objects.filter(Q(blocker=kept_from) | Q(blocked=kept_from))
    apart = Q(pk__in=blocks.values("blocked")) | Q(pk__in=blocks.values("blocker"))
    return User.objects.filter(people, in_good_standing()).exclude(apart & ~Q(pk=kept_from))


@register_audience(AidRequest)
def audience_of_request(request: AidRequest) -> QuerySet[User]:
    """The requester, the helpers in a live match on it and the organisers who dispatch, less
    anyone in a block with the requester."""
    helpers = Match.objects.filter(request=request.pk, state__in=LIVE_MATCHES).values("helper")
    people = (
        Q(pk=request.requester_id) | Q(pk__in=helpers) | Q(pk__in=network_organisers().values("pk"))
    )
    return _told(people, request.requester_id)


@register_audience(AidOffer)
def audience_of_offer(offer: AidOffer) -> QuerySet[User]:
    """The helper and the organisers, less anyone in a block with the helper."""
    people = Q(pk=offer.helper_id) | Q(pk__in=network_organisers().values("pk"))
    return _told(people, offer.helper_id)


@register_audience(Match)
def audience_of_match(match: Match) -> QuerySet[User]:
    """Its two sides (and the organisers, when they dispatched it), unless the two are in a
    block: then only the organisers. Told whatever its state, so that a side hears when the
    other steps back."""
    requester = match.request.requester_id
    blocked = in_a_block(requester, match.helper_id)
    people = Q(pk__in=[]) if blocked else Q(pk__in=[requester, match.helper_id])
    if match.dispatched:
        people |= Q(pk__in=network_organisers().values("pk"))
    return User.objects.filter(people, in_good_standing())
