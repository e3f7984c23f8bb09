"""Peer buddies: one's own status (opt-in, pairs, proposals), suggestions with their reasons,
proposing, answering and ending a pairing, and an active pair's private thread. A pair you are
not a side of and one that does not exist are the same 404; organisers see no pairs."""

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Path, Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from tejido.access.buddies import PairCard, SuggestionCard, ThreadMessageCard
from tejido.accounts.models import User
from tejido.api.v1.auth import actor
from tejido.api.v1.schemas import READ_ERRORS, WRITE_ERRORS, InputSchema, Text, responses
from tejido.buddies import services
from tejido.buddies.selectors import get_buddy_home, get_pair, get_pair_page, list_suggestions
from tejido.buddies.services import CODE_MAX, MAX_CODES
from tejido.buddies.threads import MESSAGE_MAX

router = Router(tags=["buddies"])

PairId = Annotated[int, Field(ge=1, le=2**63 - 1, examples=[1, 2, 3])]
Role = Literal["seeker", "buddy"]
Codes = Annotated[list[Annotated[str, Field(max_length=CODE_MAX)]], Field(max_length=MAX_CODES)]


class PairOut(Schema):
    """One of your pairs: the other's chosen name, your role in it and what you may do."""

    id: int
    other_name: str
    my_role: Role
    state: Literal["proposed", "active", "declined", "withdrawn", "ended"]
    proposed_by_me: bool
    created_at: datetime
    can_accept: bool
    can_end: bool
    can_post: bool


class ThreadMessageOut(Schema):
    id: int
    body: str
    created_at: datetime
    is_mine: bool
    author_name: str


class PairDetailOut(Schema):
    pair: PairOut
    messages: list[ThreadMessageOut] | SkipJsonSchema[None] = Field(
        default=None, description="The thread while the pair is active; absent otherwise."
    )


class StatusOut(Schema):
    """What you opted in with (yours alone) and your pairs."""

    opted_in: bool
    seeking: bool
    offering: bool
    languages: list[str]
    area_id: int | None
    topics: list[str]
    availability: list[str]
    active: list[PairOut]
    waiting_for_me: list[PairOut]
    waiting_for_them: list[PairOut]


class SuggestionOut(Schema):
    """Someone you could pair with: only their chosen name and what you share."""

    id: int
    chosen_name: str
    their_role: Role
    reasons: list[str]


class OptInIn(InputSchema):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"seeking": True, "languages": ["es"], "topics": ["family"]}]
        },
    )

    seeking: bool = False
    offering: bool = False
    languages: Codes = Field(default_factory=list)
    area_id: Annotated[int, Field(ge=1, le=2**63 - 1)] | None = None
    topics: Codes = Field(default_factory=list)
    availability: Codes = Field(default_factory=list)


class ProposeIn(InputSchema):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"other_id": 2, "role": "seeker"}]}
    )

    other_id: Annotated[int, Field(ge=1, le=2**63 - 1)]
    role: Role = Field(description="seeker: they would be your buddy; buddy: you would be theirs.")


class PairAnswerIn(InputSchema):
    decision: Literal["accept", "decline"]


class ThreadMessageIn(InputSchema):
    body: Annotated[Text, Field(min_length=1, max_length=MESSAGE_MAX)]


def pair_out(card: PairCard) -> dict[str, Any]:
    return {name: getattr(card, name) for name in PairOut.model_fields}


def message_out(card: ThreadMessageCard) -> dict[str, Any]:
    return {name: getattr(card, name) for name in ThreadMessageOut.model_fields}


def suggestion_out(card: SuggestionCard) -> dict[str, Any]:
    return {name: getattr(card, name) for name in SuggestionOut.model_fields}


def _status(me: User) -> dict[str, Any]:
    home = get_buddy_home(viewer=me)
    profile = home.profile
    return {
        "opted_in": bool(profile and profile.opted_in),
        "seeking": bool(profile and profile.seeking),
        "offering": bool(profile and profile.offering),
        "languages": list(profile.languages) if profile else [],
        "area_id": profile.area_id if profile else None,
        "topics": list(profile.topics) if profile else [],
        "availability": list(profile.availability) if profile else [],
        "active": [pair_out(c) for c in home.active],
        "waiting_for_me": [pair_out(c) for c in home.waiting_for_me],
        "waiting_for_them": [pair_out(c) for c in home.waiting_for_them],
    }


