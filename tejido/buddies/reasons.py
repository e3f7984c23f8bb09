"""The matching's reason codes (tejido.buddies.matching) in words, in the current language:
"speaks Spanish, same area, both talk about family, both free at weekends". A language and the
same area are said as the aid board says them (tejido.aid.reasons); topics and times are
gathered into one phrase each."""

from collections.abc import Iterable

from django.utils.translation import pgettext

from tejido.aid.reasons import phrase as aid_phrase
from tejido.buddies.choices import AVAILABILITY_CHOICES, TOPIC_CHOICES
from tejido.buddies.matching import TIME_REASON, TOPIC_REASON

_TOPICS = dict(TOPIC_CHOICES)
_TIMES = dict(AVAILABILITY_CHOICES)


def _listed(codes: list[str], names: dict) -> str:
    return ", ".join(str(names[code]) for code in codes if code in names)


def phrases(codes: Iterable[str]) -> list[str]:
    """The reasons in words, in their order; a code this module does not know is left out."""
    said: list[str] = []
    topics, times = [], []
    for code in codes:
        if code.startswith(TOPIC_REASON):
            topics.append(code.removeprefix(TOPIC_REASON))
        elif code.startswith(TIME_REASON):
            times.append(code.removeprefix(TIME_REASON))
        elif (words := aid_phrase(code)) is not None:
            said.append(words)
    if topic_words := _listed(topics, _TOPICS):
        said.append(
            pgettext("buddy reason", "both talk about %(topics)s") % {"topics": topic_words}
        )
    if time_words := _listed(times, _TIMES):
        said.append(
            pgettext("buddy reason", "free at the same times: %(times)s") % {"times": time_words}
        )
    return said


def explain(codes: Iterable[str]) -> str:
    return ", ".join(phrases(codes))
