"""The matching's reason codes (tejido.aid.matching) in words, in the current language:
explain(("same_area", "language:es", "time_overlap")) is "same area, speaks Spanish, free at
the same time" in English and "misma zona, idioma común: Español, coinciden en horario" in
Spanish.

A code this module does not know (one stored by an older version, say) is left out rather than
shown raw: the words explain a match, they are not a record of it."""

from collections.abc import Iterable

from django.utils.functional import Promise
from django.utils.translation import get_language_info, pgettext, pgettext_lazy

from tejido.accounts.choices import LANGUAGE_CODES, language_name
from tejido.aid.matching import (
    LANGUAGE_REASON,
    NEAR_REASON,
    NEIGHBOURING_AREA_REASON,
    SAME_AREA_REASON,
    TIME_OVERLAP_REASON,
    URGENT_TODAY_REASON,
    URGENT_WEEK_REASON,
    WAITING_LONG_REASON,
)

PHRASES: dict[str, Promise] = {
    SAME_AREA_REASON: pgettext_lazy("aid match reason", "same area"),
    NEIGHBOURING_AREA_REASON: pgettext_lazy("aid match reason", "neighbouring area"),
    NEAR_REASON: pgettext_lazy("aid match reason", "nearby"),
    TIME_OVERLAP_REASON: pgettext_lazy("aid match reason", "free at the same time"),
    URGENT_TODAY_REASON: pgettext_lazy("aid match reason", "needed today"),
    URGENT_WEEK_REASON: pgettext_lazy("aid match reason", "needed this week"),
    WAITING_LONG_REASON: pgettext_lazy("aid match reason", "waiting for days"),
}


def language_label(code: str) -> str:
    """A language's name in the current language: the profiles' list first (so a language
    reads the same here as on a member's profile), then Django's language info, else the
    code as it is."""
    if code in LANGUAGE_CODES:
        return language_name(code)
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def phrase(code: str) -> str | None:
    """One reason code in words, or None for a code this module does not know."""
    if code.startswith(LANGUAGE_REASON):
        language = language_label(code.removeprefix(LANGUAGE_REASON))
        return pgettext("aid match reason", "speaks %(language)s") % {"language": language}
    words = PHRASES.get(code)
    return None if words is None else str(words)


def phrases(codes: Iterable[str]) -> list[str]:
    """The reasons in words, in their order (best first), for a list on a page."""
    return [words for words in map(phrase, codes) if words is not None]


def explain(codes: Iterable[str]) -> str:
    """The reasons in words as one line: "same area, speaks Spanish, needed this week"."""
    return ", ".join(phrases(codes))
