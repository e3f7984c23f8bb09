"""Private threads between two people, for whatever owns them (a buddy pair, a check-in,
tejido.checkins): started empty, written to message by message, their text sealed at rest.
The owner's service decides who may read and write; this module only keeps the messages."""

from django.db.models import QuerySet

from tejido.buddies.models import Thread, ThreadMessage
from tejido.core.clock import now
from tejido.core.text import TextRule

MESSAGE_MAX = 4000
MESSAGE_RULE = TextRule(MESSAGE_MAX, required=True, multiline=True)


def start_thread() -> Thread:
    return Thread.objects.create(created_at=now())


def write(*, thread: Thread, author_id: int, body: str) -> ThreadMessage:
    """One message, checked by the shared text rule (InvalidInput on "body" otherwise)."""
    text = MESSAGE_RULE.clean(body, field="body")
    return ThreadMessage.objects.create(
        thread=thread, author_id=author_id, body=text, created_at=now()
    )


def messages_of(thread_id: int) -> QuerySet[ThreadMessage]:
    return ThreadMessage.objects.filter(thread=thread_id).order_by("created_at", "pk")
