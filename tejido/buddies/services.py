"""Every write to peer buddies: opting in or out, proposing a pairing, answering it, ending it,
and writing in a pair's thread.

A member is in at most one active pair per role (looking, or being a buddy). Accepting locks
both members' opt-ins, in the order of their ids, and counts again under the lock; the
database holds it too (one active pair per seeker and per buddy). Whoever ends a pairing gives
no reason, and the other is told only that there is something new, as for every buddy notice."""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from tejido.access.base import is_vetted
from tejido.access.buddies import (
    BUDDY,
    ROLES,
    SEEKER,
    can_accept,
    can_end,
    can_propose,
    can_read_thread,
    can_take_role,
    side_of,
    visible_buddy_profiles,
    visible_pairs,
)
from tejido.accounts.choices import LANGUAGE_CODES
from tejido.accounts.models import User
from tejido.buddies.choices import AVAILABILITY_CODES, TOPIC_CODES
from tejido.buddies.errors import (
    AlreadyPaired,
    AlreadyProposed,
    NotOptedIn,
    PairFull,
    PairOver,
    TooManyProposals,
)
from tejido.buddies.models import LIVE_PAIRS, BuddyPair, BuddyProfile, PairState, ThreadMessage
from tejido.buddies.threads import start_thread, write
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotFound
from tejido.network.models import Area
from tejido.notifications.services import notify

# Proposals one may have waiting for an answer at once: enough to ask a few people, too few
# to ask everyone.
MAX_WAITING_PROPOSALS = 3
# What one opts in with: at most MAX_CODES codes in each list (languages, topics, times), each
# at most CODE_MAX characters (no known code is longer, so a longer one is refused as unknown).
MAX_CODES = 40
CODE_MAX = 40


def _codes(values: object, known: frozenset[str], field: str) -> list[str]:
    if not isinstance(values, list | tuple) or len(values) > MAX_CODES:
        raise InvalidInput(detail={field: gettext("Choose from the list.")})
    if not all(isinstance(v, str) and len(v) <= CODE_MAX for v in values):
        raise InvalidInput(detail={field: gettext("Choose from the list.")})
    unknown = set(values) - known
    if unknown:
        raise InvalidInput(detail={field: gettext("Choose from the list.")})
    return sorted(set(values))


@transaction.atomic
def opt_in(
    *,
    actor: User,
    seeking: bool,
    offering: bool,
    languages: list[str],
    area_id: int | None = None,
    topics: list[str] | None = None,
    availability: list[str] | None = None,
) -> BuddyProfile:
    """Say whether one is looking for a buddy, able to be one, or both (neither: opted out),
    and what the matching may use. Pairs already made stay until a side ends them."""
    if not is_vetted(actor):
        raise NotFound()
    languages = _codes(languages, LANGUAGE_CODES, "languages")
    if (seeking or offering) and not languages:
        raise InvalidInput(detail={"languages": gettext("Choose at least one language.")})
    area = None
    if area_id is not None:
        area = Area.objects.filter(pk=area_id).first()
        if area is None:
            raise InvalidInput(detail={"area": gettext("Choose an area from the list.")})
    profile, _made = BuddyProfile.objects.update_or_create(
        user=actor,
        defaults={
            "seeking": bool(seeking),
            "offering": bool(offering),
            "languages": languages,
            "area": area,
            "topics": _codes(topics or [], TOPIC_CODES, "topics"),
            "availability": _codes(availability or [], AVAILABILITY_CODES, "availability"),
            "updated_at": now(),
        },
    )
    return profile


@transaction.atomic
def opt_out(*, actor: User) -> None:
    """Stop being suggested and stop seeing suggestions; one's opt-in is forgotten."""
    BuddyProfile.objects.filter(user=actor.pk).delete()


def _tell(user_id: int, pair: BuddyPair) -> None:
    """The one neutral notice. It links nowhere (its email links to the notifications page):
    an address under /support/ in an email would say what it is about."""
    user = User.objects.get(pk=user_id)
    notify(user=user, kind="buddies_news", about=pair)


def _live_between(first: int, second: int) -> bool:
    return BuddyPair.objects.filter(
        Q(seeker=first, buddy=second) | Q(seeker=second, buddy=first), state__in=LIVE_PAIRS
    ).exists()


def _has_active(user_id: int, role: str) -> bool:
    field = "seeker" if role == SEEKER else "buddy"
    return BuddyPair.objects.filter(**{field: user_id}, state=PairState.ACTIVE).exists()


