"""The board's suggestions: requests and offers turned into the plain data the matching engine
takes (tejido.aid.matching: no ORM inside), its answers turned back into cards the viewer may
see, each with its reasons in words. Only what the viewer may see goes in, and every block
between the people in it goes in as a pair never to match, so a suggestion can show nothing
the board would not."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from tejido.access.aid import visible_offers, visible_requests
from tejido.access.aid_cards import OfferCard, RequestCard, offer_cards, request_cards
from tejido.access.base import AnyUser
from tejido.accounts.models import Block
from tejido.aid import matching, reasons
from tejido.aid.models import AidOffer, AidRequest, AreaNeighbour, AreaPlace, OfferState
from tejido.aid.models import RequestState as State
from tejido.core.clock import now

# Suggestions shown for each request or offer.
SHOWN = 3


@dataclass(frozen=True)
class SuggestedOffer:
    offer: OfferCard
    score: float
    reasons: str


@dataclass(frozen=True)
class SuggestedRequest:
    request: RequestCard
    score: float
    reasons: str


def _seconds(moment: str) -> int:
    return int(datetime.fromisoformat(moment).timestamp())


def _windows(stored: list[list[str]]) -> tuple[tuple[int, int], ...]:
    return tuple((_seconds(start), _seconds(end)) for start, end in stored or ())


def as_need(request: AidRequest) -> matching.Need:
    return matching.Need(
        id=request.pk,
        person=request.requester_id,
        category=request.category,
        area=request.area_id,
        languages=frozenset(request.languages or ()),
        windows=_windows(request.windows),
        urgency=request.urgency,
        opened=int(request.opened_at.timestamp()),
    )


def as_help(offer: AidOffer) -> matching.Help:
    return matching.Help(
        id=offer.pk,
        person=offer.helper_id,
        category=offer.category,
        area=offer.area_id,
        languages=frozenset(offer.languages or ()),
        windows=_windows(offer.windows),
    )


def geography() -> matching.Geography:
    """Where the areas lie, as organisers said (two queries)."""
    places = {
        area: (latitude, longitude)
        for area, latitude, longitude in AreaPlace.objects.values_list(
            "area", "latitude", "longitude"
        )
    }
    neighbours: dict[int, set[int]] = {}
    for area, neighbour in AreaNeighbour.objects.values_list("area", "neighbour"):
        neighbours.setdefault(area, set()).add(neighbour)
        neighbours.setdefault(neighbour, set()).add(area)
    return matching.Geography(
        places=places, neighbours={area: frozenset(near) for area, near in neighbours.items()}
    )


def blocked_pairs(people: Iterable[int]) -> frozenset[tuple[int, int]]:
    """Every block that involves one of `people` (one side of the pairs to score: the
    requesters, or the helpers, whichever are fewer), in both orders; one query."""
    ids = set(people)
    if not ids:
        return frozenset()
    rows = Block.objects.filter(Q(blocker__in=ids) | Q(blocked__in=ids)).values_list(
        "blocker", "blocked"
    )
    return frozenset(pair for a, b in rows for pair in ((a, b), (b, a)))


# What matching reads of a request or an offer. The rest (a request's sealed words above all)
# is fetched only for the few it chooses.
NEED_COLUMNS = (
    "id",
    "requester",
    "category",
    "area",
    "languages",
    "windows",
    "urgency",
    "opened_at",
)
HELP_COLUMNS = ("id", "helper", "category", "area", "languages", "windows")


def offers_for(
    viewer: AnyUser | None, requests: list[AidRequest], *, k: int = SHOWN
) -> dict[int, list[SuggestedOffer]]:
    """The best offers the viewer may see for each of `requests`, by request id."""
    if not requests:
        return {}
    offers = visible_offers(viewer).filter(
        state=OfferState.OPEN, expires_at__gt=now(), category__in={r.category for r in requests}
    )
    found = matching.top_helps(
        [as_need(r) for r in requests],
        [as_help(o) for o in offers.only(*HELP_COLUMNS)],
        geography=geography(),
        blocked=blocked_pairs(r.requester_id for r in requests),
        now=int(now().timestamp()),
        k=k,
    )
    chosen = {m.other for matches in found.values() for m in matches}
    cards = {
        c.id: c for c in offer_cards(viewer, offers.filter(pk__in=chosen).select_related("area"))
    }
    return {
        need: [
            SuggestedOffer(cards[m.other], m.score, reasons.explain(m.reasons))
            for m in matches
            if m.other in cards
        ]
        for need, matches in found.items()
    }


def requests_for(
    viewer: AnyUser | None,
    offers: list[AidOffer],
    *,
    k: int = SHOWN,
) -> dict[int, list[SuggestedRequest]]:
    """The best open requests the viewer may see for each of `offers` (theirs), by offer id;
    never the viewer's own requests."""
    if not offers:
        return {}
    requests = visible_requests(viewer).filter(
        state=State.OPEN, expires_at__gt=now(), category__in={o.category for o in offers}
    )
    if viewer is not None:
        requests = requests.exclude(requester=viewer.pk)
    scored = requests.only(*NEED_COLUMNS)
    found = matching.top_needs(
        [as_need(r) for r in scored],
        [as_help(o) for o in offers],
        geography=geography(),
        blocked=blocked_pairs(o.helper_id for o in offers),
        now=int(now().timestamp()),
        k=k,
    )
    chosen = {m.other for matches in found.values() for m in matches}
    shown = requests.filter(pk__in=chosen).select_related("area")
    cards = {c.id: c for c in request_cards(viewer, shown)}
    return {
        help_id: [
            SuggestedRequest(cards[m.other], m.score, reasons.explain(m.reasons))
            for m in matches
            if m.other in cards
        ]
        for help_id, matches in found.items()
    }
