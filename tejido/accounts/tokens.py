"""Personal access tokens for the JSON API.

A token is shown to its owner once, when it is made; only its SHA-256 digest is stored, with a
short prefix so a member can tell their tokens apart and so a presented token is found by an
indexed lookup before its digest is compared in constant time. Only vetted members may hold or
use one: a suspended or removed member's tokens stop working at once, without being revoked.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tejido.access.base import AnyUser
from tejido.access.members import can_use_api
from tejido.accounts.models import ApiToken, User
from tejido.core import clock
from tejido.core.errors import Conflict, NotFound
from tejido.core.text import TextRule

__all__ = [
    "MAX_ACTIVE_TOKENS",
    "TOKEN_PREFIX",
    "TooManyTokens",
    "authenticate_token",
    "create_token",
    "list_tokens",
    "revoke_token",
]

# Every token starts with this, so secret scanners and people recognise a leaked one.
TOKEN_PREFIX = "tej_"
# How many characters of the token are kept in clear to find it and to show it.
PREFIX_LENGTH = 12
MAX_ACTIVE_TOKENS = 20
TOKEN_NAME = TextRule.of_column(
    ApiToken, "name", required=True, name=True, required_message=_("Give the token a name.")
)
# `last_used_at` is written at most this often, so busy clients do not write on every call.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TooManyTokens(Conflict):
    code = "too_many_tokens"
    message = _("You have too many active tokens. Revoke one you no longer use first.")


def _digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def _active(user: AnyUser) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user.pk, revoked_at__isnull=True)


def list_tokens(*, viewer: AnyUser) -> QuerySet[ApiToken]:
    """The viewer's own tokens that still work, newest first. Nobody sees anyone else's."""
    if not can_use_api(viewer):
        return ApiToken.objects.none()
    return _active(viewer).order_by("-created_at", "-id")


def create_token(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """Make a token for the actor. Returns the token and its plaintext, which is never stored
    and cannot be shown again."""
    if not can_use_api(actor):
        raise NotFound()
    name = TOKEN_NAME.clean(name, field="name")
    plaintext = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        # The limit depends on the member's active tokens: take the member's row lock first.
        User.objects.select_for_update().filter(pk=actor.pk).first()
        if _active(actor).count() >= MAX_ACTIVE_TOKENS:
            raise TooManyTokens()
        token = ApiToken.objects.create(
            user=actor,
            name=name,
            prefix=plaintext[:PREFIX_LENGTH],
            digest=_digest(plaintext),
        )
    return token, plaintext


@transaction.atomic
def revoke_token(*, actor: User, token_id: int) -> ApiToken:
    """Revoke one of the actor's own tokens. Someone else's token, a revoked one and a missing
    one all give the same NotFound."""
    token = _active(actor).select_for_update().filter(pk=token_id).first()
    if token is None:
        raise NotFound()
    token.revoked_at = clock.now()
    token.save(update_fields=["revoked_at"])
    return token


def authenticate_token(plaintext: str) -> User | None:
    """The vetted member a presented token belongs to, or None for anything else: unknown,
    malformed, revoked, or belonging to someone who is not (or no longer) a member."""
    if not plaintext or not plaintext.startswith(TOKEN_PREFIX) or len(plaintext) > 200:
        return None
    presented = _digest(plaintext)
    candidates = ApiToken.objects.filter(
        prefix=plaintext[:PREFIX_LENGTH], revoked_at__isnull=True
    ).select_related("user")
    token = None
    for candidate in candidates:
        if hmac.compare_digest(candidate.digest, presented):
            token = candidate
    if token is None or not can_use_api(token.user):
        return None
    now = clock.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        # A conditional update: concurrent requests in the same minute write once at most.
        stale = ApiToken.objects.filter(pk=token.pk).exclude(
            last_used_at__gt=now - LAST_USED_RESOLUTION
        )
        stale.update(last_used_at=now)
    return token.user
