"""Calendar files: one date and a series' dates for a member who sees the event, a member's
private feed at a secret address (no login: calendar apps fetch it on their own), and the
settings page where a member makes, renews or revokes that feed."""

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.gatherings.calendar_selectors import (
    CalendarDates,
    get_feed_calendar,
    get_feed_owner,
    get_my_feed,
    get_occurrence_calendar,
    get_series_calendar,
)
from tejido.gatherings.calendar_services import create_or_renew_feed, revoke_feed
from tejido.gatherings.calendars import occurrence_ics
from tejido.gatherings.event_services import note_place_shown
from tejido.network.selectors import get_network_settings
from tejido.web.views.members import me, vetted_only

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _calendar_response(
    viewer: User, dates: CalendarDates, *, calendar_name: str = "", download: bool = True
) -> HttpResponse:
    body = occurrence_ics(
        entries=dates.entries,
        discreet=viewer.discreet_mode,
        calendar_name=calendar_name,
        now=now(),
    )
    for occurrence in dates.places_shown:
        note_place_shown(viewer=viewer, occurrence=occurrence)
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    # The name says nothing about the gathering: a downloads folder is seen by others too.
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="calendar.ics"'
    # Cache-Control: PrivateCacheMiddleware makes every answer `no-store` (no cache, shared or
    # private, keeps it), which is stricter than `private`.
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_safe
@vetted_only
def occurrence_calendar(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    dates = get_occurrence_calendar(viewer=me(request), occurrence_id=occurrence_id)
    return _calendar_response(me(request), dates)


@require_safe
@vetted_only
def series_calendar(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    dates = get_series_calendar(viewer=me(request), occurrence_id=occurrence_id)
    return _calendar_response(me(request), dates)


@require_safe
def calendar_feed(request: HttpRequest, secret: str) -> HttpResponse:
    """Whoever holds the address gets the feed as its member sees it, in their language and
    discreet mode; anything else (a wrong or old secret, a suspended member) is the 404 page."""
    owner = get_feed_owner(secret=secret)
    with translation.override(owner.language):
        dates = get_feed_calendar(owner=owner)
        name = "" if owner.discreet_mode else get_network_settings(viewer=owner).name
        return _calendar_response(owner, dates, calendar_name=name, download=False)


def feed_address(secret: str) -> str:
    return settings.SITE_URL + reverse("calendar_feed", args=[secret])


def _feed_page(request: HttpRequest, *, secret: str = "") -> HttpResponse:
    address = feed_address(secret) if secret else ""
    return render(
        request,
        "calendars/feed.html",
        {
            "feed": get_my_feed(viewer=request.user),
            "address": address,
            "webcal": address.replace("https://", "webcal://", 1).replace(
                "http://", "webcal://", 1
            ),
        },
    )


@reauthentication_required
def _create(request: HttpRequest) -> HttpResponse:
    """The feed shows the places of the member's gatherings to whoever has its address, so
    making one asks for a recent login, as an API token does."""
    secret = create_or_renew_feed(actor=me(request))
    # Rendered straight away, never redirected: the secret must not wait in a session.
    return _feed_page(request, secret=secret)


@require_http_methods(["GET", "HEAD", "POST"])
@vetted_only
def calendar_feed_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        if "revoke" in request.POST:
            if revoke_feed(actor=me(request)):
                messages.success(
                    request,
                    _("Your calendar feed is stopped. Its address no longer works anywhere."),
                )
            return redirect("calendar_feed_settings")
        return _create(request)
    return _feed_page(request)


urlpatterns = [
    path(
        "events/<int:occurrence_id>/calendar.ics", occurrence_calendar, name="occurrence_calendar"
    ),
    path("events/<int:occurrence_id>/series.ics", series_calendar, name="series_calendar"),
    path("calendar/<str:secret>.ics", calendar_feed, name="calendar_feed"),
    path("me/calendar/", calendar_feed_settings, name="calendar_feed_settings"),
]
