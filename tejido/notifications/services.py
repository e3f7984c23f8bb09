"""The one way any feature tells a member something: an in-app notice, and an email in the
member's language that honours discreet mode."""

import logging
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Model, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.functional import Promise

from tejido.access.base import audience_of
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.notifications.kinds import CONTENT_FREE, GENERIC
from tejido.notifications.models import Notice
from tejido.notifications.selectors import get_notice
from tejido.notifications.tasks import send_email_task, send_notice_email

logger = logging.getLogger(__name__)


def _is_local_path(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//") and "\\" not in url


def notify(
    *,
    user: User,
    kind: str,
    about: Model,
    params: dict[str, Any] | None = None,
    url: str = "",
) -> Notice | None:
    """Record a notice for `user` (its text is rendered from `kind` in their language when read)
    and, once the surrounding transaction commits, email it to them.

    `about` is the thing the notice is about: the notice reaches `user` only if they are in
    that thing's audience (tejido.access), and otherwise nothing is recorded or sent (None).
    `params` must be JSON-serialisable and hold only what `user` may see; `url` is a path on
    this site (the thing the notice is about), or empty. A thing whose `notices_content_free`
    is true gets the content-free kind, without params, instead of `kind`."""
    if url and not _is_local_path(url):
        raise ValueError("A notice's url must be a path on this site.")
    if not audience_of(about).filter(pk=user.pk).exists():
        logger.warning("A %s notice was not sent: its recipient may not know of it.", kind)
        return None
    if getattr(about, "notices_content_free", False):
        # Neither the inbox nor the email may say what it is about; the link opens it for
        # whoever may see it.
        kind, params = CONTENT_FREE.name, {}
    notice = Notice.objects.create(user=user, kind=kind, params=params or {}, url=url)
    User.objects.filter(pk=user.pk).update(unread_notices=F("unread_notices") + 1)
    # Robust: the notice is already in the inbox; a queue hiccup is logged, not raised at the
    # feature that called us after its own work has committed.
    transaction.on_commit(partial(send_notice_email.enqueue, notice.pk), robust=True)
    return notice


@transaction.atomic
def mark_read(*, actor: User, notice_id: int) -> Notice:
    """Mark one of the actor's own notices read. Someone else's notice is NotFound."""
    notice = get_notice(viewer=actor, notice_id=notice_id)
    if notice.read_at is None:
        notice.read_at = now()
        notice.save(update_fields=["read_at"])
        recount_unread(user_ids=[actor.pk])
    return notice


@transaction.atomic
def mark_all_read(*, actor: User) -> int:
    """Mark all of the actor's notices read; returns how many were unread."""
    marked = Notice.objects.filter(user=actor, read_at__isnull=True).update(read_at=now())
    recount_unread(user_ids=[actor.pk])
    return marked


def recount_unread(*, user_ids: list[int]) -> None:
    """Set these members' unread badge from their notices. Reading counts again rather than
    subtracting, so a badge that ever drifted is right again after the next read."""
    unread = Notice.objects.filter(user=OuterRef("pk"), read_at__isnull=True)
    User.objects.filter(pk__in=user_ids).update(
        unread_notices=Coalesce(
            Subquery(unread.values("user").annotate(n=Count("pk")).values("n")), 0
        )
    )


def queue_email(
    *,
    to: str,
    subject: str,
    body: str,
    html: str = "",
    discreet: bool = False,
    after_commit: bool = True,
) -> None:
    """Email an address, sent by the task worker: an invitation to someone not yet a member,
    or an account email. Pass it rendered already, in the recipient's language, so the worker
    needs no context; `discreet` gives it the neutral sender. A service's email leaves once
    its transaction commits; allauth's account emails (`after_commit=False`) are queued at
    once, as allauth expects them sent when it asks."""
    send = partial(
        send_email_task.enqueue, to=to, subject=subject, body=body, html=html, discreet=discreet
    )
    if after_commit:
        transaction.on_commit(send, robust=True)
    else:
        send()


def queue_member_email(
    *,
    user: User,
    subject: Promise | str,
    text: Promise | str,
    params: dict[str, Any] | None = None,
) -> None:
    """Email a member about their own account, whatever their standing (a suspended member is
    told how to reach the organisers), once the surrounding transaction commits: in their
    language, with a neutral subject and sender in discreet mode. Not a notice: nothing is
    kept in their inbox."""
    with translation.override(user.language):
        shown = GENERIC.subject if user.discreet_mode else subject
        values = {name: str(value) for name, value in (params or {}).items()}
        rendered_subject, body = str(shown), str(text) % values
    queue_email(
        to=user.email, subject=rendered_subject, body=body + "\n", discreet=user.discreet_mode
    )
