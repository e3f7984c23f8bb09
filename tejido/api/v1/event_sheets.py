"""Sign-up sheets of gatherings: an occurrence's slots (dishes by course, materials, volunteer
roles) with what is still needed, who brings what as far as you may see, and the attendees'
diets and allergies counted without names; for hosts, adding, changing and removing slots;
for those with a confirmed place, claiming one, changing what they bring and withdrawing."""

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Path, Router, Schema
from ninja.responses import Status
from pydantic import ConfigDict, Field

from tejido.access.sheets import ClaimCard, NeedCount, SheetCard, SlotCard
from tejido.accounts.choices import ALLERGEN_CODES, DIET_CODES
from tejido.api.v1.auth import actor
from tejido.api.v1.me import AllergenCode, DietCode
from tejido.api.v1.schemas import READ_ERRORS, WRITE_ERRORS, Id, InputSchema, Text, responses
from tejido.core.errors import NotFound
from tejido.gatherings.selectors import get_occurrence
from tejido.gatherings.sheet_selectors import get_claim, get_sheet, get_slot
from tejido.gatherings.sheet_services import (
    DISH_RULE,
    LABEL_RULE,
    MAX_SERVINGS,
    MAX_WANTED,
    add_slot,
    claim_slot,
    remove_slot,
    update_claim,
    update_slot,
    withdraw_claim,
)

router = Router(tags=["sign-up sheets"])

# Ids with examples, which the schemathesis run tries first (proof/test_api_fuzz.py seeds a
# sheet with these ids).
SlotId = Annotated[int, Field(ge=1, le=2**63 - 1, examples=[1, 2])]
ClaimId = Annotated[int, Field(ge=1, le=2**63 - 1, examples=[1, 2])]

Course = Literal[
    "main", "side", "salad", "dessert", "drinks", "bread", "tableware", "material", "role"
]


class ClaimerOut(Schema):
    id: int
    chosen_name: str


class ClaimOut(Schema):
    id: int
    dish: str = Field(
        description="What they bring; empty for a claim by someone in a block with you."
    )
    servings: int | None
    diet: list[str] = Field(description="Codes of the diets the dish suits (see /me's `diet`).")
    allergens: list[str] = Field(description="Codes of the EU allergen groups it contains.")
    member: ClaimerOut | None = Field(
        description="Who claimed it, when the event's attendee list shows you names; never "
        "someone in a block with you."
    )
    mine: bool
    can_withdraw: bool


class SlotOut(Schema):
    id: int
    course: Course
    course_label: str
    label: str = Field(description="What is wanted in words, when the course does not say it.")
    wanted: int
    claimed: int
    still_needed: int
    claims: list[ClaimOut]


class NeedOut(Schema):
    code: str
    label: str
    count: int | None = Field(description="How many; null for one or two (“fewer than 3”).")


class SheetOut(Schema):
    occurrence_id: int
    still_needed: int
    can_claim: bool
    can_manage: bool
    shows_names: bool
    slots: list[SlotOut]
    diets: list[NeedOut] | None = Field(
        description="The confirmed attendees' diets, from the profiles that share their "
        "dietary needs with you; for those who may claim or help run the event, else null."
    )
    allergies: list[NeedOut] | None = Field(description="Their allergies, counted alike.")


def _claim_out(claim: ClaimCard) -> dict[str, Any]:
    return {
        "id": claim.id,
        "dish": claim.dish,
        "servings": claim.servings,
        "diet": list(claim.diet),
        "allergens": list(claim.allergens),
        "member": {"id": claim.member_id, "chosen_name": claim.name}
        if claim.member_id is not None and claim.name is not None
        else None,
        "mine": claim.mine,
        "can_withdraw": claim.can_withdraw,
    }


