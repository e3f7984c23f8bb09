"""Support circles' sessions: my sessions to come, and a session's attendance for its
facilitators (read and record). A session you do not facilitate and one that does not exist
are the same 404. Notes are not served here: they stay on the facilitators' pages."""

from datetime import datetime
from typing import Annotated

from django.http import HttpRequest
from ninja import Path, Router, Schema
from pydantic import ConfigDict, Field

from tejido.api.v1.auth import actor
from tejido.api.v1.schemas import READ_ERRORS, WRITE_ERRORS, InputSchema, responses
from tejido.support.session_selectors import (
    get_session,
    list_my_sessions,
    list_session_attendance,
)
from tejido.support.session_services import MAX_MARKS, record_session_attendance

router = Router(tags=["support"])

Id = Annotated[int, Field(ge=1, le=2**63 - 1, examples=[1, 2, 3])]


class SessionOut(Schema):
    id: int = Field(description="The occurrence's id: its gathering page has the place.")
    circle_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    facilitating: bool


class AttendanceOut(Schema):
    place_id: int
    member: str = Field(description="Their chosen name.")
    present: bool | None = Field(description="Came, did not, or not recorded yet (null).")


class MarkIn(InputSchema):
    place_id: Id
    present: bool


class AttendanceIn(InputSchema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"marks": [{"place_id": 1, "present": True}]}]}
    )

    marks: Annotated[list[MarkIn], Field(min_length=1, max_length=MAX_MARKS)]


@router.get(
    "/support/sessions",
    response=responses(list[SessionOut], READ_ERRORS),
    summary="My circles' sessions to come",
)
def get_my_sessions(request: HttpRequest) -> object:
    return [card.__dict__ for card in list_my_sessions(viewer=actor(request))]


def _attendance(request: HttpRequest, occurrence_id: int) -> list[dict[str, object]]:
    rows = list_session_attendance(viewer=actor(request), occurrence_id=occurrence_id)
    return [row.__dict__ for row in rows]


@router.get(
    "/support/sessions/{occurrence_id}/attendance",
    response=responses(list[AttendanceOut], READ_ERRORS),
    summary="A session's attendance (its circle's facilitators)",
)
def get_attendance(request: HttpRequest, occurrence_id: Path[Id]) -> object:
    return _attendance(request, occurrence_id)


@router.post(
    "/support/sessions/{occurrence_id}/attendance",
    response=responses(list[AttendanceOut], WRITE_ERRORS),
    summary="Record who came to a session (its circle's facilitators)",
)
def post_attendance(request: HttpRequest, occurrence_id: Path[Id], payload: AttendanceIn) -> object:
    me = actor(request)
    record_session_attendance(
        actor=me,
        occurrence=get_session(viewer=me, occurrence_id=occurrence_id),
        present={mark.place_id: mark.present for mark in payload.marks},
    )
    return _attendance(request, occurrence_id)
