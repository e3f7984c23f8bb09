"""Every write to sign-up sheets: the hosts' slots (what is wanted, how many), the members'
claims (what they bring, for how many, its diet and allergens), withdrawing them.

A slot never has more claims than it wants, under concurrency too: a claim locks the slot's
row first (select_for_update on PostgreSQL; on SQLite every transaction takes the write lock
at its start, IMMEDIATE), then counts and writes, so the claim for the last place and the one
after it run one after the other and the second finds the slot full."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tejido.access.events import event_relation
from tejido.access.sheets import (
    can_manage_slots,
    can_see_sheet,
    can_withdraw_claim,
    may_bring_something,
    sheet_is_open,
    visible_claims,
    visible_slots,
)
from tejido.accounts.choices import ALLERGEN_CHOICES, DIET_CHOICES
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotFound
from tejido.core.text import TextRule
from tejido.gatherings.errors import (
    AlreadyClaimed,
    EventClosed,
    NotGoing,
    SlotFull,
    SlotHasClaims,
)
from tejido.gatherings.models import Claim, Occurrence, Rsvp, Slot

MAX_WANTED = 100
MAX_SERVINGS = 500
# Shown to everyone who sees the event, beside others': nothing invisible in them (a name's rule).
LABEL_RULE = TextRule.of_column(Slot, "label", name=True)
DISH_RULE = TextRule.of_column(
    Claim, "dish", required=True, name=True, required_message=_("Say what you will bring.")
)
DIET_ORDER = [code for code, _label in DIET_CHOICES]
ALLERGEN_ORDER = [code for code, _label in ALLERGEN_CHOICES]


# --- checking input -------------------------------------------------------------------------


def _whole_number(value: Any, *, field: str, high: int, optional: bool) -> int | None:
    if value in (None, "") and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
        raise InvalidInput(
            detail={
                field: gettext("Enter a whole number from %(low)d to %(high)d.")
                % {"low": 1, "high": high}
            }
        )
    return value


def _codes(value: Any, *, field: str, order: list[str]) -> list[str]:
    """Codes from a fixed list, each once, in the list's order."""
    if value is None:
        return []
    if not isinstance(value, list | tuple | set | frozenset) or not all(
        isinstance(code, str) and code in order for code in value
    ):
        raise InvalidInput(detail={field: gettext("Choose from the list.")})
    return [code for code in order if code in value]


def _collect(checks: dict[str, Any]) -> dict[str, Any]:
    """Run each `{field: callable}`; every problem is reported together."""
    errors: dict[str, Any] = {}
    clean: dict[str, Any] = {}
    for name, check in checks.items():
        try:
            clean[name] = check()
        except InvalidInput as error:
            errors.update(error.detail)
    if errors:
        raise InvalidInput(detail=errors)
    return clean


def clean_slot_fields(**fields: Any) -> dict[str, Any]:
    """Any of course, label and wanted, checked."""
    checks: dict[str, Any] = {}
    for name, value in fields.items():
        if name == "course":
            checks[name] = lambda value=value: _course(value)
        elif name == "label":
            checks[name] = lambda value=value: LABEL_RULE.clean(value, field="label")
        elif name == "wanted":
            checks[name] = lambda value=value: _whole_number(
                value, field="wanted", high=MAX_WANTED, optional=False
            )
        else:
            raise TypeError(f"Slots have no field {name!r}.")
    return _collect(checks)


def _course(value: Any) -> str:
    if value not in Slot.Course.values:
        raise InvalidInput(detail={"course": gettext("Choose one of the options.")})
    return str(value)


def clean_claim_fields(
    *, dish: Any, servings: Any, diet_tags: Any, allergens: Any
) -> dict[str, Any]:
    return _collect(
        {
            "dish": lambda: DISH_RULE.clean(dish, field="dish"),
            "servings": lambda: _whole_number(
                servings, field="servings", high=MAX_SERVINGS, optional=True
            ),
            "diet_tags": lambda: _codes(diet_tags, field="diet_tags", order=DIET_ORDER),
            "allergens": lambda: _codes(allergens, field="allergens", order=ALLERGEN_ORDER),
        }
    )


# --- slots (hosts) ---------------------------------------------------------------------------


def _managed_occurrence(actor: User, occurrence: Occurrence) -> None:
    """For those who run the event; anyone else gets NotFound, as for anything missing."""
    if not can_see_sheet(actor, occurrence) or not can_manage_slots(actor, occurrence):
        raise NotFound()


def lock_slot(actor: User, slot: Slot) -> Slot:
    """The slot's row, locked, with its occurrence and event, if the actor sees it."""
    locked = (
        visible_slots(actor)
        .select_for_update(of=("self",))
        .select_related("occurrence__event")
        .filter(pk=slot.pk)
        .first()
    )
    if locked is None:
        raise NotFound()
    return locked


