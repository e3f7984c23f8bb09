"""Matches on the aid board: offering to help with a request, asking a helper, an organiser's
dispatch, one match with its private thread, answering (accept or decline), stepping back,
writing in the thread and sharing contact details. A match you are not in and one that does
not exist are the same 404."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Router
from ninja.responses import Status
from pydantic import Field

from tejido.accounts.models import User
from tejido.aid import match_services
from tejido.aid.match_selectors import get_match, get_match_page
from tejido.aid.selectors import get_offer, get_request
from tejido.api.v1.aid import RequestId
from tejido.api.v1.aid_schemas import (
    AnswerIn,
    AskIn,
    ContactIn,
    HelpIn,
    MatchDetailOut,
    MatchOut,
    MessageIn,
    MessageOut,
    match_detail_out,
    match_out,
    message_out,
)
from tejido.api.v1.auth import actor
from tejido.api.v1.schemas import READ_ERRORS, WRITE_ERRORS, responses

router = Router(tags=["aid"])

MatchId = Annotated[int, Field(ge=1, le=2**63 - 1, examples=[1, 2, 3])]


def _match_body(me: User, match_id: int) -> dict[str, Any]:
    return match_detail_out(get_match_page(viewer=me, match_id=match_id))


@router.post(
    "/aid/requests/{request_id}/help",
    response=responses(MatchDetailOut, WRITE_ERRORS, status=201),
    exclude_unset=True,
    summary="Offer to help with a request",
)
def post_offer_help(request: HttpRequest, request_id: Path[RequestId], payload: HelpIn) -> object:
    """The requester is told and answers; your message opens the match's private thread."""
    me = actor(request)
    found = get_request(viewer=me, request_id=request_id)
    match = match_services.offer_help(actor=me, request=found, message=payload.message)
    return Status(201, _match_body(me, match.pk))


@router.post(
    "/aid/requests/{request_id}/ask",
    response=responses(MatchDetailOut, WRITE_ERRORS, status=201),
    exclude_unset=True,
    summary="Ask the helper of an offer to help with your request",
)
def post_ask_helper(request: HttpRequest, request_id: Path[RequestId], payload: AskIn) -> object:
    me = actor(request)
    found = get_request(viewer=me, request_id=request_id)
    offer = get_offer(viewer=me, offer_id=payload.offer_id)
    match = match_services.ask_helper(actor=me, request=found, offer=offer, message=payload.message)
    return Status(201, _match_body(me, match.pk))


@router.post(
    "/aid/requests/{request_id}/dispatch",
    response=responses(MatchDetailOut, WRITE_ERRORS, status=201),
    exclude_unset=True,
    summary="Dispatch a request to a helper's offer (organisers)",
)
def post_dispatch(request: HttpRequest, request_id: Path[RequestId], payload: AskIn) -> object:
    """Agreed at once; both sides are told and you may read and write in its thread."""
    me = actor(request)
    found = get_request(viewer=me, request_id=request_id)
    offer = get_offer(viewer=me, offer_id=payload.offer_id)
    match = match_services.dispatch(actor=me, request=found, offer=offer, message=payload.message)
    return Status(201, _match_body(me, match.pk))


@router.get(
    "/aid/matches/{match_id}",
    response=responses(MatchDetailOut, READ_ERRORS),
    exclude_unset=True,
    summary="One match, with its thread",
)
def get_aid_match(request: HttpRequest, match_id: Path[MatchId]) -> object:
    return _match_body(actor(request), match_id)


@router.post(
    "/aid/matches/{match_id}/answer",
    response=responses(MatchOut, WRITE_ERRORS),
    exclude_unset=True,
    summary="Accept or decline a match",
)
def post_answer_match(request: HttpRequest, match_id: Path[MatchId], payload: AnswerIn) -> object:
    """The side that did not propose it answers; with nothing waiting for your answer, a 409
    (`no_such_match`)."""
    me = actor(request)
    match = get_match(viewer=me, match_id=match_id)
    match_services.answer_match(actor=me, match=match, accept=payload.decision == "accept")
    return match_out(get_match_page(viewer=me, match_id=match_id).card)


@router.post(
    "/aid/matches/{match_id}/withdraw",
    response=responses(MatchOut, WRITE_ERRORS),
    exclude_unset=True,
    summary="Step back from a match",
)
def post_withdraw_match(request: HttpRequest, match_id: Path[MatchId]) -> object:
    """An agreed match's request goes back on the board."""
    me = actor(request)
    match_services.withdraw_match(actor=me, match=get_match(viewer=me, match_id=match_id))
    return match_out(get_match_page(viewer=me, match_id=match_id).card)


@router.post(
    "/aid/matches/{match_id}/messages",
    response=responses(MessageOut, WRITE_ERRORS, status=201),
    exclude_unset=True,
    summary="Write in a match's private thread",
)
def post_aid_message(request: HttpRequest, match_id: Path[MatchId], payload: MessageIn) -> object:
    me = actor(request)
    message = match_services.post_message(
        actor=me, match=get_match(viewer=me, match_id=match_id), body=payload.body
    )
    page = get_match_page(viewer=me, match_id=match_id)
    written = next(card for card in page.messages or [] if card.id == message.pk)
    return Status(201, message_out(written))


@router.put(
    "/aid/matches/{match_id}/contact",
    response=responses(MatchOut, WRITE_ERRORS),
    exclude_unset=True,
    summary="Share your contact details with the other side",
)
def put_aid_contact(request: HttpRequest, match_id: Path[MatchId], payload: ContactIn) -> object:
    """Each side sees the other's only once both have shared; empty stops sharing. Only in an
    agreed match (409 `not_agreed_yet` before)."""
    me = actor(request)
    match_services.share_contact(
        actor=me, match=get_match(viewer=me, match_id=match_id), contact=payload.contact
    )
    return match_out(get_match_page(viewer=me, match_id=match_id).card)
