"""Sign-up sheets: who sees an occurrence's slots and claims, whose names they see, who runs
the sheet, who may claim and withdraw, and the viewer-shaped card of the sheet with the
attendees' dietary needs counted without names.

Everyone who sees the event sees its sheet: the slots, how many are wanted and claimed, and
the dishes. The claimers' names follow the event's attendee list (`can_see_attendees`), and a
claim by someone in a block with the viewer never shows their name nor their dish's words
(which could name them): it is "claimed", with its servings, diet and allergens, which a cook
with an allergy needs. The dietary counts go to those who may cook or who help run the event,
from the confirmed attendees' profiles whose dietary audience reaches the viewer; a count of
one or two is "fewer than 3" (None on the card), so that nobody learns one person's needs."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from tejido.access.base import AnyUser, is_vetted, reaches
from tejido.access.events import (
    EventRelation,
    can_manage_event,
    can_record_attendance,
    can_see_attendees,
    can_see_event,
    event_relation,
    has_ended,
    visible_attendees,
    visible_events,
)
from tejido.access.members import viewer_for, visible_members
from tejido.accounts.choices import ALLERGEN_CHOICES, DIET_CHOICES
from tejido.accounts.models import Profile
from tejido.core.choices import label
from tejido.gatherings.models import Claim, Occurrence, Rsvp, Slot

# A count under this is shown as "fewer than 3": one or two people could be told apart.
SMALL_COUNT = 3
_DIET_LABELS = dict(DIET_CHOICES)
_ALLERGEN_LABELS = dict(ALLERGEN_CHOICES)


# --- who sees -------------------------------------------------------------------------------


def visible_slots(viewer: AnyUser | None) -> QuerySet[Slot]:
    """The slots of every occurrence the viewer knows of."""
    return Slot.objects.filter(occurrence__event__in=visible_events(viewer))


def visible_claims(viewer: AnyUser | None) -> QuerySet[Claim]:
    """The claims on those slots (their names are the card's business, not this one's)."""
    return Claim.objects.filter(slot__occurrence__event__in=visible_events(viewer))


def can_see_sheet(viewer: AnyUser | None, occurrence: Occurrence) -> bool:
    return can_see_event(viewer, occurrence.event)


def can_see_claimers(
    viewer: AnyUser | None, occurrence: Occurrence, *, seat: str, relation: EventRelation | None
) -> bool:
    """The claimers' names, as the event's attendee list: see events.can_see_attendees."""
    return can_see_attendees(viewer, occurrence.event, seat=seat, relation=relation)


# --- what one may do ------------------------------------------------------------------------


def sheet_is_open(occurrence: Occurrence, now: datetime) -> bool:
    """Claims are taken while neither the occurrence nor its event is cancelled and it has
    not ended."""
    return (
        occurrence.cancelled_at is None
        and occurrence.event.cancelled_at is None
        and not has_ended(occurrence, now)
    )


def can_manage_slots(
    actor: AnyUser | None, occurrence: Occurrence, relation: EventRelation | None = None
) -> bool:
    """Add, change and remove slots, and remove anyone's claim: those who run the event."""
    return can_manage_event(actor, occurrence.event, relation)


def may_bring_something(
    actor: AnyUser | None, occurrence: Occurrence, *, seat: str, relation: EventRelation | None
) -> bool:
    """Whether the actor is among the sheet's cooks, open or not: a vetted member with a
    confirmed seat, or one who helps run the event."""
    if not is_vetted(actor):
        return False
    return seat == Rsvp.Seat.CONFIRMED or can_record_attendance(actor, occurrence.event, relation)


def can_claim_slot(
    actor: AnyUser | None,
    occurrence: Occurrence,
    *,
    seat: str,
    now: datetime,
    relation: EventRelation | None = None,
) -> bool:
    """Claim a slot (or change one's claim): one of the sheet's cooks, while it is open."""
    return sheet_is_open(occurrence, now) and may_bring_something(
        actor, occurrence, seat=seat, relation=relation
    )


def can_withdraw_claim(
    actor: AnyUser | None, claim: Claim, relation: EventRelation | None = None
) -> bool:
    """Its author, at any time; those who run the event, any claim."""
    if not is_vetted(actor):
        return False
    assert actor is not None
    if claim.user_id == actor.pk:
        return True
    return can_manage_slots(actor, claim.slot.occurrence, relation)


# --- the card -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimCard:
    id: int
    # The dish's words; "" for a claim by someone in a block with the viewer.
    dish: str
    servings: int | None
    diet: tuple[str, ...]
    allergens: tuple[str, ...]
    # The claimer's chosen name and id when the viewer may see them; else None.
    name: str | None
    member_id: int | None
    mine: bool
    can_withdraw: bool

    @property
    def diet_labels(self) -> list[str]:
        return [str(_DIET_LABELS[code]) for code in self.diet if code in _DIET_LABELS]

    @property
    def allergen_labels(self) -> list[str]:
        return [str(_ALLERGEN_LABELS[code]) for code in self.allergens if code in _ALLERGEN_LABELS]


