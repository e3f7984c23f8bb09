"""The member's private calendar feed, as its settings page shows it: whether there is one and
when its address was made, making one, a new address for it, and stopping it.

The feed's address holds a secret that is never kept (only its digest is): it is in the answer
that makes it, once, and in no other answer, as on the page. A new address stops the old one
at once; so does stopping the feed."""

from datetime import datetime

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import Field

from tejido.api.v1.auth import actor
from tejido.api.v1.schemas import READ_ERRORS, WRITE_ERRORS, responses
from tejido.core.errors import Conflict, NotFound
from tejido.gatherings.calendar_selectors import get_my_feed
from tejido.gatherings.calendar_services import create_or_renew_feed, revoke_feed

router = Router(tags=["me"])


class FeedExists(Conflict):
    code = "feed_exists"
    message = _(
        "You already have a calendar feed. Its address is shown only once, when it is made: "
        "make a new address to see one (the old one stops working)."
    )


class CalendarFeedOut(Schema):
    exists: bool = Field(description="You have a feed (its address is never shown again).")
    created_at: datetime | None = Field(description="When its current address was made.")


class NewCalendarFeedOut(Schema):
    """The feed's new address, shown this once: the secret in it is not kept anywhere."""

    url: str = Field(description="Add it to a calendar app as a subscription.")
    webcal_url: str = Field(description="The same address for calendar apps that open webcal://.")
    created_at: datetime


def _state(request: HttpRequest) -> dict[str, object]:
    feed = get_my_feed(viewer=actor(request))
    return {
        "exists": feed is not None,
        "created_at": feed.created_at if feed is not None else None,
    }


def _new_address(request: HttpRequest) -> dict[str, object]:
    me = actor(request)
    secret = create_or_renew_feed(actor=me)
    feed = get_my_feed(viewer=me)
    if feed is None:  # pragma: no cover - the service has just made it
        raise NotFound()
    url = settings.SITE_URL + reverse("calendar_feed", args=[secret])
    webcal = url.replace("https://", "webcal://", 1).replace("http://", "webcal://", 1)
    return {"url": url, "webcal_url": webcal, "created_at": feed.created_at}


@router.get(
    "/me/calendar-feed",
    response=responses(CalendarFeedOut, READ_ERRORS),
    summary="My calendar feed",
)
def get_calendar_feed(request: HttpRequest) -> object:
    """Whether you have a private calendar feed and when its address was made. Never the
    address itself: it is shown once, when it is made."""
    return _state(request)


@router.post(
    "/me/calendar-feed",
    response=responses(NewCalendarFeedOut, WRITE_ERRORS, status=201),
    summary="Make my calendar feed",
)
def post_calendar_feed(request: HttpRequest) -> object:
    """A private feed of the gatherings you go, might go to or host, from 30 days ago on;
    the exact place only while the gathering's page would show it to you. Its address is in
    this answer and nowhere else: anyone who has it can read the feed. When you already have a
    feed, a 409 (`feed_exists`): make a new address instead."""
    if get_my_feed(viewer=actor(request)) is not None:
        raise FeedExists()
    return Status(201, _new_address(request))


@router.post(
    "/me/calendar-feed/renew",
    response=responses(NewCalendarFeedOut, WRITE_ERRORS),
    summary="Make a new address for my calendar feed",
)
def post_renew_calendar_feed(request: HttpRequest) -> object:
    """The old address stops working at once; the new one is in this answer and nowhere else.
    Without a feed, this makes one."""
    return _new_address(request)


@router.delete(
    "/me/calendar-feed",
    response=responses(None, WRITE_ERRORS, status=204),
    summary="Stop my calendar feed",
)
def delete_calendar_feed(request: HttpRequest) -> object:
    """Its address stops working everywhere at once. Stopping a feed you do not have does
    nothing."""
    revoke_feed(actor=actor(request))
    return Status(204, None)
