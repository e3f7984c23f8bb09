"""Reads of peer buddies for one member: their opt-in, their suggestions with the reasons in
words, their proposals and pairs, and a pair's page with its thread.

Suggestions read only what tejido.access.buddies lets the viewer's matching read, turn it into
the plain data of tejido.buddies.matching, and hand back the other's chosen name and the shared
reasons: nothing else of the other's opt-in leaves this module."""

from dataclasses import dataclass

from django.db.models import Q

from tejido.access.base import AnyUser
from tejido.access.buddies import (
    BUDDY,
    SEEKER,
    PairCard,
    SuggestionCard,
    ThreadMessageCard,
    can_read_thread,
    pair_cards,
    thread_message_cards,
    visible_buddy_profiles,
    visible_pairs,
)
from tejido.accounts.models import Profile
from tejido.buddies.matching import Candidate, suggest
from tejido.buddies.models import LIVE_PAIRS, BuddyPair, BuddyProfile, PairState
from tejido.buddies.reasons import phrases
from tejido.buddies.threads import messages_of
from tejido.core.errors import NotFound

SUGGESTIONS = 8
# The opt-ins read for one member's suggestions, most recently updated first: a bound on the
# work of a page whatever the size of the network.
CANDIDATES_READ = 2000
ENDED_SHOWN = 5


def _candidate(profile: BuddyProfile) -> Candidate:
    return Candidate(
        person=profile.user_id,
        languages=frozenset(profile.languages or ()),
        area=profile.area_id,
        topics=frozenset(profile.topics or ()),
        availability=frozenset(profile.availability or ()),
    )


def names_of(ids: set[int]) -> dict[int, str]:
    """Chosen names, in one query (none without ids)."""
    if not ids:
        return {}
    return dict(Profile.objects.filter(user__in=ids).values_list("user", "chosen_name"))


def get_my_profile(*, viewer: AnyUser) -> BuddyProfile | None:
    """One's own opt-in (shown in full to oneself only), or None."""
    return BuddyProfile.objects.filter(user=viewer.pk).first()


def _busy(role: str) -> set[int]:
    """Everyone already in an active pair in `role`: they are not suggested for it."""
    field = "seeker" if role == SEEKER else "buddy"
    return set(BuddyPair.objects.filter(state=PairState.ACTIVE).values_list(field, flat=True))


def list_suggestions(*, viewer: AnyUser, limit: int = SUGGESTIONS) -> list[SuggestionCard]:
    """People the viewer could pair with, best first, each with the role they would take and
    the reasons in words; never anyone in a block with the viewer, already in a live pair
    with them, or already paired in the role they would take."""
    mine = get_my_profile(viewer=viewer)
    if mine is None or not mine.opted_in:
        return []
    wanted = Q(pk__in=[])
    if mine.seeking:
        wanted |= Q(offering=True)
    if mine.offering:
        wanted |= Q(seeking=True)
    profiles = list(
        visible_buddy_profiles(viewer)
        .filter(wanted)
        .only("user", "seeking", "offering", "languages", "area", "topics", "availability")
        .order_by("-updated_at", "pk")[:CANDIDATES_READ]
    )
    together = visible_pairs(viewer).filter(state__in=LIVE_PAIRS).values_list("seeker", "buddy")
    apart = frozenset(person for pair in together for person in pair)
    busy_buddies = _busy(BUDDY) if mine.seeking and not _busy_self(viewer, SEEKER) else None
    busy_seekers = _busy(SEEKER) if mine.offering and not _busy_self(viewer, BUDDY) else None
    roles: dict[int, str] = {}
    for profile in profiles:
        # The role they would take: being the viewer's buddy first, if both could be.
        if busy_buddies is not None and profile.offering and profile.user_id not in busy_buddies:
            roles[profile.user_id] = BUDDY
        elif busy_seekers is not None and profile.seeking and profile.user_id not in busy_seekers:
            roles[profile.user_id] = SEEKER
    found = suggest(
        _candidate(mine),
        (_candidate(p) for p in profiles if p.user_id in roles),
        apart=apart,
        limit=limit,
    )
    names = names_of({s.person for s in found})
    return [
        SuggestionCard(
            id=s.person,
            chosen_name=names.get(s.person, ""),
            their_role=roles[s.person],
            reasons=phrases(s.reasons),
        )
        for s in found
    ]


def _busy_self(viewer: AnyUser, role: str) -> bool:
    field = "seeker" if role == SEEKER else "buddy"
    return BuddyPair.objects.filter(**{field: viewer.pk}, state=PairState.ACTIVE).exists()


@dataclass(frozen=True)
class BuddyHome:
    profile: BuddyProfile | None
    active: list[PairCard]
    waiting_for_me: list[PairCard]
    waiting_for_them: list[PairCard]
    ended: list[PairCard]
    suggestions: list[SuggestionCard]


def get_buddy_home(*, viewer: AnyUser) -> BuddyHome:
    """Everything of the buddies page for one member, in a bounded number of queries."""
    profile = get_my_profile(viewer=viewer)
    live = list(visible_pairs(viewer).filter(state__in=LIVE_PAIRS))
    ended = list(visible_pairs(viewer).exclude(state__in=LIVE_PAIRS)[:ENDED_SHOWN])
    pairs = live + ended
    cards = pair_cards(viewer, pairs, names_of({p.other_of(viewer.pk) for p in pairs}))
    return BuddyHome(
        profile=profile,
        active=[c for c in cards if c.state == PairState.ACTIVE],
        waiting_for_me=[c for c in cards if c.state == PairState.PROPOSED and c.can_accept],
        waiting_for_them=[c for c in cards if c.state == PairState.PROPOSED and c.proposed_by_me],
        ended=[c for c in cards if c.state not in LIVE_PAIRS],
        suggestions=list_suggestions(viewer=viewer) if profile and profile.opted_in else [],
    )


def get_pair(*, viewer: AnyUser, pair_id: int) -> BuddyPair:
    pair = visible_pairs(viewer).filter(pk=pair_id).first()
    if pair is None:
        raise NotFound()
    return pair


@dataclass(frozen=True)
class PairPage:
    card: PairCard
    # The thread while the pair is active; None once it ended or before it starts.
    messages: list[ThreadMessageCard] | None


def get_pair_page(*, viewer: AnyUser, pair_id: int) -> PairPage:
    pair = get_pair(viewer=viewer, pair_id=pair_id)
    names = names_of({pair.seeker_id, pair.buddy_id})
    card = pair_cards(viewer, [pair], names)[0]
    messages = None
    if can_read_thread(viewer, pair):
        messages = thread_message_cards(viewer, list(messages_of(pair.thread_id)), names)
    return PairPage(card=card, messages=messages)
