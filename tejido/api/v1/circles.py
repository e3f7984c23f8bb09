"""Support circles: the circles you facilitate or have a place in, and for a circle's
facilitators its intake queue and deciding a request for a place. A circle you may not see,
an intake queue that is not yours and one that does not exist are the same 404."""

from datetime import datetime
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Path, Router, Schema
from pydantic import ConfigDict, Field

from tejido.access.circle_cards import CircleCard, IntakeCard
from tejido.api.v1.auth import actor
from tejido.api.v1.schemas import READ_ERRORS, WRITE_ERRORS, InputSchema, responses
from tejido.support import place_services
from tejido.support.circle_selectors import get_intake_page, get_place_to_decide, list_my_circles

router = Router(tags=["support"])

CircleId = Annotated[int, Field(ge=1, le=2**63 - 1, examples=[1, 2, 3])]
PlaceId = Annotated[int, Field(ge=1, le=2**63 - 1, examples=[1, 2, 3])]
PlaceStateName = Literal["asked", "waitlisted", "declined", "member"]


class CircleProfessionalOut(Schema):
    chosen_name: str
    profession: str
    verified_by: str
    verified_at: datetime


class CircleOut(Schema):
    """A circle as you may see it. `my_state` is your place in it ("" when you have none, as
    a facilitator); `my_state_message` says it in words (kindly, when declined)."""

    id: int
    name: str
    description: str
    theme: str
    kind: Literal["peer", "therapy"]
    language: str
    size_limit: int
    places_left: int
    is_listed: bool
    archived: bool
    facilitators: list[str] = Field(description="Their chosen names.")
    professionals: list[CircleProfessionalOut]
    my_state: PlaceStateName | Literal[""]
    my_state_message: str
    is_facilitator: bool
    needs_agreement: bool


class CirclesOut(Schema):
    items: list[CircleOut]


class IntakeAnswerOut(Schema):
    question: str
    answer: str


class IntakeOut(Schema):
    """A request for a place. `cannot_be_placed`: accepting them is refused; why is not said.
    `unnamed`: it comes from someone who must never meet you in a circle, so nothing says who
    (`member_id` and `asked_at` are null, `chosen_name` is empty, no answers); you may decline
    it kindly or waitlist it."""

    place_id: int
    member_id: int | None
    chosen_name: str
    state: Literal["asked", "waitlisted"]
    asked_at: datetime | None
    answers: list[IntakeAnswerOut]
    cannot_be_placed: bool
    unnamed: bool


class IntakeQueueOut(Schema):
    circle: CircleOut
    items: list[IntakeOut]


class DecisionIn(InputSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"decision": "accept"}]})

    decision: Literal["accept", "waitlist", "decline"]


class CirclePlaceOut(Schema):
    place_id: int
    state: PlaceStateName


def circle_out(card: CircleCard) -> dict[str, object]:
    return {
        "id": card.id,
        "name": card.name,
        "description": card.description,
        "theme": card.theme,
        "kind": card.kind,
        "language": card.language,
        "size_limit": card.size_limit,
        "places_left": card.places_left,
        "is_listed": card.is_listed,
        "archived": card.archived,
        "facilitators": [person.chosen_name for person in card.facilitators],
        "professionals": [vars(pro) for pro in card.professionals],
        "my_state": card.my_state,
        "my_state_message": card.my_state_message,
        "is_facilitator": card.is_facilitator,
        "needs_agreement": card.needs_agreement,
    }


def _intake_out(card: IntakeCard) -> dict[str, object]:
    return {
        "place_id": card.place_id,
        "member_id": card.member_id,
        "chosen_name": card.chosen_name,
        "state": card.state,
        "asked_at": card.asked_at,
        "answers": [{"question": q, "answer": a} for q, a in card.answers],
        "cannot_be_placed": card.cannot_be_placed,
        "unnamed": card.unnamed,
    }


@router.get(
    "/support/circles/mine",
    response=responses(CirclesOut, READ_ERRORS),
    summary="Your circles",
)
def get_my_circles(request: HttpRequest) -> object:
    """The circles you facilitate, are in, or asked to join."""
    return {"items": [circle_out(card) for card in list_my_circles(viewer=actor(request))]}


@router.get(
    "/support/circles/{circle_id}/intake",
    response=responses(IntakeQueueOut, READ_ERRORS),
    summary="A circle's requests for a place (its facilitators)",
)
def get_circle_intake(request: HttpRequest, circle_id: Path[CircleId]) -> object:
    page = get_intake_page(viewer=actor(request), circle_id=circle_id)
    return {"circle": circle_out(page.card), "items": [_intake_out(c) for c in page.queue]}


@router.post(
    "/support/circles/{circle_id}/intake/{place_id}",
    response=responses(CirclePlaceOut, WRITE_ERRORS),
    summary="Accept, waitlist or decline a request for a place",
)
def post_place_decision(
    request: HttpRequest, circle_id: Path[CircleId], place_id: Path[PlaceId], payload: DecisionIn
) -> object:
    """409 `circle_full` when no place is free, 409 `cannot_be_placed` when this person cannot
    be placed in this circle, 409 `place_decided` when it was answered already. The member
    is told in a notice that says nothing of the circle."""
    me = actor(request)
    place = get_place_to_decide(viewer=me, circle_id=circle_id, place_id=place_id)
    decided = place_services.decide_place(actor=me, place=place, decision=payload.decision)
    return {"place_id": decided.pk, "state": decided.state}
