"""The member's private calendar feed, as its settings page shows it: whether there is one,
when its address was made, and stopping it.

Making an address (or a new one) is the settings page's alone, after a fresh login: the
address outlives whatever made it, so a token taken from someone could otherwise leave them
with a feed that keeps telling its holder where they will be long after the token is revoked.
The address holds a secret that is never kept (only its digest is), so no answer here can hold
it either."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from tejido.api.v1.auth import actor
from tejido.api.v1.schemas import READ_ERRORS, WRITE_ERRORS, responses
from tejido.gatherings.calendar_selectors import get_my_feed
from tejido.gatherings.calendar_services import revoke_feed

router = Router(tags=["me"])


class CalendarFeedOut(Schema):
    exists: bool = Field(description="You have a feed (its address is never shown again).")
    created_at: datetime | None = Field(description="When its current address was made.")


@router.get(
    "/me/calendar-feed",
    response=responses(CalendarFeedOut, READ_ERRORS),
    summary="My calendar feed",
)
def get_calendar_feed(request: HttpRequest) -> object:
    """Whether you have a private calendar feed and when its address was made. Never the
    address itself: it is shown once, on the settings page that makes it."""
    feed = get_my_feed(viewer=actor(request))
    return {
        "exists": feed is not None,
        "created_at": feed.created_at if feed is not None else None,
    }


@router.delete(
    "/me/calendar-feed",
    response=responses(None, WRITE_ERRORS, status=204),
    summary="Stop my calendar feed",
)
def delete_calendar_feed(request: HttpRequest) -> object:
    """Its address stops working everywhere at once. Stopping a feed you do not have does
    nothing. A new address is made on the settings page, after logging in again."""
    revoke_feed(actor=actor(request))
    return Status(204, None)