def _slot_out(slot: SlotCard) -> dict[str, Any]:
    return {
        "id": slot.id,
        "course": slot.course,
        "course_label": slot.course_label,
        "label": slot.label,
        "wanted": slot.wanted,
        "claimed": slot.claimed,
        "still_needed": slot.still_needed,
        "claims": [_claim_out(claim) for claim in slot.claims],
    }


def _needs(counts: tuple[NeedCount, ...] | None) -> list[dict[str, Any]] | None:
    if counts is None:
        return None
    return [{"code": c.code, "label": c.label, "count": c.count} for c in counts]


def sheet_out(sheet: SheetCard) -> dict[str, Any]:
    return {
        "occurrence_id": sheet.occurrence_id,
        "still_needed": sheet.still_needed,
        "can_claim": sheet.can_claim,
        "can_manage": sheet.can_manage,
        "shows_names": sheet.shows_names,
        "slots": [_slot_out(slot) for slot in sheet.slots],
        "diets": _needs(sheet.diets),
        "allergies": _needs(sheet.allergies),
    }


@router.get(
    "/occurrences/{occurrence_id}/sheet",
    response=responses(SheetOut, READ_ERRORS),
    summary="A gathering's sign-up sheet",
)
def get_event_sheet(request: HttpRequest, occurrence_id: Path[Id]) -> object:
    """The slots of one date of a gathering, what is still needed and who brings what."""
    me = actor(request)
    occurrence = get_occurrence(viewer=me, occurrence_id=occurrence_id)
    return sheet_out(get_sheet(viewer=me, occurrence=occurrence))


class SlotIn(InputSchema):
    course: Course
    label: Annotated[Text, Field(max_length=LABEL_RULE.max_length)] = ""
    wanted: int = Field(1, ge=1, le=MAX_WANTED)


def _slot_on_sheet(sheet: SheetCard, slot_id: int) -> dict[str, Any]:
    return _slot_out(next(slot for slot in sheet.slots if slot.id == slot_id))


def _own_claim_card(sheet: SheetCard, claim_id: int) -> dict[str, Any]:
    for shown in sheet.slots:
        for card in shown.claims:
            if card.id == claim_id:
                return _claim_out(card)
    raise NotFound()  # pragma: no cover - one's own claim is always on one's sheet


@router.post(
    "/occurrences/{occurrence_id}/slots",
    response=responses(SlotOut, WRITE_ERRORS, status=201),
    summary="Add a slot to a sign-up sheet (hosts)",
)
def post_event_slot(request: HttpRequest, occurrence_id: Path[Id], payload: SlotIn) -> object:
    """For those who run the gathering: a course, materials or a volunteer role, and how many
    are wanted."""
    me = actor(request)
    occurrence = get_occurrence(viewer=me, occurrence_id=occurrence_id)
    slot = add_slot(actor=me, occurrence=occurrence, **payload.model_dump())
    return Status(201, _slot_on_sheet(get_sheet(viewer=me, occurrence=occurrence), slot.pk))


class ClaimIn(InputSchema):
    dish: Annotated[Text, Field(min_length=1, max_length=DISH_RULE.max_length)]
    servings: int | None = Field(None, ge=1, le=MAX_SERVINGS)
    diet: list[DietCode] = Field(default_factory=list, max_length=len(DIET_CODES))
    allergens: list[AllergenCode] = Field(default_factory=list, max_length=len(ALLERGEN_CODES))


@router.post(
    "/slots/{slot_id}/claims",
    response=responses(ClaimOut, WRITE_ERRORS, status=201),
    summary="Sign up to bring something",
)
def post_slot_claim(request: HttpRequest, slot_id: Path[SlotId], payload: ClaimIn) -> object:
    """For those with a confirmed place (and those who help run the gathering), while it is
    open; once per slot. A slot that has all it wants is a 409 (`slot_full`); without a
    confirmed place, a 409 (`not_going`)."""
    me = actor(request)
    slot = get_slot(viewer=me, slot_id=slot_id)
    claim = claim_slot(
        actor=me,
        slot=slot,
        dish=payload.dish,
        servings=payload.servings,
        diet_tags=payload.diet,
        allergens=payload.allergens,
    )
    return Status(201, _own_claim_card(get_sheet(viewer=me, occurrence=slot.occurrence), claim.pk))


