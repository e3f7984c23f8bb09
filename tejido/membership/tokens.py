"""Invitation tokens: made here, shown once, and kept only as a SHA-256 digest."""

import hashlib
import secrets

from django.db.models import F, QuerySet

from tejido.core.clock import now
from tejido.membership.models import Invitation


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def usable_invitations() -> QuerySet[Invitation]:
    """Invitations that still let someone in: not revoked, not expired, not used up."""
    return Invitation.objects.filter(
        revoked_at__isnull=True, expires_at__gt=now(), uses__lt=F("max_uses")
    )
