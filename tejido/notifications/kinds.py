"""The kinds of notice features send. A kind's subject and text are lazy translatable strings
with %(name)s placeholders filled from the notice's params, so each member reads them in their
own language. Features register their kinds at import time of their `notices.py` module."""

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class NoticeKind:
    name: str
    subject: Promise | str
    text: Promise | str

    def render_subject(self, params: dict[str, Any]) -> str:
        return str(self.subject) % params

    def render_text(self, params: dict[str, Any]) -> str:
        return str(self.text) % params


KINDS: dict[str, NoticeKind] = {}


def register(name: str, *, subject: Promise | str, text: Promise | str) -> NoticeKind:
    kind = NoticeKind(name=name, subject=subject, text=text)
    KINDS[name] = kind
    return kind
