"""Sign-up sheets of gatherings: an occurrence's slots (dishes by course, materials, volunteer
roles) with what is still needed, who brings what as far as you may see, and the attendees'
diets and allergies counted without names; for hosts, adding slots; for those with a
confirmed place, claiming one and withdrawing."""

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Path, Router, Schema
from ninja.responses import Status
from pydantic import Field

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
    withdraw_claim,
)

router = Router(tags=["sign-up sheets"])

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
def post_slot_claim(request: HttpRequest, slot_id: Path[Id], payload: ClaimIn) -> object:
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
    sheet = get_sheet(viewer=me, occurrence=slot.occurrence)
    for shown in sheet.slots:
        for card in shown.claims:
            if card.id == claim.pk:
                return Status(201, _claim_out(card))
    raise NotFound()  # pragma: no cover - one's own claim is always on one's sheet


@router.delete(
    "/claims/{claim_id}",
    response=responses(None, WRITE_ERRORS, status=204),
    summary="Withdraw a claim",
)
def delete_slot_claim(request: HttpRequest, claim_id: Path[Id]) -> object:
    """Your own, at any time; those who run the gathering may remove anyone's."""
    me = actor(request)
    withdraw_claim(actor=me, claim=get_claim(viewer=me, claim_id=claim_id))
    return Status(204, None)