def _lock_profiles(*user_ids: int) -> dict[int, BuddyProfile]:
    """The members' opt-ins, locked in the order of their ids so that two answers never wait
    on each other."""
    locked = BuddyProfile.objects.select_for_update().filter(user__in=user_ids).order_by("user")
    return {profile.user_id: profile for profile in locked}


@transaction.atomic
def propose(*, actor: User, other_id: int, role: str) -> BuddyPair:
    """Ask a suggested member to pair up, the actor taking `role` (SEEKER: the other would be
    the actor's buddy; BUDDY: the actor would be theirs). The other answers."""
    if role not in ROLES:
        raise InvalidInput(
            detail={"role": gettext("Choose whether you look for a buddy or offer.")}
        )
    theirs = visible_buddy_profiles(actor).filter(user=other_id).first()
    if theirs is None:
        raise NotFound()
    profiles = _lock_profiles(actor.pk, other_id)
    mine, theirs = profiles.get(actor.pk), profiles.get(other_id)
    if mine is None or not can_take_role(mine, role):
        raise NotOptedIn()
    if theirs is None or not can_propose(actor, mine, theirs, role):
        raise NotFound()
    if _has_active(actor.pk, role):
        raise AlreadyPaired()
    if _live_between(actor.pk, other_id):
        raise AlreadyProposed()
    waiting = BuddyPair.objects.filter(proposed_by=actor, state=PairState.PROPOSED).count()
    if waiting >= MAX_WAITING_PROPOSALS:
        raise TooManyProposals(MAX_WAITING_PROPOSALS)
    seeker, buddy = (actor.pk, other_id) if role == SEEKER else (other_id, actor.pk)
    pair = BuddyPair.objects.create(
        seeker_id=seeker,
        buddy_id=buddy,
        proposed_by=actor,
        thread=start_thread(),
        created_at=now(),
    )
    _tell(other_id, pair)
    return pair


def _relock(actor: User, pair: BuddyPair) -> BuddyPair:
    """The pair read again with both sides' opt-ins locked, if the actor still sees it."""
    if not visible_pairs(actor).filter(pk=pair.pk).exists():
        raise NotFound()
    _lock_profiles(pair.seeker_id, pair.buddy_id)
    fresh = BuddyPair.objects.select_for_update().filter(pk=pair.pk).first()
    if fresh is None:
        raise NotFound()
    return fresh


@transaction.atomic
def answer(*, actor: User, pair: BuddyPair, accept: bool) -> BuddyPair:
    """The side that was asked accepts (the two are buddies, with a private thread) or
    declines; the side that asked is told there is something new."""
    pair = _relock(actor, pair)
    if not can_accept(actor, pair):
        raise PairOver()
    if accept:
        mine = side_of(actor, pair)
        if _has_active(actor.pk, mine):
            raise AlreadyPaired()
        if _has_active(pair.other_of(actor.pk), BUDDY if mine == SEEKER else SEEKER):
            raise PairFull()
    pair.state = PairState.ACTIVE if accept else PairState.DECLINED
    pair.answered_at = now()
    pair.save(update_fields=["state", "answered_at"])
    _tell(pair.proposed_by_id, pair)
    return pair


@transaction.atomic
def end_pair(*, actor: User, pair: BuddyPair) -> BuddyPair:
    """Either side ends a pairing (or withdraws a proposal, or declines one) at any time,
    without a reason; the other sees only that it ended."""
    pair = _relock(actor, pair)
    if not can_end(actor, pair):
        raise PairOver()
    moment = now()
    if pair.state == PairState.PROPOSED:
        withdrawn = actor.pk == pair.proposed_by_id
        pair.state = PairState.WITHDRAWN if withdrawn else PairState.DECLINED
        pair.answered_at = moment
    else:
        pair.state = PairState.ENDED
    pair.ended_at = moment
    pair.save(update_fields=["state", "answered_at", "ended_at"])
    _tell(pair.other_of(actor.pk), pair)
    return pair


@transaction.atomic
def post_message(*, actor: User, pair: BuddyPair, body: str) -> ThreadMessage:
    """Write in an active pair's thread; the other is told only that there is something new."""
    fresh = visible_pairs(actor).filter(pk=pair.pk).first()
    if fresh is None:
        raise NotFound()
    if not can_read_thread(actor, fresh):
        raise PairOver()
    message = write(thread=fresh.thread, author_id=actor.pk, body=body)
    _tell(fresh.other_of(actor.pk), fresh)
    return message
