"""Suggesting buddies: plain data in, plain data out (no Django, no ORM), like the aid board's
matching (tejido.aid.matching), whose reason codes for a language and the same area it shares
so that tejido.aid.reasons can say them.

Two people can be suggested to each other only if they are different people, share a
language (without one they could not talk), and are not kept apart (a block, a pair already
live between them). The score is whole points: a shared language weighs most, then the same
area, then each shared topic and each shared time to talk, up to a few of each. Reasons are
codes, best first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tejido.aid.matching import LANGUAGE_REASON, SAME_AREA_REASON

SHARED_LANGUAGE = 30
SAME_AREA = 20
PER_TOPIC = 8
MAX_TOPICS = 3
PER_TIME = 5
MAX_TIMES = 2

TOPIC_REASON = "topic:"  # followed by the topic's code
TIME_REASON = "time:"  # followed by the availability's code


@dataclass(frozen=True, slots=True)
class Candidate:
    """One member who opted in, as the matching sees them."""

    person: int
    languages: frozenset[str]
    area: int | None
    topics: frozenset[str]
    availability: frozenset[str]


@dataclass(frozen=True, slots=True)
class Suggestion:
    person: int
    score: int
    reasons: tuple[str, ...]


def score(me: Candidate, other: Candidate) -> Suggestion | None:
    """How well `other` suits `me`, with the reasons; None if they cannot be suggested."""
    if me.person == other.person:
        return None
    languages = sorted(me.languages & other.languages)
    if not languages:
        return None
    points = SHARED_LANGUAGE
    reasons = [f"{LANGUAGE_REASON}{code}" for code in languages]
    if me.area is not None and me.area == other.area:
        points += SAME_AREA
        reasons.append(SAME_AREA_REASON)
    topics = sorted(me.topics & other.topics)
    points += PER_TOPIC * min(len(topics), MAX_TOPICS)
    reasons += [f"{TOPIC_REASON}{code}" for code in topics]
    times = sorted(me.availability & other.availability)
    points += PER_TIME * min(len(times), MAX_TIMES)
    reasons += [f"{TIME_REASON}{code}" for code in times]
    return Suggestion(person=other.person, score=points, reasons=tuple(reasons))


def suggest(
    me: Candidate,
    others: Iterable[Candidate],
    *,
    apart: frozenset[int] = frozenset(),
    limit: int = 10,
) -> list[Suggestion]:
    """The best `limit` of `others` for `me`, highest score first, then lowest id; never
    anyone in `apart`."""
    found = [
        suggestion
        for other in others
        if other.person not in apart and (suggestion := score(me, other)) is not None
    ]
    found.sort(key=lambda s: (-s.score, s.person))
    return found[:limit]
