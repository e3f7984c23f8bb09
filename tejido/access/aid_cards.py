"""The viewer-shaped cards of the aid board: what pages, the API and notices get of a request,
an offer, a match, a thread's message and a follow-up. A field the viewer may not see is
absent: an anonymous requester's card has no `requester` for other members (organisers know
them), contact details are on a match only for its two sides once both shared them, and a
follow-up's feedback only for whoever wrote it and the organisers."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from tejido.access.aid import (
    HELPER,
    ORGANISER,
    REQUESTER,
    can_answer_match,
    can_post_message,
    can_read_feedback,
    can_read_thread,
    can_see_requester,
    can_share_contact,
    can_withdraw_match,
    contacts_shared,
    side_of,
)
from tejido.access.base import AnyUser, is_vetted
from tejido.access.members import MemberCard, member_cards, visible_members, with_card_columns
from tejido.accounts.choices import language_name
from tejido.aid.models import (
    LIVE_MATCHES,
    AidOffer,
    AidRequest,
    FollowUp,
    Match,
    Message,
)
from tejido.core.choices import label


def windows_of(stored: Any) -> tuple[tuple[datetime, datetime], ...]:
    """Time windows as stored ([start, end] ISO 8601 pairs) as moments; a malformed one is
    left out rather than shown wrong."""
    shown = []
    for pair in stored or ():
        try:
            start, end = (datetime.fromisoformat(moment) for moment in pair)
        except (TypeError, ValueError):
            continue
        shown.append((start, end))
    return tuple(shown)


def _people(viewer: AnyUser | None, ids: Iterable[int]) -> dict[int, MemberCard]:
    """Cards of those among `ids` the viewer may see, in two queries (none without ids)."""
    wanted = set(ids)
    if not wanted or not is_vetted(viewer):
        return {}
    found = with_card_columns(visible_members(viewer).filter(pk__in=wanted))
    return {card.id: card for card in member_cards(viewer, found)}


@dataclass(frozen=True)
class BoardCard:
    id: int
    category: str
    category_label: str
    title: str
    description: str
    visibility: str
    visibility_label: str
    area_id: int | None
    area_name: str
    languages: tuple[str, ...]
    windows: tuple[tuple[datetime, datetime], ...]
    opened_at: datetime
    expires_at: datetime
    state: str
    state_label: str
    is_mine: bool

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages]


def _board_fields(viewer: AnyUser | None, item: Any, owner_id: int) -> dict[str, Any]:
    return {
        "id": item.pk,
        "category": item.category,
        "category_label": label(item, "category"),
        "title": item.title,
        "description": item.description,
        "visibility": item.visibility,
        "visibility_label": label(item, "visibility"),
        "area_id": item.area_id,
        "area_name": item.area.name if item.area is not None else "",
        "languages": tuple(item.languages or ()),
        "windows": windows_of(item.windows),
        "opened_at": item.opened_at,
        "expires_at": item.expires_at,
        "state": item.state,
        "state_label": label(item, "state"),
        "is_mine": viewer is not None and viewer.pk == owner_id,
    }


@dataclass(frozen=True)
class RequestCard(BoardCard):
    urgency: str = ""
    urgency_label: str = ""
    sensitive: bool = False
    anonymous: bool = False
    amount: Decimal | None = None
    purpose: str = ""
    matched_at: datetime | None = None
    started_at: datetime | None = None
    fulfilled_at: datetime | None = None
    ended_at: datetime | None = None
    # Who asked, when the viewer may know (see access.aid.can_see_requester).
    requester: MemberCard | None = None
    # The viewer's own live match on it, as a helper ("proposed", "accepted") or "".
    my_match: str = ""


def request_cards(
    viewer: AnyUser | None,
    requests: Iterable[AidRequest],
    *,
    revealed: frozenset[int] = frozenset(),
) -> list[RequestCard]:
    """Cards for requests (fetched with select_related("area")), in three queries whatever
    their number. `revealed` holds the ids of requests whose anonymous requester the viewer
    may know as their matched helper (both shared contact details)."""
    requests = list(requests)
    shown = {
        r.requester_id for r in requests if can_see_requester(viewer, r, revealed=r.pk in revealed)
    }
    people = _people(viewer, shown)
    mine: dict[int, str] = {}
    # A requester never helps with their own request: only others' can hold the viewer's match.
    theirs = [r.pk for r in requests if viewer is not None and r.requester_id != viewer.pk]
    if is_vetted(viewer) and theirs:
        assert viewer is not None
        mine = dict(
            Match.objects.filter(
                helper=viewer.pk, state__in=LIVE_MATCHES, request__in=theirs
            ).values_list("request", "state")
        )
    return [
        RequestCard(
            **_board_fields(viewer, r, r.requester_id),
            urgency=r.urgency,
            urgency_label=label(r, "urgency"),
            sensitive=r.sensitive,
            anonymous=r.anonymous,
            amount=r.amount,
            purpose=r.purpose,
            matched_at=r.matched_at,
            started_at=r.started_at,
            fulfilled_at=r.fulfilled_at,
            ended_at=r.ended_at,
            requester=people.get(r.requester_id) if r.requester_id in shown else None,
            my_match=mine.get(r.pk, ""),
        )
        for r in requests
    ]


@dataclass(frozen=True)
class OfferCard(BoardCard):
    helper: MemberCard | None = None


def offer_cards(viewer: AnyUser | None, offers: Iterable[AidOffer]) -> list[OfferCard]:
    """Cards for offers (fetched with select_related("area")), in two queries whatever their
    number."""
    offers = list(offers)
    people = _people(viewer, {o.helper_id for o in offers})
    return [
        OfferCard(**_board_fields(viewer, o, o.helper_id), helper=people.get(o.helper_id))
        for o in offers
    ]


@dataclass(frozen=True)
class MatchCard:
    id: int
    request_id: int
    # What the request is, for lists of one's matches (its sides and organisers see it).
    request_title: str
    request_category_label: str
    offer_id: int | None
    state: str
    state_label: str
    proposed_by: str
    dispatched: bool
    created_at: datetime
    answered_at: datetime | None
    # REQUESTER, HELPER or ORGANISER: where the viewer stands.
    my_side: str
    helper: MemberCard | None
    requester: MemberCard | None
    can_read_thread: bool
    can_answer: bool
    can_withdraw: bool
    can_post: bool
    can_share: bool
    # What the viewer chose to share, for themselves to see; the other side's only when both
    # shared ({"requester": …, "helper": …}): absent otherwise.
    my_contact: str = ""
    contacts: dict[str, str] = field(default_factory=dict)


def match_cards(viewer: AnyUser | None, matches: Iterable[Match]) -> list[MatchCard]:
    """Cards for matches (fetched with select_related("request")), in two queries whatever
    their number."""
    matches = list(matches)
    sides = {m.pk: side_of(viewer, m) for m in matches}
    revealed = {m.pk: sides[m.pk] in (REQUESTER, HELPER) and contacts_shared(m) for m in matches}
    requesters = {
        m.request.requester_id
        for m in matches
        if can_see_requester(viewer, m.request, revealed=revealed[m.pk])
    }
    people = _people(viewer, requesters | {m.helper_id for m in matches})
    cards = []
    for m in matches:
        side = sides[m.pk]
        own = {REQUESTER: m.requester_contact, HELPER: m.helper_contact}.get(side, "")
        cards.append(
            MatchCard(
                id=m.pk,
                request_id=m.request_id,
                request_title=m.request.title,
                request_category_label=label(m.request, "category"),
                offer_id=m.offer_id,
                state=m.state,
                state_label=label(m, "state"),
                proposed_by=m.proposed_by,
                dispatched=m.dispatched,
                created_at=m.created_at,
                answered_at=m.answered_at,
                my_side=side,
                helper=people.get(m.helper_id),
                requester=people.get(m.request.requester_id)
                if m.request.requester_id in requesters
                else None,
                can_read_thread=can_read_thread(viewer, m),
                can_answer=can_answer_match(viewer, m),
                can_withdraw=can_withdraw_match(viewer, m),
                can_post=can_post_message(viewer, m),
                can_share=can_share_contact(viewer, m),
                my_contact=own,
                contacts={"requester": m.requester_contact, "helper": m.helper_contact}
                if revealed[m.pk]
                else {},
            )
        )
    return cards


@dataclass(frozen=True)
class MessageCard:
    id: int
    body: str
    created_at: datetime
    is_mine: bool
    # The author's card when the viewer may know who wrote it; else None, and `by` says
    # which side wrote it (REQUESTER, HELPER or ORGANISER).
    author: MemberCard | None
    by: str


def message_cards(
    viewer: AnyUser | None, match: Match, messages: QuerySet[Message] | list[Message]
) -> list[MessageCard]:
    """A thread's messages (the caller checked `can_read_thread`), in two queries. An
    anonymous requester's messages carry no author for those who may not know them."""
    messages = list(messages)
    revealed = side_of(viewer, match) in (REQUESTER, HELPER) and contacts_shared(match)
    hidden = set()
    if not can_see_requester(viewer, match.request, revealed=revealed):
        hidden.add(match.request.requester_id)
    authors = {m.author_id for m in messages if m.author_id is not None}
    people = _people(viewer, authors - hidden)

    def by(author_id: int | None) -> str:
        if author_id == match.request.requester_id:
            return REQUESTER
        return HELPER if author_id == match.helper_id else ORGANISER

    return [
        MessageCard(
            id=m.pk,
            body=m.body,
            created_at=m.created_at,
            is_mine=viewer is not None and m.author_id == viewer.pk,
            author=people.get(m.author_id) if m.author_id is not None else None,
            by=by(m.author_id),
        )
        for m in messages
    ]


@dataclass(frozen=True)
class FollowUpCard:
    id: int
    match_id: int
    request_id: int
    asked_at: datetime
    answered_at: datetime | None
    happened: bool | None
    is_mine: bool
    # Whose it is: REQUESTER or HELPER.
    by: str
    # Present only for whoever answered and the organisers.
    feedback: str | None = None


def follow_up_cards(viewer: AnyUser | None, follow_ups: Iterable[FollowUp]) -> list[FollowUpCard]:
    """Pass follow-ups fetched with select_related("match__request")."""
    return [
        FollowUpCard(
            id=f.pk,
            match_id=f.match_id,
            request_id=f.match.request_id,
            asked_at=f.asked_at,
            answered_at=f.answered_at,
            happened=f.happened,
            is_mine=viewer is not None and f.user_id == viewer.pk,
            by=REQUESTER if f.user_id == f.match.request.requester_id else HELPER,
            feedback=f.feedback if can_read_feedback(viewer, f) else None,
        )
        for f in follow_ups
    ]