class ClaimChangesIn(InputSchema):
    """Only the fields sent change. `null` clears `servings` and leaves any other field as it
    is."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"dish": "Tortilla", "servings": 8}]})

    dish: Annotated[Text, Field(min_length=1, max_length=DISH_RULE.max_length)] | None = None
    servings: int | None = Field(None, ge=1, le=MAX_SERVINGS)
    diet: list[DietCode] | None = Field(None, max_length=len(DIET_CODES))
    allergens: list[AllergenCode] | None = Field(None, max_length=len(ALLERGEN_CODES))


@router.patch(
    "/claims/{claim_id}",
    response=responses(ClaimOut, WRITE_ERRORS),
    summary="Change what I bring",
)
def patch_slot_claim(
    request: HttpRequest, claim_id: Path[ClaimId], payload: ClaimChangesIn
) -> object:
    """Your own claim, while the gathering is open and you still have a confirmed place (or
    help run it): a 409 (`event_closed`, `not_going`) otherwise."""
    me = actor(request)
    claim = get_claim(viewer=me, claim_id=claim_id)
    sent = payload.model_dump(exclude_unset=True)
    update_claim(
        actor=me,
        claim=claim,
        dish=sent.get("dish") or claim.dish,
        servings=sent.get("servings", claim.servings),
        diet_tags=claim.diet_tags if sent.get("diet") is None else sent["diet"],
        allergens=claim.allergens if sent.get("allergens") is None else sent["allergens"],
    )
    return _own_claim_card(get_sheet(viewer=me, occurrence=claim.slot.occurrence), claim.pk)


@router.delete(
    "/claims/{claim_id}",
    response=responses(None, WRITE_ERRORS, status=204),
    summary="Withdraw a claim",
)
def delete_slot_claim(request: HttpRequest, claim_id: Path[ClaimId]) -> object:
    """Your own, at any time; those who run the gathering may remove anyone's."""
    me = actor(request)
    withdraw_claim(actor=me, claim=get_claim(viewer=me, claim_id=claim_id))
    return Status(204, None)


# Changing and removing slots come last in the document: the schemathesis run calls the
# operations in its order, and a slot removed first would leave nothing to claim.


class SlotChangesIn(InputSchema):
    """Only the fields sent change; `null` leaves a field as it is."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"wanted": 3}]})

    course: Course | None = None
    label: Annotated[Text, Field(max_length=LABEL_RULE.max_length)] | None = None
    wanted: int | None = Field(None, ge=1, le=MAX_WANTED)


@router.patch(
    "/slots/{slot_id}",
    response=responses(SlotOut, WRITE_ERRORS),
    summary="Change a slot of a sign-up sheet (hosts)",
)
def patch_event_slot(request: HttpRequest, slot_id: Path[SlotId], payload: SlotChangesIn) -> object:
    """For those who run the gathering: its course, what is wanted in words, or how many.
    Never fewer than have signed up: that is a 409 (`slot_has_claims`)."""
    me = actor(request)
    slot = get_slot(viewer=me, slot_id=slot_id)
    changes = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    update_slot(actor=me, slot=slot, **changes)
    return _slot_on_sheet(get_sheet(viewer=me, occurrence=slot.occurrence), slot.pk)


@router.delete(
    "/slots/{slot_id}",
    response=responses(None, WRITE_ERRORS, status=204),
    summary="Remove a slot and its sign-ups (hosts)",
)
def delete_event_slot(request: HttpRequest, slot_id: Path[SlotId]) -> object:
    """For those who run the gathering; what people signed up to bring there goes with it."""
    me = actor(request)
    remove_slot(actor=me, slot=get_slot(viewer=me, slot_id=slot_id))
    return Status(204, None)
