"""Request-wide safety and locale behaviour."""

from collections.abc import Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation

from tejido.membership.selectors import needs_conduct_acceptance

Handler = Callable[[HttpRequest], HttpResponse]


class MemberLocaleMiddleware:
    """A logged-in member's saved language and time zone win over the browser's and the
    language cookie; the cookie (set by the switcher) covers everyone else."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            try:
                timezone.activate(ZoneInfo(user.time_zone))
            except (ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        else:
            timezone.deactivate()
        return self.get_response(request)


class EndInactiveSessionsMiddleware:
    """A suspended or removed member is logged out on their very next request, whichever
    session or device it comes from."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and user.state in ("suspended", "removed"):
            logout(request)
        return self.get_response(request)


class ConductGateMiddleware:
    """A member who has not accepted the current code of conduct is asked to before anything
    else. Account, language and exit pages stay reachable."""

    ALWAYS_ALLOWED = ("/accounts/", "/i18n/", "/static/", "/api/", "/conduct/", "/about/")

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and user.state == "member"
            and not request.path.startswith(self.ALWAYS_ALLOWED)
            and request.path != "/"
        ):
            if needs_conduct_acceptance(user=user):
                return redirect(f"{reverse('conduct')}?next={request.path}")
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Pages may carry personal data: no shared or browser cache keeps them."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store"
        return response
