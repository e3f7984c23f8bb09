"""The kinds of notice features send. A kind's subject and text are lazy translatable strings
with %(name)s placeholders filled from the notice's params, so each member reads them in their
own language. Features register their kinds at import time of their `notices.py` module (the
notifications app imports every installed app's `notices` module when Django starts).

Params must only hold what the recipient may see (a chosen name from a `MemberCard`, a group's
name, a count): they end up in the member's inbox and, unless they chose discreet mode, in an
email. Never put an email address, a hidden place or private text in them."""

import logging
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


class _Params(dict[str, Any]):
    """Params for %-formatting: a placeholder with no value renders as an ellipsis rather than
    failing, so an old notice survives a change of its kind's text. A value given in both
    languages (`{"es": …, "en": …}`, see core.models.bilingual) renders in the reader's."""

    def __missing__(self, key: str) -> str:
        return "…"

    def __getitem__(self, key: str) -> Any:
        value = super().__getitem__(key)
        if isinstance(value, dict):
            language = (get_language() or "es")[:2]
            other = "en" if language == "es" else "es"
            return value.get(language) or value.get(other) or "…"
        return value


@dataclass(frozen=True)
class NoticeKind:
    name: str
    subject: Promise | str
    text: Promise | str

    def render_subject(self, params: dict[str, Any]) -> str:
        return _render(self.subject, params, fallback=GENERIC.subject)

    def render_text(self, params: dict[str, Any]) -> str:
        return _render(self.text, params, fallback=GENERIC.text)


def _render(template: Promise | str, params: dict[str, Any], *, fallback: Promise | str) -> str:
    try:
        return str(template) % _Params(params or {})
    except (TypeError, ValueError, KeyError):
        # A translation with a broken placeholder must not break a member's inbox.
        logger.warning("Notice text could not be rendered: %r", str(template)[:60])
        return str(fallback)


KINDS: dict[str, NoticeKind] = {}


def register(name: str, *, subject: Promise | str, text: Promise | str) -> NoticeKind:
    kind = NoticeKind(name=name, subject=subject, text=text)
    KINDS[name] = kind
    return kind


# What a notice of a kind nobody registered (a feature removed since, a typo) shows: it never
# fails and never guesses at its params.
GENERIC = NoticeKind(
    name="generic",
    subject=_("You have a new notification"),
    text=_("Something new is waiting for you."),
)


# What a notice about something that must not be named says (a support circle's session, …),
# whatever the member's discreet setting: a thing asks for it with `notices_content_free`.
CONTENT_FREE = register(
    "content_free",
    subject=_("You have a new message in Tejido"),
    text=_("You have a new message in Tejido. Open it to read more."),
)


def kind_for(name: str) -> NoticeKind:
    return KINDS.get(name, GENERIC)
