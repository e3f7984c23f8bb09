"""Bearer authentication with a member's personal access token."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from ninja.security import HttpBearer

from tejido.accounts.models import User
from tejido.accounts.tokens import authenticate_token
from tejido.core.errors import DomainError
from tejido.membership.selectors import needs_conduct_acceptance

# Failed token attempts one address may make in a window before every attempt from it is
# refused for the rest of the window, a right token included (so guessing learns nothing).
# Generous: a client with a revoked token retrying for a while never reaches it.
FAILED_ATTEMPTS_LIMIT = 50
FAILED_ATTEMPTS_WINDOW = 10 * 60  # seconds


class TooManyFailedAttempts(DomainError):
    code = "too_many_attempts"
    message = _("Too many requests with a wrong token from your address. Wait a few minutes.")
    status = 429


class ConductNotAccepted(DomainError):
    code = "conduct_not_accepted"
    message = _(
        "The network has a new code of conduct. Accept it on the website to go on using the API."
    )
    status = 403


def _failures_key(request: HttpRequest) -> str:
    return f"tejido:api-token-failures:{get_adapter(request).get_client_ip(request)}"


def _count_failure(key: str) -> None:
    # The first failure starts the window; later ones count atomically in a shared cache.
    if cache.add(key, 1, FAILED_ATTEMPTS_WINDOW):
        return
    try:
        cache.incr(key)
    except ValueError:  # the window ended between the two calls
        cache.add(key, 1, FAILED_ATTEMPTS_WINDOW)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`. Only a vetted member's live token passes; every other
    token is a 401 that does not say why, and too many of them from one address a 429. A
    member who has not accepted the current code of conduct is asked to, as on the pages."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        failures_key = _failures_key(request)
        if cache.get(failures_key, 0) >= FAILED_ATTEMPTS_LIMIT:
            raise TooManyFailedAttempts()
        user = authenticate_token(token.strip())
        if user is None:
            _count_failure(failures_key)
            return None
        # Answer in the member's own language and time zone, as the pages do.
        translation.activate(user.language)
        request.LANGUAGE_CODE = user.language
        try:
            timezone.activate(ZoneInfo(user.time_zone))
        except (ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        if needs_conduct_acceptance(user=user):
            raise ConductNotAccepted()
        return user


def actor(request: HttpRequest) -> User:
    """The member the request's token belongs to (set by TokenAuth before any operation)."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user
