"""A member's private calendar feed: making it (or a new address for it) and revoking it.

The feed's address holds a secret shown to the member once, when it is made; only its SHA-256
digest is kept. A new secret replaces the old one, whose address then answers as if it never
existed; so does a revoked feed's, and that of anyone no longer a member in good standing."""

import secrets

from django.db import transaction

from tejido.access.base import is_vetted
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.core.errors import NotFound
from tejido.gatherings.calendar_selectors import feed_digest
from tejido.gatherings.models import CalendarFeed


def create_or_renew_feed(*, actor: User) -> str:
    """Give the actor a feed, or a new secret for the one they have. Returns the secret: it is
    never stored and cannot be shown again."""
    if not is_vetted(actor):
        raise NotFound()
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        # Two requests at once must not both try to make the member's one feed.
        User.objects.select_for_update().filter(pk=actor.pk).first()
        CalendarFeed.objects.update_or_create(
            user=actor, defaults={"digest": feed_digest(secret), "created_at": now()}
        )
    return secret


@transaction.atomic
def revoke_feed(*, actor: User) -> bool:
    """Stop the actor's feed. Returns whether there was one."""
    deleted, _ = CalendarFeed.objects.filter(user=actor.pk).delete()
    return deleted > 0
