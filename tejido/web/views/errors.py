"""Error pages: translated, in the site's frame, and never a stack trace. A missing page and a
forbidden one look the same."""

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def _error(request: HttpRequest, status: int, *, reason: str = "") -> HttpResponse:
    try:
        return render(
            request, "web/error.html", {"status": status, "reason": reason}, status=status
        )
    except Exception:
        # The page frame itself failed (the database is down, say): a bare page, still ours,
        # still translated, still without any detail of what broke.
        logger.exception("The error page could not be rendered")
        return _bare_error(status)


def _bare_error(status: int) -> HttpResponse:
    if status == 404:
        title = _("Page not found")
        text = _("There is nothing here, or it is not available to you.")
    elif status == 400:
        title = _("Bad request")
        text = _("We could not understand that request. Go back and try again.")
    else:
        title = _("Something went wrong")
        text = _("Sorry, something went wrong on our side. Please try again in a moment.")
    html = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
        f"</head><body><main><h1>{escape(title)}</h1><p>{escape(text)}</p></main></body></html>"
    )
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Forbidden looks exactly like missing: nobody learns that a hidden thing exists.
    return _error(request, 404)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid security token: most often a page left open too long, or
    cookies blocked. Say so, in the member's language, without Django's technical page."""
    return _error(request, 403, reason="csrf")
