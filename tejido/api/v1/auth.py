"""Bearer authentication with a member's personal access token."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.http import HttpRequest
from django.utils import timezone, translation
from ninja.security import HttpBearer

from tejido.accounts.models import User
from tejido.accounts.tokens import authenticate_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`. Only a vetted member's live token passes; everything
    else is a 401 that does not say why."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = authenticate_token(token.strip())
        if user is None:
            return None
        # Answer in the member's own language and time zone, as the pages do.
        translation.activate(user.language)
        request.LANGUAGE_CODE = user.language
        try:
            timezone.activate(ZoneInfo(user.time_zone))
        except (ZoneInfoNotFoundError, ValueError):
            timezone.deactivate()
        return user


def actor(request: HttpRequest) -> User:
    """The member the request's token belongs to (set by TokenAuth before any operation)."""
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user
