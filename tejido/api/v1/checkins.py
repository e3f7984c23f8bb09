"""Check-ins: one's own choice (ask, change the weeks, snooze, opt out), the check-ins one is
in with their threads, and for the check-in team who is due (a chosen name and since when,
nothing else) and reaching out. A check-in you are not in and one that does not exist are the
same 404."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Path, Router, Schema
from ninja.responses import Status
from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from tejido.access.checkins import CheckInCard, DueCard, is_on_team
from tejido.accounts.models import User
from tejido.api.v1.auth import actor
from tejido.api.v1.buddies import ThreadMessageIn, ThreadMessageOut, message_out
from tejido.api.v1.schemas import READ_ERRORS, WRITE_ERRORS, InputSchema, Text, responses
from tejido.buddies.threads import MESSAGE_MAX
from tejido.checkins import services
from tejido.checkins.models import MAX_WEEKS, MIN_WEEKS
from tejido.checkins.selectors import (
    get_checkin,
    get_checkin_page,
    get_my_choice,
    get_team_page,
    list_my_checkins,
)

router = Router(tags=["check-ins"])

CheckInId = Annotated[int, Field(ge=1, le=2**63 - 1, examples=[1, 2, 3])]


class CheckInOut(Schema):
    id: int
    other_name: str
    my_side: Literal["member", "team"]
    state: Literal["open", "done", "closed"]
    taken_at: datetime
    can_write: bool
    can_mark_done: bool


class DueOut(Schema):
    """Someone due for a check-in: a chosen name and since when, nothing else."""

    id: int
    chosen_name: str
    due_since: datetime


class TeamOut(Schema):
    due: list[DueOut]
    mine: list[CheckInOut]


class CheckInStatusOut(Schema):
    opted_in: bool
    weeks: int | None
    snoozed_until: date | None
    received: list[CheckInOut]
    team: TeamOut | SkipJsonSchema[None] = Field(
        default=None, description="Only for members of the check-in team."
    )


class CheckInDetailOut(Schema):
    checkin: CheckInOut
    messages: list[ThreadMessageOut]


class ChoiceIn(InputSchema):
    weeks: Annotated[int, Field(ge=MIN_WEEKS, le=MAX_WEEKS, examples=[4])]


class SnoozeIn(InputSchema):
    weeks: Literal[2, 4]


class TakeIn(InputSchema):
    member_id: Annotated[int, Field(ge=1, le=2**63 - 1)]
    body: Annotated[Text, Field(min_length=1, max_length=MESSAGE_MAX)]


def checkin_out(card: CheckInCard) -> dict[str, Any]:
    return {name: getattr(card, name) for name in CheckInOut.model_fields}


def due_out(card: DueCard) -> dict[str, Any]:
    return {name: getattr(card, name) for name in DueOut.model_fields}


def _status(me: User) -> dict[str, Any]:
    choice = get_my_choice(viewer=me)
    body: dict[str, Any] = {
        "opted_in": choice is not None,
        "weeks": choice.weeks if choice else None,
        "snoozed_until": choice.snoozed_until if choice else None,
        "received": [checkin_out(c) for c in list_my_checkins(viewer=me)],
    }
    if is_on_team(me):
        team = get_team_page(viewer=me)
        body["team"] = {
            "due": [due_out(d) for d in team.due],
            "mine": [checkin_out(c) for c in team.mine],
        }
    return body


def _detail(me: User, checkin_id: int) -> dict[str, Any]:
    page = get_checkin_page(viewer=me, checkin_id=checkin_id)
    return {"checkin": checkin_out(page.card), "messages": [message_out(m) for m in page.messages]}


@router.get(
    "/check-ins",
    response=responses(CheckInStatusOut, READ_ERRORS),
    exclude_unset=True,
    summary="My check-ins (and, on the team, who is due)",
)
def get_checkin_status(request: HttpRequest) -> object:
    return _status(actor(request))


@router.put(
    "/check-ins/choice",
    response=responses(CheckInStatusOut, WRITE_ERRORS),
    exclude_unset=True,
    summary="Ask for a check-in after some weeks without activity",
)
def put_checkin_choice(request: HttpRequest, payload: ChoiceIn) -> object:
    me = actor(request)
    services.opt_in(actor=me, weeks=payload.weeks)
    return _status(me)


@router.delete(
    "/check-ins/choice",
    response=responses(None, WRITE_ERRORS, status=204),
    summary="No more check-ins",
)
def delete_checkin_choice(request: HttpRequest) -> object:
    services.opt_out(actor=actor(request))
    return Status(204, None)


@router.post(
    "/check-ins/snooze",
    response=responses(CheckInStatusOut, WRITE_ERRORS),
    exclude_unset=True,
    summary="Not now: snooze check-ins for 2 or 4 weeks",
)
def post_checkin_snooze(request: HttpRequest, payload: SnoozeIn) -> object:
    me = actor(request)
    services.snooze(actor=me, weeks=payload.weeks)
    return _status(me)


@router.post(
    "/check-ins/take",
    response=responses(CheckInDetailOut, WRITE_ERRORS, status=201),
    summary="Reach out to someone due (the check-in team)",
)
def post_checkin_take(request: HttpRequest, payload: TakeIn) -> object:
    me = actor(request)
    checkin = services.take(actor=me, member_id=payload.member_id, body=payload.body)
    return Status(201, _detail(me, checkin.pk))


@router.get(
    "/check-ins/{checkin_id}",
    response=responses(CheckInDetailOut, READ_ERRORS),
    summary="One check-in with its thread",
)
def get_checkin_detail(request: HttpRequest, checkin_id: Path[CheckInId]) -> object:
    return _detail(actor(request), checkin_id)


@router.post(
    "/check-ins/{checkin_id}/messages",
    response=responses(ThreadMessageOut, WRITE_ERRORS, status=201),
    summary="Write in a check-in's thread",
)
def post_checkin_message(
    request: HttpRequest, checkin_id: Path[CheckInId], payload: ThreadMessageIn
) -> object:
    me = actor(request)
    message = services.write_in(
        actor=me, checkin=get_checkin(viewer=me, checkin_id=checkin_id), body=payload.body
    )
    page = get_checkin_page(viewer=me, checkin_id=checkin_id)
    return Status(201, message_out(next(m for m in page.messages if m.id == message.pk)))


@router.post(
    "/check-ins/{checkin_id}/done",
    response=responses(CheckInDetailOut, WRITE_ERRORS),
    summary="Mark a check-in done (the team member who took it)",
)
def post_checkin_done(request: HttpRequest, checkin_id: Path[CheckInId]) -> object:
    me = actor(request)
    services.mark_done(actor=me, checkin=get_checkin(viewer=me, checkin_id=checkin_id))
    return _detail(me, checkin_id)
