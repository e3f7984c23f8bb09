"""Reads of matches and of what organisers see of the board: a match's page with its private
thread, a follow-up to answer, the dispatch queue (open requests with the best offers for
each) and the board's figures (time to match and to fulfil, small counts left out)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from statistics import median

from tejido.access.aid import (
    HELPER,
    ORGANISER,
    REQUESTER,
    can_answer_follow_up,
    can_manage_funds,
    can_read_thread,
    contacts_shared,
    side_of,
    visible_matches,
)
from tejido.access.aid_cards import (
    FollowUpCard,
    MatchCard,
    MessageCard,
    OfferCard,
    RequestCard,
    follow_up_cards,
    match_cards,
    message_cards,
    offer_cards,
    request_cards,
)
from tejido.access.base import AnyUser
from tejido.aid.models import AidOffer, AidRequest, Category, FollowUp, Match, Message, OfferState
from tejido.aid.selectors import PER_PAGE, BoardFilters, board_requests
from tejido.aid.suggestions import SuggestedOffer, offers_for
from tejido.core.clock import now
from tejido.core.errors import NotFound
from tejido.core.paging import ListPage, paginate

# Fewer than this many requests in a row of the figures, and the row says only "fewer".
SMALLEST_SHOWN = 3
FIGURES_DAYS = 90


def get_match(*, viewer: AnyUser | None, match_id: int) -> Match:
    match = (
        visible_matches(viewer)
        .select_related("request__area", "offer", "dispatched_by")
        .filter(pk=match_id)
        .first()
    )
    if match is None:
        raise NotFound()
    return match


@dataclass(frozen=True)
class MatchPage:
    match: Match
    card: MatchCard
    request: RequestCard
    offer: OfferCard | None
    # The thread, when the viewer may read it; None otherwise.
    messages: list[MessageCard] | None
    # Each side's follow-up for organisers; one's own for a side.
    follow_ups: list[FollowUpCard]


def get_match_page(*, viewer: AnyUser, match_id: int) -> MatchPage:
    match = get_match(viewer=viewer, match_id=match_id)
    side = side_of(viewer, match)
    revealed = side in (REQUESTER, HELPER) and contacts_shared(match)
    card = match_cards(viewer, [match])[0]
    request = request_cards(
        viewer, [match.request], revealed=frozenset({match.request_id}) if revealed else frozenset()
    )[0]
    offer = None
    if match.offer is not None:
        shown = offer_cards(viewer, [match.offer])
        offer = shown[0] if shown and shown[0].helper is not None else None
    messages = None
    if can_read_thread(viewer, match):
        messages = message_cards(viewer, match, Message.objects.filter(match=match))
    follow_ups = FollowUp.objects.filter(match=match).select_related("match__request")
    if side != ORGANISER:
        follow_ups = follow_ups.filter(user=viewer.pk)
    return MatchPage(
        match=match,
        card=card,
        request=request,
        offer=offer,
        messages=messages,
        follow_ups=follow_up_cards(viewer, follow_ups.order_by("asked_at", "pk")),
    )


def get_follow_up(*, viewer: AnyUser, follow_up_id: int) -> FollowUp:
    """One's own follow-up, waiting for its answer; anything else is NotFound."""
    found = (
        FollowUp.objects.select_related("match__request")
        .filter(pk=follow_up_id, user=viewer.pk, match__in=visible_matches(viewer))
        .first()
    )
    if found is None or not can_answer_follow_up(viewer, found):
        raise NotFound()
    return found


def follow_up_card(*, viewer: AnyUser, follow_up: FollowUp) -> FollowUpCard:
    return follow_up_cards(viewer, [follow_up])[0]


@dataclass(frozen=True)
class DispatchRow:
    request: RequestCard
    suggestions: list[SuggestedOffer]


def list_dispatch_queue(
    *, viewer: AnyUser, filters: BoardFilters | None = None, page: int | str | None = None
) -> ListPage[DispatchRow]:
    """For organisers: every open request, the most urgent and longest waiting first, each
    with the offers that suit it best."""
    if not can_manage_funds(viewer):
        raise NotFound()
    ordered = board_requests(viewer, filters or BoardFilters())

    def rows(found: list[AidRequest]) -> list[DispatchRow]:
        suggested = offers_for(viewer, found)
        return [
            DispatchRow(card, suggested.get(card.id, [])) for card in request_cards(viewer, found)
        ]

    return paginate(ordered, page, rows, per_page=PER_PAGE)


@dataclass(frozen=True)
class FigureRow:
    """One row of the figures. A count from 1 to SMALLEST_SHOWN - 1 is None ("fewer than
    3"), and so is a median of fewer spans than that."""

    label: str
    opened: int | None
    matched: int | None
    fulfilled: int | None
    to_match: timedelta | None
    to_fulfil: timedelta | None

    @property
    def counts(self) -> tuple[int | None, ...]:
        return (self.opened, self.matched, self.fulfilled)

    @property
    def spans(self) -> tuple[timedelta | None, ...]:
        return (self.to_match, self.to_fulfil)


def _count(n: int) -> int | None:
    return n if n == 0 or n >= SMALLEST_SHOWN else None


def _median(spans: list[timedelta]) -> timedelta | None:
    if len(spans) < SMALLEST_SHOWN:
        return None
    return timedelta(seconds=median(span.total_seconds() for span in spans))


@dataclass(frozen=True)
class Figures:
    days: int
    rows: list[FigureRow]
    total: FigureRow
    open_offers: int


def _row(label: str, opened: list[tuple]) -> FigureRow:
    to_match = [matched - at for at, matched, _done in opened if matched is not None]
    to_fulfil = [done - at for at, _matched, done in opened if done is not None]
    return FigureRow(
        label=label,
        opened=_count(len(opened)),
        matched=_count(len(to_match)),
        fulfilled=_count(len(to_fulfil)),
        to_match=_median(to_match),
        to_fulfil=_median(to_fulfil),
    )


def get_figures(*, viewer: AnyUser) -> Figures:
    """Requests opened in the last FIGURES_DAYS days, by kind of help: how many found someone
    and were fulfilled, and the median time to match and to fulfil. A kind with fewer than
    SMALLEST_SHOWN requests shows no numbers, so no one can be singled out."""
    if not can_manage_funds(viewer):
        raise NotFound()
    since = now() - timedelta(days=FIGURES_DAYS)
    by_category: dict[str, list[tuple]] = defaultdict(list)
    rows = AidRequest.objects.filter(opened_at__gte=since).values_list(
        "category", "opened_at", "matched_at", "fulfilled_at"
    )
    for category, *moments in rows:
        by_category[category].append(tuple(moments))
    labels = dict(Category.choices)
    return Figures(
        days=FIGURES_DAYS,
        rows=[
            _row(str(labels[code]), by_category[code])
            for code in Category.values
            if code in by_category
        ],
        total=_row("", [moment for moments in by_category.values() for moment in moments]),
        open_offers=AidOffer.objects.filter(state=OfferState.OPEN, expires_at__gt=now()).count(),
    )
