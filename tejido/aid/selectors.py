"""Every read of the board, always shaped by the viewer: the lists of open requests and offers
with their filters and search, a request's and an offer's page, the viewer's own requests and
offers with suggestions, and what the home page shows. Matches and threads are read in
match_selectors.py, funds in fund_selectors.py."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from tejido.access.aid import (
    HELPER,
    can_ask_helper,
    can_close_offer,
    can_close_request,
    can_dispatch,
    can_edit_offer,
    can_edit_request,
    can_grant,
    can_manage_funds,
    can_mark_fulfilled,
    can_mark_started,
    can_offer_help,
    matches_helped_by,
    own_offers,
    own_requests,
    visible_matches,
    visible_offers,
    visible_requests,
)
from tejido.access.aid_cards import (
    FollowUpCard,
    MatchCard,
    OfferCard,
    RequestCard,
    follow_up_cards,
    match_cards,
    offer_cards,
    request_cards,
)
from tejido.access.base import AnyUser, is_organiser
from tejido.aid.fund_selectors import GrantSummary, grant_summary
from tejido.aid.models import (
    FINISHED,
    LIVE_MATCHES,
    OFFER_SEARCH,
    REQUEST_SEARCH,
    UNDER_WAY,
    AidOffer,
    AidRequest,
    FollowUp,
    MatchState,
    OfferState,
    RequestState,
)
from tejido.aid.suggestions import SuggestedOffer, SuggestedRequest, offers_for, requests_for
from tejido.core import search
from tejido.core.clock import now
from tejido.core.errors import NotFound
from tejido.core.paging import ListPage, paginate, paginate_ahead

PER_PAGE = 20
MAX_QUERY_LENGTH = 80
# Offers an organiser may dispatch a request to, beyond the suggested ones.
DISPATCH_CHOICES = 50
PAST_SHOWN = 10


@dataclass(frozen=True)
class BoardFilters:
    """What the board can be narrowed to; empty means any."""

    category: str = ""
    area: int | None = None
    urgency: str = ""
    language: str = ""
    query: str = ""

    @property
    def any(self) -> bool:
        return bool(self.category or self.area or self.urgency or self.language or self.query)


def open_requests(viewer: AnyUser | None) -> QuerySet[AidRequest]:
    """The open requests the viewer may see that have not expired."""
    return visible_requests(viewer).filter(state=RequestState.OPEN, expires_at__gt=now())


def filtered[Item: (AidRequest, AidOffer)](
    items: QuerySet[Item], filters: BoardFilters, index: search.SearchIndex
) -> QuerySet[Item]:
    if filters.category:
        items = items.filter(category=filters.category)
    if filters.area:
        items = items.filter(area=filters.area)
    if filters.language:
        items = items.filter(languages__icontains=f'"{filters.language}"')
    if filters.query:
        items = search.matching(items, index, filters.query[:MAX_QUERY_LENGTH])
    return items


def list_board_requests(
    *,
    viewer: AnyUser | None,
    filters: BoardFilters | None = None,
    page: int | str | None = None,
    counted: bool = True,
) -> ListPage[RequestCard]:
    """Open requests the viewer may see, the most urgent and longest waiting first. Text search
    finds only those open to every member: the others' words are sealed. Not `counted`, the
    page does not say how many there are in all (counting them reads every one of them)."""
    ordered = board_requests(viewer, filters or BoardFilters())
    pages = paginate if counted else paginate_ahead
    return pages(ordered, page, lambda rows: request_cards(viewer, rows), per_page=PER_PAGE)


def board_requests(viewer: AnyUser | None, filters: BoardFilters) -> QuerySet[AidRequest]:
    """The open requests the viewer may see, filtered, the most urgent and longest waiting
    first."""
    requests = filtered(open_requests(viewer), filters, REQUEST_SEARCH)
    if filters.urgency:
        requests = requests.filter(urgency=filters.urgency)
    # The urgency codes sort most urgent first (see Urgency), in the index's order.
    return requests.select_related("area").order_by("urgency", "opened_at", "pk")


def still_open() -> Q:
    """An offer still open that has not expired."""
    return Q(state=OfferState.OPEN, expires_at__gt=now())


def open_offers(viewer: AnyUser | None) -> QuerySet[AidOffer]:
    return visible_offers(viewer).filter(still_open())


def list_board_offers(
    *,
    viewer: AnyUser | None,
    filters: BoardFilters | None = None,
    page: int | str | None = None,
    counted: bool = True,
) -> ListPage[OfferCard]:
    """Open offers the viewer may see, newest first (`counted` as for requests)."""
    offers = filtered(open_offers(viewer), filters or BoardFilters(), OFFER_SEARCH)
    ordered = offers.select_related("area").order_by("-opened_at", "-pk")
    pages = paginate if counted else paginate_ahead
    return pages(ordered, page, lambda rows: offer_cards(viewer, rows), per_page=PER_PAGE)


def get_request(*, viewer: AnyUser | None, request_id: int) -> AidRequest:
    request = visible_requests(viewer).select_related("area").filter(pk=request_id).first()
    if request is None:
        raise NotFound()
    return request


def get_offer(*, viewer: AnyUser | None, offer_id: int) -> AidOffer:
    offer = visible_offers(viewer).select_related("area").filter(pk=offer_id).first()
    if offer is None:
        raise NotFound()
    return offer


def request_card(*, viewer: AnyUser | None, request: AidRequest) -> RequestCard:
    """The card of a request the caller fetched through `get_request`."""
    return request_cards(viewer, [request])[0]


@dataclass(frozen=True)
class RequestPage:
    request: AidRequest
    card: RequestCard
    matches: list[MatchCard]
    # The viewer's own live match on it, as its helper.
    my_match: MatchCard | None
    suggestions: list[SuggestedOffer]
    follow_ups: list[FollowUpCard]
    grant: GrantSummary | None
    can_edit: bool
    can_close: bool
    can_offer_help: bool
    can_mark_started: bool
    can_mark_fulfilled: bool
    can_dispatch: bool
    can_grant: bool
    can_record_payment: bool
    # For organisers: open offers in its category, (id, words) to dispatch it to.
    dispatch_choices: list[tuple[int, str]] = field(default_factory=list)


def _dispatch_choices(
    viewer: AnyUser | None, request: AidRequest, suggested: list[SuggestedOffer]
) -> list[tuple[int, str]]:
    """The suggested offers first, then the other open ones of its kind (newest first)."""
    offers = (
        open_offers(viewer)
        .filter(category=request.category)
        .exclude(helper=request.requester_id)
        .exclude(pk__in=[s.offer.id for s in suggested])
        .select_related("area")
        .order_by("-opened_at")[:DISPATCH_CHOICES]
    )
    cards = [s.offer for s in suggested] + offer_cards(viewer, offers)
    return [
        (card.id, f"{card.title} ({card.helper.chosen_name})" if card.helper else card.title)
        for card in cards
    ]


def get_request_page(*, viewer: AnyUser, request_id: int) -> RequestPage:
    request = get_request(viewer=viewer, request_id=request_id)
    rows = list(
        visible_matches(viewer)
        .filter(request=request)
        .select_related("request")
        .order_by("-created_at", "-pk")
    )
    matches = match_cards(viewer, rows)
    mine = next((m for m in matches if m.my_side == HELPER and m.state in LIVE_MATCHES), None)
    revealed = frozenset({request.pk}) if mine is not None and mine.contacts else frozenset()
    card = request_cards(viewer, [request], revealed=revealed)[0]
    agreed = next((m.helper_id for m in rows if m.state == MatchState.ACCEPTED), None)
    dispatchable = can_dispatch(viewer, request)
    suggestions: list[SuggestedOffer] = []
    if dispatchable or (card.is_mine and request.state == RequestState.OPEN):
        suggestions = offers_for(viewer, [request]).get(request.pk, [])
    grant = grant_summary(viewer, request)
    follow_ups = FollowUp.objects.filter(match__request=request).select_related("match__request")
    if not is_organiser(viewer):
        follow_ups = follow_ups.filter(user=viewer.pk)
    return RequestPage(
        request=request,
        card=card,
        matches=matches,
        my_match=mine,
        suggestions=suggestions,
        follow_ups=follow_up_cards(viewer, follow_ups.order_by("asked_at", "pk")),
        grant=grant,
        can_edit=can_edit_request(viewer, request),
        can_close=can_close_request(viewer, request),
        can_offer_help=can_offer_help(viewer, request) and mine is None,
        can_mark_started=can_mark_started(viewer, request, agreed),
        can_mark_fulfilled=can_mark_fulfilled(viewer, request),
        can_dispatch=dispatchable,
        can_grant=can_grant(viewer, request) and grant is None,
        can_record_payment=can_manage_funds(viewer) and grant is not None and grant.owed > 0,
        dispatch_choices=_dispatch_choices(viewer, request, suggestions) if dispatchable else [],
    )


@dataclass(frozen=True)
class OfferPage:
    offer: AidOffer
    card: OfferCard
    # For its helper: the open requests it suits best.
    suggestions: list[SuggestedRequest]
    # For a requester: their open requests of its kind that may ask its helper, (id, title).
    askable: list[tuple[int, str]]
    can_edit: bool
    can_close: bool


def get_offer_page(*, viewer: AnyUser, offer_id: int) -> OfferPage:
    offer = get_offer(viewer=viewer, offer_id=offer_id)
    card = offer_cards(viewer, [offer])[0]
    suggestions: list[SuggestedRequest] = []
    askable: list[tuple[int, str]] = []
    if card.is_mine and offer.state == OfferState.OPEN:
        suggestions = requests_for(viewer, [offer]).get(offer.pk, [])
    elif not card.is_mine:
        mine = open_requests(viewer).filter(requester=viewer.pk, category=offer.category)
        asked = (
            visible_matches(viewer)
            .filter(helper=offer.helper_id, state__in=LIVE_MATCHES)
            .values("request")
        )
        askable = [
            (r.pk, r.title) for r in mine.exclude(pk__in=asked) if can_ask_helper(viewer, r, offer)
        ]
    return OfferPage(
        offer=offer,
        card=card,
        suggestions=suggestions,
        askable=askable,
        can_edit=can_edit_offer(viewer, offer),
        can_close=can_close_offer(viewer, offer),
    )


@dataclass(frozen=True)
class MyRequest:
    card: RequestCard
    suggestions: list[SuggestedOffer]


@dataclass(frozen=True)
class MyOffer:
    card: OfferCard
    suggestions: list[SuggestedRequest]


@dataclass(frozen=True)
class MyBoard:
    requests: list[MyRequest]
    offers: list[MyOffer]
    # Matches the viewer helps in that still run, and those waiting for their answer.
    helping: list[MatchCard]
    follow_ups: list[FollowUpCard]
    past_requests: list[RequestCard]
    past_offers: list[OfferCard]


def _waiting_follow_ups(viewer: AnyUser) -> list[FollowUpCard]:
    waiting = FollowUp.objects.filter(user=viewer.pk, answered_at__isnull=True)
    return follow_up_cards(
        viewer, waiting.select_related("match__request").order_by("asked_at", "pk")
    )


def get_my_board(*, viewer: AnyUser) -> MyBoard:
    """The viewer's own requests and offers, those still running with the best suggestions
    for each (explained in words), the matches they help in, and the follow-ups waiting for
    them. The same number of queries however many they have."""
    mine = own_requests(viewer).select_related("area")
    running = list(mine.exclude(state__in=FINISHED).order_by("-opened_at", "-pk"))
    opened = [r for r in running if r.state == RequestState.OPEN and r.expires_at > now()]
    suggested = offers_for(viewer, opened)
    offers = own_offers(viewer).select_related("area")
    live_offers = list(offers.filter(state=OfferState.OPEN).order_by("-opened_at", "-pk"))
    for_offers = requests_for(viewer, live_offers)
    helping = (
        matches_helped_by(viewer)
        .filter(state__in=LIVE_MATCHES)
        .exclude(request__state__in=FINISHED)
        .select_related("request")
        .order_by("-created_at", "-pk")
    )
    past = mine.filter(state__in=FINISHED).order_by("-opened_at", "-pk")[:PAST_SHOWN]
    closed = offers.exclude(state=OfferState.OPEN).order_by("-opened_at", "-pk")[:PAST_SHOWN]
    return MyBoard(
        requests=[
            MyRequest(card, suggested.get(card.id, [])) for card in request_cards(viewer, running)
        ],
        offers=[
            MyOffer(card, for_offers.get(card.id, [])) for card in offer_cards(viewer, live_offers)
        ],
        helping=match_cards(viewer, helping),
        follow_ups=_waiting_follow_ups(viewer),
        past_requests=request_cards(viewer, past),
        past_offers=offer_cards(viewer, closed),
    )


@dataclass(frozen=True)
class AidHome:
    """The aid board's part of the home page."""

    my_requests: list[RequestCard]
    helping: list[MatchCard]
    # Open requests in the categories the member offers help in, most urgent first; their
    # board scores every one and explains why.
    could_help: list[RequestCard]
    # Whether the member has an open offer: the home page then points to that board.
    offering: bool
    follow_ups: list[FollowUpCard]

    def __bool__(self) -> bool:
        return bool(
            self.my_requests or self.helping or self.could_help or self.offering or self.follow_ups
        )


