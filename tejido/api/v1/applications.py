"""Applications to join, for network organisers only: anyone else gets a 404, as if there
were no such thing."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema
from pydantic import Field

from tejido.api.v1.auth import actor
from tejido.api.v1.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    Id,
    InputSchema,
    NumberedPageOut,
    PageQuery,
    Text,
    numbered_page,
    responses,
)
from tejido.membership.models import Application
from tejido.membership.selectors import (
    ApplicationRow,
    get_application,
    get_application_row,
    list_applications,
)
from tejido.membership.services import (
    MESSAGE_MAX,
    approve_application,
    ask_applicant,
    decline_application,
)

router = Router(tags=["applications"])

AppStatus = Literal["pending", "question", "approved", "declined"]


class ApplicationSummaryOut(Schema):
    id: int
    status: AppStatus
    status_label: str = Field(description="The status in your language.")
    applicant_name: str
    created_at: datetime
    updated_at: datetime
    decided_at: datetime | None


class AnswerOut(Schema):
    question: str
    text: str


class ApplicationMessageOut(Schema):
    from_organisers: bool
    author_name: str
    text: str
    created_at: datetime


class ApplicationOut(ApplicationSummaryOut):
    decided_by_name: str
    answers: list[AnswerOut]
    messages: list[ApplicationMessageOut]


class ApplicationPage(NumberedPageOut):
    items: list[ApplicationSummaryOut]


class ApplicationFilters(PageQuery):
    status: AppStatus = "pending"


def _summary(row: ApplicationRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "status": row.status,
        "status_label": row.status_label,
        "applicant_name": row.applicant_name,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "decided_at": row.decided_at,
    }


@router.get(
    "/applications",
    response=responses(ApplicationPage, READ_ERRORS),
    summary="Applications in one status",
)
def get_applications(request: HttpRequest, filters: Query[ApplicationFilters]) -> object:
    """Waiting ones oldest first; decided ones newest first. 25 a page."""
    page = list_applications(viewer=actor(request), status=filters.status, page=filters.page)
    return numbered_page(page, _summary)


@router.get(
    "/applications/{application_id}",
    response=responses(ApplicationOut, READ_ERRORS),
    summary="One application with its answers and messages",
)
def get_application_detail(request: HttpRequest, application_id: Path[Id]) -> object:
    return get_application_row(viewer=actor(request), application_id=application_id)


class DecisionOut(Schema):
    id: int
    status: AppStatus


def _decision(application: Application) -> dict[str, Any]:
    return {"id": application.pk, "status": application.status}


@router.post(
    "/applications/{application_id}/approve",
    response=responses(DecisionOut, WRITE_ERRORS),
    summary="Approve an application",
)
def post_approve_application(request: HttpRequest, application_id: Path[Id]) -> object:
    """The applicant becomes a member and is told. A decided application is a 409."""
    me = actor(request)
    application = get_application(viewer=me, application_id=application_id)
    return _decision(approve_application(actor=me, application=application))


class DeclineIn(InputSchema):
    message: Text = Field(
        "", max_length=MESSAGE_MAX, description="Optional; the applicant reads it."
    )


@router.post(
    "/applications/{application_id}/decline",
    response=responses(DecisionOut, WRITE_ERRORS),
    summary="Decline an application",
)
def post_decline_application(
    request: HttpRequest, application_id: Path[Id], payload: DeclineIn | None = None
) -> object:
    """Decline, optionally with a message to the applicant. The audit log records only that a
    message was sent, never its text."""
    me = actor(request)
    application = get_application(viewer=me, application_id=application_id)
    return _decision(
        decline_application(
            actor=me, application=application, message=payload.message if payload else ""
        )
    )


class QuestionIn(InputSchema):
    question: Text = Field(min_length=1, max_length=MESSAGE_MAX)


@router.post(
    "/applications/{application_id}/question",
    response=responses(DecisionOut, WRITE_ERRORS),
    summary="Ask the applicant a question",
)
def post_application_question(
    request: HttpRequest, application_id: Path[Id], payload: QuestionIn
) -> object:
    """The application waits for the applicant's answer (status `question`)."""
    me = actor(request)
    application = get_application(viewer=me, application_id=application_id)
    return _decision(ask_applicant(actor=me, application=application, question=payload.question))