@transaction.atomic
def add_slot(
    *, actor: User, occurrence: Occurrence, course: str, label: str = "", wanted: int = 1
) -> Slot:
    """A new slot on the occurrence's sheet: a course (or materials, or a volunteer role),
    what is wanted in words when the course alone does not say it, and how many."""
    _managed_occurrence(actor, occurrence)
    fields = clean_slot_fields(course=course, label=label, wanted=wanted)
    slot = Slot.objects.create(occurrence=occurrence, **fields)
    record_action(actor=actor, action="event.slot_added", target=occurrence)
    return slot


@transaction.atomic
def update_slot(*, actor: User, slot: Slot, **changes: Any) -> Slot:
    """Change a slot's course, label or number wanted; never to fewer than have claimed it."""
    slot = lock_slot(actor, slot)
    _managed_occurrence(actor, slot.occurrence)
    fields = clean_slot_fields(**changes)
    if "wanted" in fields:
        claimed = slot.claims.count()
        if fields["wanted"] < claimed:
            raise SlotHasClaims(detail={"wanted": str(SlotHasClaims.message)})
    for name, value in fields.items():
        setattr(slot, name, value)
    slot.save()
    record_action(actor=actor, action="event.slot_changed", target=slot.occurrence)
    return slot


@transaction.atomic
def remove_slot(*, actor: User, slot: Slot) -> None:
    """Remove a slot and the claims on it."""
    slot = lock_slot(actor, slot)
    _managed_occurrence(actor, slot.occurrence)
    occurrence = slot.occurrence
    slot.delete()
    record_action(actor=actor, action="event.slot_removed", target=occurrence)


# --- claims (members) ------------------------------------------------------------------------


def _seat(actor: User, occurrence: Occurrence) -> str:
    return (
        Rsvp.objects.filter(occurrence=occurrence.pk, user=actor.pk)
        .values_list("seat", flat=True)
        .first()
        or ""
    )


def _check_may_claim(actor: User, occurrence: Occurrence) -> None:
    if not sheet_is_open(occurrence, now()):
        raise EventClosed()
    relation = event_relation(actor, occurrence.event)
    if not may_bring_something(actor, occurrence, seat=_seat(actor, occurrence), relation=relation):
        raise NotGoing()


@transaction.atomic
def claim_slot(
    *,
    actor: User,
    slot: Slot,
    dish: str,
    servings: int | None = None,
    diet_tags: Any = (),
    allergens: Any = (),
) -> Claim:
    """Sign up to bring something: for a member with a confirmed seat, or one who helps run
    the event, while it is open; once per slot, and never past the number wanted."""
    slot = lock_slot(actor, slot)
    _check_may_claim(actor, slot.occurrence)
    fields = clean_claim_fields(
        dish=dish, servings=servings, diet_tags=diet_tags, allergens=allergens
    )
    claims = Claim.objects.filter(slot=slot)
    if claims.filter(user=actor).exists():
        raise AlreadyClaimed()
    if claims.count() >= slot.wanted:
        raise SlotFull()
    try:
        with transaction.atomic():
            return Claim.objects.create(slot=slot, user=actor, **fields)
    except IntegrityError as error:  # pragma: no cover - the lock makes this unreachable
        raise AlreadyClaimed() from error


def _claim(actor: User, claim: Claim) -> Claim:
    """The claim with its slot (locked), occurrence and event, if the actor sees it."""
    found = (
        visible_claims(actor).select_related("slot__occurrence__event").filter(pk=claim.pk).first()
    )
    if found is None:
        raise NotFound()
    lock_slot(actor, found.slot)
    return found


@transaction.atomic
def update_claim(
    *,
    actor: User,
    claim: Claim,
    dish: str,
    servings: int | None = None,
    diet_tags: Any = (),
    allergens: Any = (),
) -> Claim:
    """Change what one brings: its author only, while the sheet is open."""
    claim = _claim(actor, claim)
    if claim.user_id != actor.pk:
        raise NotFound()
    _check_may_claim(actor, claim.slot.occurrence)
    fields = clean_claim_fields(
        dish=dish, servings=servings, diet_tags=diet_tags, allergens=allergens
    )
    for name, value in fields.items():
        setattr(claim, name, value)
    claim.save()
    return claim


@transaction.atomic
def withdraw_claim(*, actor: User, claim: Claim) -> None:
    """Withdraw one's own claim at any time; those who run the event may remove anyone's (it
    is recorded)."""
    claim = _claim(actor, claim)
    if not can_withdraw_claim(actor, claim):
        raise NotFound()
    if claim.user_id != actor.pk:
        record_action(
            actor=actor,
            action="event.claim_removed",
            target_user=claim.user,
            target=claim.slot.occurrence,
        )
    claim.delete()


def release_claims(occurrence: Occurrence, user: User) -> int:
    """When a member leaves their confirmed seat, what they signed up to bring goes back on
    the sheet for someone else (unless they help run the event, who claim without a seat).
    Call inside the RSVP's transaction. Returns how many claims went."""
    if event_relation(user, occurrence.event).helps_run:
        return 0
    deleted, _by_model = Claim.objects.filter(slot__occurrence=occurrence.pk, user=user.pk).delete()
    return deleted
