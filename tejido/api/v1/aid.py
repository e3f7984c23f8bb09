"""The aid board: open requests and offers (filters and search), one request or offer with what
you may do, asking for help and offering it, changing and closing them, marking a request
started or done. A request or an offer you may not see and one that does not exist are the
same 404. Matches and their threads are in aid_matches.py."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router
from ninja.responses import Status
from pydantic import Field

from tejido.aid import services
from tejido.aid.selectors import (
    BoardFilters,
    get_offer,
    get_offer_page,
    get_request,
    get_request_page,
    list_board_offers,
    list_board_requests,
    request_card,
)
from tejido.api.v1.aid_schemas import (
    CLEARABLE,
    BoardQuery,
    OfferChangesIn,
    OfferDetailOut,
    OfferIn,
    OfferOut,
    OfferPageOut,
    OfferQuery,
    ProgressIn,
    RequestChangesIn,
    RequestDetailOut,
    RequestIn,
    RequestOut,
    RequestPageOut,
    offer_out,
    request_detail_out,
    request_out,
    suggested_request_out,
    windows_in,
)
from tejido.api.v1.auth import actor
from tejido.api.v1.schemas import READ_ERRORS, WRITE_ERRORS, numbered_page, responses

router = Router(tags=["aid"])

# Ids with examples, which the schemathesis run tries first (proof/test_api_fuzz.py seeds
# requests and offers with these ids).
RequestId = Annotated[int, Field(ge=1, le=2**63 - 1, examples=[1, 2, 3])]
OfferId = Annotated[int, Field(ge=1, le=2**63 - 1, examples=[1, 2, 3])]


def board_filters(query: BoardQuery | OfferQuery) -> BoardFilters:
    return BoardFilters(
        category=query.category or "",
        area=query.area,
        urgency=getattr(query, "urgency", None) or "",
        language=query.language or "",
        query=query.q.strip(),
    )


def _changes(payload: Any) -> dict[str, Any]:
    changes = payload.model_dump(exclude_unset=True)
    for name in list(changes):
        if changes[name] is None and name not in CLEARABLE:
            del changes[name]  # `null` leaves a field as it is, like leaving it out
    if "windows" in changes:
        changes["windows"] = windows_in(payload.windows)
    return changes


@router.get(
    "/aid/requests",
    response=responses(RequestPageOut, READ_ERRORS),
    exclude_unset=True,
    summary="Open requests",
)
def get_aid_requests(request: HttpRequest, query: Query[BoardQuery]) -> object:
    """The open requests you may see, the most urgent and longest waiting first, 20 a page."""
    page = list_board_requests(viewer=actor(request), filters=board_filters(query), page=query.page)
    return numbered_page(page, request_out)


@router.post(
    "/aid/requests",
    response=responses(RequestDetailOut, WRITE_ERRORS, status=201),
    exclude_unset=True,
    summary="Ask for help",
)
def post_aid_request(request: HttpRequest, payload: RequestIn) -> object:
    """A request of yours; at most a few a day (409 `too_many_requests` past them). Its
    visibility defaults by category."""
    me = actor(request)
    fields = payload.model_dump(exclude_none=True)
    fields["windows"] = windows_in(payload.windows)
    made = services.open_request(actor=me, **fields)
    return Status(201, request_detail_out(get_request_page(viewer=me, request_id=made.pk)))


@router.get(
    "/aid/requests/{request_id}",
    response=responses(RequestDetailOut, READ_ERRORS),
    exclude_unset=True,
    summary="One request",
)
def get_aid_request(request: HttpRequest, request_id: Path[RequestId]) -> object:
    return request_detail_out(get_request_page(viewer=actor(request), request_id=request_id))


@router.patch(
    "/aid/requests/{request_id}",
    response=responses(RequestDetailOut, WRITE_ERRORS),
    exclude_unset=True,
    summary="Change your open request",
)
def patch_aid_request(
    request: HttpRequest, request_id: Path[RequestId], payload: RequestChangesIn
) -> object:
    """Only the fields sent change; nothing changes unless all of it is valid. `null` clears
    the area and the amount and resets the expiry."""
    me = actor(request)
    found = get_request(viewer=me, request_id=request_id)
    services.edit_request(actor=me, request=found, **_changes(payload))
    return request_detail_out(get_request_page(viewer=me, request_id=request_id))


@router.post(
    "/aid/requests/{request_id}/close",
    response=responses(RequestOut, WRITE_ERRORS),
    exclude_unset=True,
    summary="Close a request (its requester, or organisers)",
)
def post_close_aid_request(request: HttpRequest, request_id: Path[RequestId]) -> object:
    me = actor(request)
    found = services.close_request(actor=me, request=get_request(viewer=me, request_id=request_id))
    return request_out(request_card(viewer=me, request=found))


@router.post(
    "/aid/requests/{request_id}/progress",
    response=responses(RequestOut, WRITE_ERRORS),
    exclude_unset=True,
    summary="Say the help started, or is done",
)
def post_aid_progress(
    request: HttpRequest, request_id: Path[RequestId], payload: ProgressIn
) -> object:
    """`started`: either side of the agreed match; `fulfilled`: the requester (or organisers).
    A request that has found nobody is a 409 (`not_under_way`)."""
    me = actor(request)
    found = get_request(viewer=me, request_id=request_id)
    if payload.step == "started":
        found = services.mark_started(actor=me, request=found)
    else:
        found = services.mark_fulfilled(actor=me, request=found)
    return request_out(request_card(viewer=me, request=found))


@router.get(
    "/aid/offers",
    response=responses(OfferPageOut, READ_ERRORS),
    exclude_unset=True,
    summary="Open offers",
)
def get_aid_offers(request: HttpRequest, query: Query[OfferQuery]) -> object:
    page = list_board_offers(viewer=actor(request), filters=board_filters(query), page=query.page)
    return numbered_page(page, offer_out)


def _offer_detail(me: Any, offer_id: int) -> dict[str, Any]:
    page = get_offer_page(viewer=me, offer_id=offer_id)
    return {
        **offer_out(page.card),
        "suggestions": [suggested_request_out(s) for s in page.suggestions],
        "can_edit": page.can_edit,
        "can_close": page.can_close,
    }


@router.post(
    "/aid/offers",
    response=responses(OfferDetailOut, WRITE_ERRORS, status=201),
    exclude_unset=True,
    summary="Offer help",
)
def post_aid_offer(request: HttpRequest, payload: OfferIn) -> object:
    me = actor(request)
    fields = payload.model_dump(exclude_none=True)
    fields["windows"] = windows_in(payload.windows)
    made = services.open_offer(actor=me, **fields)
    return Status(201, _offer_detail(me, made.pk))


@router.get(
    "/aid/offers/{offer_id}",
    response=responses(OfferDetailOut, READ_ERRORS),
    exclude_unset=True,
    summary="One offer",
)
def get_aid_offer(request: HttpRequest, offer_id: Path[OfferId]) -> object:
    """With, for its helper, the open requests it suits best and why."""
    return _offer_detail(actor(request), offer_id)


@router.patch(
    "/aid/offers/{offer_id}",
    response=responses(OfferDetailOut, WRITE_ERRORS),
    exclude_unset=True,
    summary="Change your open offer",
)
def patch_aid_offer(
    request: HttpRequest, offer_id: Path[OfferId], payload: OfferChangesIn
) -> object:
    me = actor(request)
    services.edit_offer(
        actor=me, offer=get_offer(viewer=me, offer_id=offer_id), **_changes(payload)
    )
    return _offer_detail(me, offer_id)


@router.post(
    "/aid/offers/{offer_id}/close",
    response=responses(OfferOut, WRITE_ERRORS),
    exclude_unset=True,
    summary="Close an offer (its helper, or organisers)",
)
def post_close_aid_offer(request: HttpRequest, offer_id: Path[OfferId]) -> object:
    me = actor(request)
    services.close_offer(actor=me, offer=get_offer(viewer=me, offer_id=offer_id))
    return offer_out(get_offer_page(viewer=me, offer_id=offer_id).card)
