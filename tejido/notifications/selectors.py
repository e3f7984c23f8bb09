"""Every read of notices. A member only ever sees their own."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from tejido.access.base import AnyUser
from tejido.access.notices import visible_notices
from tejido.accounts.models import User
from tejido.core.errors import NotFound
from tejido.notifications.kinds import kind_for
from tejido.notifications.models import Notice


def unread_count(*, user: User) -> int:
    """The badge in the header: kept on the member's row by the notification services."""
    return user.unread_notices


def list_notices(*, viewer: AnyUser) -> QuerySet[Notice]:
    """The viewer's notices, newest first."""
    return visible_notices(viewer).order_by("-created_at", "-id")


def get_notice(*, viewer: AnyUser, notice_id: int) -> Notice:
    """One of the viewer's notices; anyone else's is NotFound, exactly like a missing one."""
    notice = list_notices(viewer=viewer).filter(pk=notice_id).first()
    if notice is None:
        raise NotFound
    return notice


@dataclass(frozen=True)
class NoticeCard:
    """A notice as its member reads it, rendered in the active language."""

    id: int
    subject: str
    text: str
    url: str
    created_at: datetime
    unread: bool


def notice_cards(notices: Iterable[Notice]) -> list[NoticeCard]:
    cards = []
    for notice in notices:
        kind = kind_for(notice.kind)
        cards.append(
            NoticeCard(
                id=notice.pk,
                subject=kind.render_subject(notice.params),
                text=kind.render_text(notice.params),
                url=notice.url,
                created_at=notice.created_at,
                unread=notice.read_at is None,
            )
        )
    return cards
