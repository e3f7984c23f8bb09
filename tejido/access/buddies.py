"""Peer buddies: whose opt-in the matching may read for a viewer, who may propose and answer a
pairing, who reads a pair's thread, and who may be told about a pair.

Only vetted members in good standing take part. Someone's opt-in is read only to suggest
them, and a suggestion shows their chosen name and what the two share, nothing else. A pair is
for its two sides alone: organisers do not see pairs or threads (their work does not need
them). Two people in a block never see each other's opt-in, are never suggested or paired, and
a pair between them disappears for both. A pair's thread is read and written while it is
active; after it ends, each side sees only that it ended."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from tejido.access.base import AnyUser, in_good_standing, is_vetted, register_audience
from tejido.access.members import in_a_block, someone_to_see
from tejido.accounts.models import User
from tejido.buddies.models import BuddyPair, BuddyProfile, PairState, ThreadMessage

SEEKER, BUDDY = "seeker", "buddy"
ROLES = (SEEKER, BUDDY)
OPTED_IN = Q(seeking=True) | Q(offering=True)


def visible_buddy_profiles(viewer: AnyUser | None) -> QuerySet[BuddyProfile]:
    """The opt-ins of others the matching may read for the viewer: members in good standing
    who opted in, less anyone in a block with the viewer. The viewer must have opted in too."""
    if not is_vetted(viewer):
        return BuddyProfile.objects.none()
    assert viewer is not None
    if not BuddyProfile.objects.filter(OPTED_IN, user=viewer.pk).exists():
        return BuddyProfile.objects.none()
    others = BuddyProfile.objects.filter(OPTED_IN).filter(someone_to_see(viewer, "user"))
    return others.exclude(user=viewer.pk)


def visible_pairs(viewer: AnyUser | None) -> QuerySet[BuddyPair]:
    """The pairs the viewer is a side of, while the other is in good standing and neither
    has blocked the other."""
    if not is_vetted(viewer):
        return BuddyPair.objects.none()
    assert viewer is not None
    as_seeker = Q(seeker=viewer.pk) & someone_to_see(viewer, "buddy")
    as_buddy = Q(buddy=viewer.pk) & someone_to_see(viewer, "seeker")
    return BuddyPair.objects.filter(as_seeker | as_buddy)


def side_of(viewer: AnyUser | None, pair: BuddyPair) -> str:
    """SEEKER, BUDDY or "" (not a side, or not in good standing)."""
    if not is_vetted(viewer):
        return ""
    assert viewer is not None
    if viewer.pk == pair.seeker_id:
        return SEEKER
    return BUDDY if viewer.pk == pair.buddy_id else ""


def can_take_role(profile: BuddyProfile | None, role: str) -> bool:
    """The opt-in says its member may take `role` in a pair."""
    if profile is None:
        return False
    return profile.seeking if role == SEEKER else profile.offering


def can_propose(
    actor: AnyUser | None, mine: BuddyProfile | None, theirs: BuddyProfile, role: str
) -> bool:
    """Propose to be paired with the member of `theirs`, the actor taking `role`: both opted
    in to the roles they would take. (That the actor may see `theirs` is visible_buddy_profiles'
    to say.)"""
    if not is_vetted(actor) or mine is None or role not in ROLES:
        return False
    assert actor is not None
    other = BUDDY if role == SEEKER else SEEKER
    return (
        mine.user_id == actor.pk
        and theirs.user_id != actor.pk
        and can_take_role(mine, role)
        and can_take_role(theirs, other)
    )


def can_accept(actor: AnyUser | None, pair: BuddyPair) -> bool:
    """Accept (or decline) a proposal: the side that did not make it, while it waits."""
    return (
        pair.state == PairState.PROPOSED
        and side_of(actor, pair) != ""
        and actor.pk != pair.proposed_by_id  # type: ignore[union-attr]
    )


def can_end(actor: AnyUser | None, pair: BuddyPair) -> bool:
    """Either side ends a pair (or withdraws or declines a proposal) at any time."""
    return side_of(actor, pair) != "" and pair.state in (PairState.PROPOSED, PairState.ACTIVE)


def can_read_thread(viewer: AnyUser | None, pair: BuddyPair) -> bool:
    """The two sides, while the pair is active: organisers never."""
    return side_of(viewer, pair) != "" and pair.state == PairState.ACTIVE


@register_audience(BuddyPair)
def audience_of_pair(pair: BuddyPair) -> QuerySet[User]:
    """Its two sides in good standing, unless they are in a block: then nobody."""
    if in_a_block(pair.seeker_id, pair.buddy_id):
        return User.objects.none()
    return User.objects.filter(in_good_standing(), pk__in=[pair.seeker_id, pair.buddy_id])


@dataclass(frozen=True)
class SuggestionCard:
    """Someone the viewer could pair with: their chosen name, the role they would take, and
    what the two share in words. Nothing of their opt-in itself."""

    id: int
    chosen_name: str
    their_role: str
    reasons: list[str]

    @property
    def explained(self) -> str:
        return ", ".join(self.reasons)


@dataclass(frozen=True)
class PairCard:
    id: int
    other_name: str
    my_role: str
    state: str
    state_label: str
    proposed_by_me: bool
    created_at: datetime
    can_accept: bool
    can_end: bool
    can_post: bool


def pair_cards(
    viewer: AnyUser | None, pairs: list[BuddyPair], names: dict[int, str]
) -> list[PairCard]:
    """Cards of the viewer's own pairs; `names` maps the other side's id to their chosen name."""
    cards = []
    for pair in pairs:
        side = side_of(viewer, pair)
        if side == "":
            continue
        assert viewer is not None
        cards.append(
            PairCard(
                id=pair.pk,
                other_name=names.get(pair.other_of(viewer.pk), ""),
                my_role=side,
                state=pair.state,
                state_label=str(PairState(pair.state).label),
                proposed_by_me=pair.proposed_by_id == viewer.pk,
                created_at=pair.created_at,
                can_accept=can_accept(viewer, pair),
                can_end=can_end(viewer, pair),
                can_post=can_read_thread(viewer, pair),
            )
        )
    return cards


@dataclass(frozen=True)
class ThreadMessageCard:
    id: int
    body: str
    created_at: datetime
    is_mine: bool
    author_name: str


def thread_message_cards(
    viewer: AnyUser | None, messages: list[ThreadMessage], names: dict[int, str]
) -> list[ThreadMessageCard]:
    """A private thread's messages, for someone the caller found may read it (a pair's
    `can_read_thread`, a check-in's); `names` are the two people's chosen names."""
    viewer_id = viewer.pk if viewer is not None else None
    return [
        ThreadMessageCard(
            id=m.pk,
            body=m.body,
            created_at=m.created_at,
            is_mine=m.author_id is not None and m.author_id == viewer_id,
            author_name=names.get(m.author_id, "") if m.author_id is not None else "",
        )
        for m in messages
    ]
