"""The aid board as it concerns you: your requests and offers with the best suggestions for
each (your offers' are the requests you could help with), the matches you help in and the
follow-ups waiting for you, and answering one; and, for organisers, the dispatch queue. The
same as the pages `aid_mine`, `aid_follow_up` and `aid_dispatch`."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema
from pydantic import ConfigDict, Field

from tejido.access.aid_cards import RequestCard
from tejido.aid import match_services, rules
from tejido.aid.match_selectors import (
    DispatchRow,
    follow_up_card,
    get_follow_up,
    list_dispatch_queue,
)
from tejido.aid.selectors import MyOffer, get_my_board
from tejido.aid.suggestions import SuggestedOffer
from tejido.api.v1.aid import board_filters
from tejido.api.v1.aid_schemas import (
    BoardQuery,
    FollowUpOut,
    MatchOut,
    OfferOut,
    RequestOut,
    SuggestedOfferOut,
    SuggestedRequestOut,
    follow_up_out,
    match_out,
    offer_out,
    request_out,
    suggested_offer_out,
    suggested_request_out,
)
from tejido.api.v1.auth import actor
from tejido.api.v1.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    InputSchema,
    NumberedPageOut,
    Text,
    numbered_page,
    responses,
)

router = Router(tags=["aid"])

FollowUpId = Annotated[int, Field(ge=1, le=2**63 - 1, examples=[1, 2, 3])]


class RequestWithOffersOut(Schema):
    """A request with the offers that suit it best, and why: mine, or one in the dispatch
    queue."""

    request: RequestOut
    suggestions: list[SuggestedOfferOut]


class MyOfferOut(Schema):
    offer: OfferOut
    suggestions: list[SuggestedRequestOut] = Field(
        description="The open requests this offer could meet, best first, and why."
    )


class MineOut(Schema):
    """Your requests and offers still running (the open ones with their suggestions), the
    matches you help in, the follow-ups waiting for your answer, and the latest that ended."""

    requests: list[RequestWithOffersOut]
    offers: list[MyOfferOut]
    helping: list[MatchOut]
    follow_ups: list[FollowUpOut]
    past_requests: list[RequestOut]
    past_offers: list[OfferOut]


def _request_with_offers(card: RequestCard, suggestions: list[SuggestedOffer]) -> dict[str, Any]:
    return {
        "request": request_out(card),
        "suggestions": [suggested_offer_out(s) for s in suggestions],
    }


def _my_offer_out(mine: MyOffer) -> dict[str, Any]:
    return {
        "offer": offer_out(mine.card),
        "suggestions": [suggested_request_out(s) for s in mine.suggestions],
    }


@router.get(
    "/aid/mine",
    response=responses(MineOut, READ_ERRORS),
    exclude_unset=True,
    summary="My requests and offers",
)
def get_my_aid(request: HttpRequest) -> object:
    board = get_my_board(viewer=actor(request))
    return {
        "requests": [_request_with_offers(mine.card, mine.suggestions) for mine in board.requests],
        "offers": [_my_offer_out(mine) for mine in board.offers],
        "helping": [match_out(card) for card in board.helping],
        "follow_ups": [follow_up_out(card) for card in board.follow_ups],
        "past_requests": [request_out(card) for card in board.past_requests],
        "past_offers": [offer_out(card) for card in board.past_offers],
    }


class FollowUpIn(InputSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"happened": True}]})

    happened: bool = Field(description="Whether the help happened.")
    feedback: Annotated[Text, Field(max_length=rules.FEEDBACK_MAX)] = Field(
        "", description="For the organisers only."
    )


@router.post(
    "/aid/follow-ups/{follow_up_id}",
    response=responses(FollowUpOut, WRITE_ERRORS),
    exclude_unset=True,
    summary="Answer a follow-up",
)
def post_follow_up(
    request: HttpRequest, follow_up_id: Path[FollowUpId], payload: FollowUpIn
) -> object:
    """Your own follow-up, once: the requester's "yes" marks a request under way fulfilled.
    Someone else's, or one already answered, is the same 404 as a missing one."""
    me = actor(request)
    found = get_follow_up(viewer=me, follow_up_id=follow_up_id)
    answered = match_services.answer_follow_up(
        actor=me, follow_up=found, happened=payload.happened, feedback=payload.feedback
    )
    return follow_up_out(follow_up_card(viewer=me, follow_up=answered))


class DispatchPageOut(NumberedPageOut):
    items: list[RequestWithOffersOut]


def _dispatch_row_out(row: DispatchRow) -> dict[str, Any]:
    return _request_with_offers(row.request, row.suggestions)


@router.get(
    "/aid/dispatch",
    response=responses(DispatchPageOut, READ_ERRORS),
    exclude_unset=True,
    summary="The dispatch queue",
)
def get_dispatch_queue(request: HttpRequest, query: Query[BoardQuery]) -> object:
    """For organisers: every open request, the most urgent and longest waiting first, each with
    the offers that suit it best. Anyone else gets the 404 of a missing page."""
    page = list_dispatch_queue(viewer=actor(request), filters=board_filters(query), page=query.page)
    return numbered_page(page, _dispatch_row_out)
