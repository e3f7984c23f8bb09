"""Request-wide safety and locale behaviour."""

from collections.abc import Callable
from typing import cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme

from tejido.access.base import is_vetted, may_sign_in
from tejido.accounts.models import User
from tejido.core.errors import DomainError, InvalidInput, NotAllowed, NotFound
from tejido.membership.selectors import current_conduct, needs_conduct_acceptance
from tejido.web.views.errors import not_found

Handler = Callable[[HttpRequest], HttpResponse]

# Powerful browser features Tejido never uses, turned off for its pages and anything they could
# embed; passkeys (WebAuthn) stay allowed for Tejido itself. Only features browsers recognise:
# an unknown name is an error in the console.
PERMISSIONS_POLICY = ", ".join(
    [
        *(
            f"{feature}=()"
            for feature in (
                "accelerometer",
                "autoplay",
                "camera",
                "display-capture",
                "encrypted-media",
                "geolocation",
                "gyroscope",
                "hid",
                "idle-detection",
                "magnetometer",
                "microphone",
                "midi",
                "payment",
                "picture-in-picture",
                "screen-wake-lock",
                "serial",
                "usb",
                "xr-spatial-tracking",
            )
        ),
        "publickey-credentials-create=(self)",
        "publickey-credentials-get=(self)",
    ]
)
# What logging out asks the browser to forget: its cached copies of pages and anything a page
# stored. Not "cookies": the language and discreet cookies must outlive the session.
CLEAR_ON_LOGOUT = '"cache", "storage"'

# Set on a device where a member in discreet mode has been logged in: the pages seen there
# after logging out keep the neutral title and icon.
DISCREET_COOKIE_NAME = "tejido_discreet"


class BrowserPolicyMiddleware:
    """Headers for every answer, static files included (so it runs before WhiteNoise):
    the features policy, resources for this site only, and a clean slate after logging out."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        # allauth logs out on a POST to its logout page, then redirects onward.
        if (
            request.method == "POST"
            and response.status_code < 400
            and request.path == reverse("account_logout")
        ):
            response["Clear-Site-Data"] = CLEAR_ON_LOGOUT
        return response


class MemberLocaleMiddleware:
    """A logged-in member's saved language and time zone win over the browser's and the
    language cookie; for everyone else Django's LocaleMiddleware (before this one) has already
    chosen from the language cookie, then the browser's Accept-Language, then Spanish.

    It also leaves two small cookies on a member's device so that the pages they see after
    logging out (the login page, the landing page) stay in their language and, if they chose
    discreet mode, keep the neutral tab title and icon."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            timezone.deactivate()
            return self.get_response(request)
        try:
            timezone.activate(ZoneInfo(user.time_zone))
        except (ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        language = user.language if user.language in dict(settings.LANGUAGES) else None
        language = language or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # The member may have just logged out or changed a setting: mirror what they are now.
        user = request.user
        if user.is_authenticated:
            self._remember(request, response, user)
        return response

    @staticmethod
    def _remember(request: HttpRequest, response: HttpResponse, user: User) -> None:
        def keep(name: str, value: str) -> None:
            response.set_cookie(
                name,
                value,
                max_age=365 * 24 * 3600,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )

        if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != user.language:
            keep(settings.LANGUAGE_COOKIE_NAME, user.language)
        discreet_cookie = request.COOKIES.get(DISCREET_COOKIE_NAME)
        if user.discreet_mode and discreet_cookie != "1":
            keep(DISCREET_COOKIE_NAME, "1")
        elif not user.discreet_mode and discreet_cookie is not None:
            response.delete_cookie(DISCREET_COOKIE_NAME, samesite="Lax")


class EndInactiveSessionsMiddleware:
    """A suspended or removed member is logged out on their very next request, whichever
    session or device it comes from."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not may_sign_in(user):
            logout(request)
        return self.get_response(request)


class ConductGateMiddleware:
    """A member who has not accepted the current code of conduct is asked to before anything
    else. Account, language and exit pages stay reachable.

    Acceptance cannot be withdrawn, so once the member is seen to have accepted a version the
    session remembers it and later pages skip the query."""

    SESSION_KEY = "tejido_conduct_accepted"

    ALWAYS_ALLOWED = (
        "/accounts/",
        "/i18n/",
        "/language/",
        "/static/",
        "/api/",
        "/conduct/",
        "/about/",
        # Someone in crisis is never asked to read the code of conduct first.
        "/help-now/",
    )

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            is_vetted(user)
            and not request.path.startswith(self.ALWAYS_ALLOWED)
            and request.path != "/"
        ) and not self._has_accepted(request, cast(User, user)):
            return redirect(f"{reverse('conduct')}?next={request.path}")
        return self.get_response(request)

    def _has_accepted(self, request: HttpRequest, user: User) -> bool:
        code = current_conduct()
        if code is None or request.session.get(self.SESSION_KEY) == code.version:
            return True
        if needs_conduct_acceptance(user=user):
            return False
        request.session[self.SESSION_KEY] = code.version
        return True


class PrivateCacheMiddleware:
    """Pages may carry personal data: no shared or browser cache keeps them."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store"
        return response


class DomainErrorMiddleware:
    """The one place a page answers a domain error that its view let through: a missing or
    forbidden thing gets the 404 page (the same page as an address that does not exist), and
    any other error goes back where the person came from, saying what went wrong (each field's
    problem of an InvalidInput). Views with a form catch the error first and show it on the
    form (tejido.web.forms.errors); no view catches NotFound (a page that shows something else
    when a thing is not there reads it with tejido.web.lookups.or_none)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotFound | NotAllowed):
            return not_found(request, exception)
        if not isinstance(exception, DomainError):
            return None
        if isinstance(exception, InvalidInput) and exception.detail:
            for message in exception.detail.values():
                messages.error(request, str(message))
        else:
            messages.error(request, str(exception.message))
        return redirect(_back(request))


def _back(request: HttpRequest) -> str:
    """The page the request came from, when it is one of ours; else the home page."""
    for target in (request.POST.get("next", ""), request.headers.get("Referer", "")):
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
    return reverse("home")