def get_aid_home(*, viewer: AnyUser, limit: int = 3) -> AidHome:
    """The viewer's requests still running, the matches they help in, the requests they could
    help with and the follow-ups waiting for them. Those requests are the most urgent open ones
    in the categories of their open offers, unscored: their board scores and explains them,
    and scoring even the 200 most urgent open requests on every view was 67,000 of the home
    page's 157,000 Python calls at 20,000 requests (bench/load/run.py --profile)."""
    running = (
        own_requests(viewer)
        .filter(state__in=[RequestState.OPEN, *UNDER_WAY])
        .select_related("area")
        .order_by("-opened_at", "-pk")[:limit]
    )
    helping = (
        matches_helped_by(viewer)
        .filter(
            state__in=LIVE_MATCHES,
            request__state__in=[RequestState.OPEN, *UNDER_WAY],
        )
        .select_related("request")
        .order_by("-created_at", "-pk")[:limit]
    )
    offered = list(own_offers(viewer).filter(still_open()).values_list("category", flat=True))
    could_help = (
        board_requests(viewer, BoardFilters())
        .filter(category__in=set(offered))
        .exclude(requester=viewer.pk)[:limit]
        if offered
        else []
    )
    return AidHome(
        my_requests=request_cards(viewer, running),
        helping=match_cards(viewer, helping),
        could_help=request_cards(viewer, could_help),
        offering=bool(offered),
        follow_ups=_waiting_follow_ups(viewer),
    )