def _detail(me: User, pair_id: int) -> dict[str, Any]:
    page = get_pair_page(viewer=me, pair_id=pair_id)
    body: dict[str, Any] = {"pair": pair_out(page.card)}
    if page.messages is not None:
        body["messages"] = [message_out(m) for m in page.messages]
    return body


@router.get("/buddies", response=responses(StatusOut, READ_ERRORS), summary="My buddy status")
def get_buddy_status(request: HttpRequest) -> object:
    return _status(actor(request))


@router.put(
    "/buddies/opt-in",
    response=responses(StatusOut, WRITE_ERRORS),
    summary="Opt in as looking for a buddy, able to be one, or both",
)
def put_buddy_opt_in(request: HttpRequest, payload: OptInIn) -> object:
    """Nobody sees these lists: the matching uses them, and a suggestion shows only your
    chosen name and what you share. Neither seeking nor offering: not opted in."""
    me = actor(request)
    services.opt_in(actor=me, **payload.model_dump())
    return _status(me)


@router.delete(
    "/buddies/opt-in", response=responses(None, WRITE_ERRORS, status=204), summary="Opt out"
)
def delete_buddy_opt_in(request: HttpRequest) -> object:
    services.opt_out(actor=actor(request))
    return Status(204, None)


@router.get(
    "/buddies/suggestions",
    response=responses(list[SuggestionOut], READ_ERRORS),
    summary="People you could pair with, with what you share",
)
def get_buddy_suggestions(request: HttpRequest) -> object:
    return [suggestion_out(card) for card in list_suggestions(viewer=actor(request))]


@router.post(
    "/buddies/pairs",
    response=responses(PairDetailOut, WRITE_ERRORS, status=201),
    exclude_unset=True,
    summary="Propose a pairing to someone suggested",
)
def post_buddy_proposal(request: HttpRequest, payload: ProposeIn) -> object:
    me = actor(request)
    pair = services.propose(actor=me, other_id=payload.other_id, role=payload.role)
    return Status(201, _detail(me, pair.pk))


@router.get(
    "/buddies/pairs/{pair_id}",
    response=responses(PairDetailOut, READ_ERRORS),
    exclude_unset=True,
    summary="One of my pairs, with its thread while active",
)
def get_buddy_pair(request: HttpRequest, pair_id: Path[PairId]) -> object:
    return _detail(actor(request), pair_id)


@router.post(
    "/buddies/pairs/{pair_id}/answer",
    response=responses(PairDetailOut, WRITE_ERRORS),
    exclude_unset=True,
    summary="Accept or decline a proposal",
)
def post_buddy_answer(request: HttpRequest, pair_id: Path[PairId], payload: PairAnswerIn) -> object:
    me = actor(request)
    services.answer(
        actor=me, pair=get_pair(viewer=me, pair_id=pair_id), accept=payload.decision == "accept"
    )
    return _detail(me, pair_id)


@router.post(
    "/buddies/pairs/{pair_id}/end",
    response=responses(PairDetailOut, WRITE_ERRORS),
    exclude_unset=True,
    summary="End a pairing, or withdraw or decline a proposal",
)
def post_buddy_end(request: HttpRequest, pair_id: Path[PairId]) -> object:
    """No reason is asked; the other sees only that it ended."""
    me = actor(request)
    services.end_pair(actor=me, pair=get_pair(viewer=me, pair_id=pair_id))
    return _detail(me, pair_id)


@router.post(
    "/buddies/pairs/{pair_id}/messages",
    response=responses(ThreadMessageOut, WRITE_ERRORS, status=201),
    summary="Write in an active pair's thread",
)
def post_buddy_message(
    request: HttpRequest, pair_id: Path[PairId], payload: ThreadMessageIn
) -> object:
    me = actor(request)
    message = services.post_message(
        actor=me, pair=get_pair(viewer=me, pair_id=pair_id), body=payload.body
    )
    page = get_pair_page(viewer=me, pair_id=pair_id)
    written = next(card for card in page.messages or [] if card.id == message.pk)
    return Status(201, message_out(written))