@dataclass(frozen=True)
class SlotCard:
    id: int
    course: str
    course_label: str
    label: str
    wanted: int
    claims: tuple[ClaimCard, ...]

    @property
    def claimed(self) -> int:
        return len(self.claims)

    @property
    def still_needed(self) -> int:
        return max(self.wanted - self.claimed, 0)

    @property
    def mine(self) -> ClaimCard | None:
        return next((claim for claim in self.claims if claim.mine), None)


@dataclass(frozen=True)
class NeedCount:
    """How many of the attendees whose needs the viewer may know have one diet or allergy:
    `count` is None for one or two ("fewer than 3")."""

    code: str
    label: str
    count: int | None

    @property
    def fewer_than_three(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class SheetCard:
    occurrence_id: int
    slots: tuple[SlotCard, ...]
    # Whether the viewer may claim now, and whether they run the sheet.
    can_claim: bool
    can_manage: bool
    shows_names: bool
    # The dietary counts, for the sheet's cooks; None for anyone else.
    diets: tuple[NeedCount, ...] | None
    allergies: tuple[NeedCount, ...] | None

    @property
    def still_needed(self) -> int:
        return sum(slot.still_needed for slot in self.slots)

    @property
    def open_slots(self) -> list[SlotCard]:
        return [slot for slot in self.slots if slot.still_needed]


def shown_count(count: int) -> int | None:
    """A count as the card carries it: None for one or two."""
    return count if count >= SMALL_COUNT else None


def _counts(tally: Counter[str], choices: Iterable[tuple[str, Any]]) -> tuple[NeedCount, ...]:
    return tuple(
        NeedCount(code=code, label=str(label), count=shown_count(tally[code]))
        for code, label in choices
        if tally[code]
    )


def dietary_counts(
    viewer: AnyUser | None, occurrence: Occurrence
) -> tuple[tuple[NeedCount, ...], tuple[NeedCount, ...]]:
    """The confirmed attendees' diets and allergies, counted, from the profiles whose dietary
    audience reaches the viewer; people in a block with the viewer are left out."""
    confirmed = visible_attendees(viewer, occurrence).filter(
        rsvps__occurrence=occurrence.pk, rsvps__seat=Rsvp.Seat.CONFIRMED
    )
    profiles = list(
        Profile.objects.filter(user__in=confirmed.values("pk")).values_list(
            "user", "diet", "allergies", "dietary_needs_audience"
        )
    )
    seen = viewer_for(viewer, [user for user, *_rest in profiles])
    diets: Counter[str] = Counter()
    allergies: Counter[str] = Counter()
    for user, diet, allergy, audience in profiles:
        if reaches(audience, seen, user):
            diets.update(set(diet or ()))
            allergies.update(set(allergy or ()))
    return _counts(diets, DIET_CHOICES), _counts(allergies, ALLERGEN_CHOICES)


def sheet_card(
    viewer: AnyUser | None,
    occurrence: Occurrence,
    *,
    seat: str,
    relation: EventRelation | None = None,
    now: datetime,
) -> SheetCard:
    """The occurrence's sheet as `viewer` sees it; `seat` is the viewer's own seat. The caller
    has established that the viewer sees the event."""
    relation = relation or event_relation(viewer, occurrence.event)
    names = can_see_claimers(viewer, occurrence, seat=seat, relation=relation)
    manages = can_manage_slots(viewer, occurrence, relation)
    viewer_id = viewer.pk if viewer is not None and viewer.is_authenticated else None
    slots = list(occurrence.slots.order_by("pk"))
    claims = list(Claim.objects.filter(slot__occurrence=occurrence.pk).order_by("created_at", "pk"))
    claimer_ids = {claim.user_id for claim in claims}
    visible = dict(
        visible_members(viewer).filter(pk__in=claimer_ids).values_list("pk", "profile__chosen_name")
    )
    by_slot: dict[int, list[ClaimCard]] = {}
    for claim in claims:
        mine = claim.user_id == viewer_id
        hidden = claim.user_id not in visible
        named = mine or (names and not hidden)
        by_slot.setdefault(claim.slot_id, []).append(
            ClaimCard(
                id=claim.pk,
                dish="" if hidden and not mine else claim.dish,
                servings=claim.servings,
                diet=tuple(claim.diet_tags or ()),
                allergens=tuple(claim.allergens or ()),
                name=visible.get(claim.user_id) if named else None,
                member_id=claim.user_id if named else None,
                mine=mine,
                can_withdraw=mine or manages,
            )
        )
    cooks = may_bring_something(viewer, occurrence, seat=seat, relation=relation)
    diets, allergies = dietary_counts(viewer, occurrence) if cooks else (None, None)
    return SheetCard(
        occurrence_id=occurrence.pk,
        slots=tuple(
            SlotCard(
                id=slot.pk,
                course=slot.course,
                course_label=label(slot, "course"),
                label=slot.label,
                wanted=slot.wanted,
                claims=tuple(by_slot.get(slot.pk, ())),
            )
            for slot in slots
        ),
        can_claim=can_claim_slot(viewer, occurrence, seat=seat, now=now, relation=relation),
        can_manage=manages,
        shows_names=names,
        diets=diets,
        allergies=allergies,
    )
