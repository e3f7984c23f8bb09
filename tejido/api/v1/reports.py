"""Reports: a member reports something they can see; network organisers read the moderation
queue and handle each report. Anyone else asking for the queue or a report gets a 404, as if
there were none. The reporter is told only that their report was handled; the person reported
never learns who reported."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.responses import Status
from pydantic import Field

from tejido.api.v1.auth import actor
from tejido.api.v1.members import MemberOut, member_out
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
from tejido.membership.member_services import REASON_MAX
from tejido.moderation.models import Report
from tejido.moderation.report_selectors import ReportRow, get_report_row, list_reports
from tejido.moderation.report_services import (
    KIND_MAX,
    MESSAGE,
    NOTE,
    TEXT,
    dismiss_report,
    report,
    suspend_from_report,
    warn_member,
)

router = Router(tags=["reports"])

Reason = Literal[
    "harassment", "hate", "outing", "threats", "impersonation", "sexual", "spam", "other"
]
ReportStatus = Literal["open", "dismissed", "warned", "suspended", "acted"]
assert set(Reason.__args__) == set(Report.Reason.values)  # type: ignore[attr-defined]
assert set(ReportStatus.__args__) == set(Report.Status.values)  # type: ignore[attr-defined]


class ReportIn(InputSchema):
    kind: Text = Field(
        "member",
        max_length=KIND_MAX,
        description="The kind of thing reported: `member`, or a kind a capability registered.",
    )
    target_id: Id = Field(description="The id of what is reported (a member's id).")
    reason: Reason
    text: Text = Field(
        "",
        max_length=TEXT.max_length,
        description="What happened; needed when the reason is `other`. Only organisers read it.",
    )


class ReportSentOut(Schema):
    id: int
    status: ReportStatus


@router.post(
    "/reports",
    response=responses(ReportSentOut, WRITE_ERRORS, status=201),
    summary="Report something to the organisers",
)
def post_report(request: HttpRequest, payload: ReportIn) -> object:
    """The organisers are told; the person reported is not, and never learns who reported.
    Something you cannot see, or your own, is a 404; a second report of the same thing while
    the first is open is a 409 `already_reported`."""
    sent = report(
        actor=actor(request),
        kind=payload.kind,
        target_id=payload.target_id,
        reason=payload.reason,
        text=payload.text,
    )
    return Status(201, {"id": sent.pk, "status": sent.status})


class OutcomeOut(Schema):
    status: ReportStatus
    label: str
    count: int


class ReportSummaryOut(Schema):
    id: int
    kind: str
    kind_label: str
    reported: MemberOut | None = Field(
        description="The member reported, as organisers see them; null when what was reported "
        "is no member's (a business)."
    )
    reason: Reason
    reason_label: str
    status: ReportStatus
    status_label: str
    reporter_name: str = Field(description="Who reported: for organisers only.")
    created_at: datetime
    handled_at: datetime | None
    earlier: list[OutcomeOut] = Field(
        description="Earlier reports about the same member, by outcome."
    )


class ReportOut(ReportSummaryOut):
    target: str
    target_url: str
    text: str
    handled_by_name: str
    note: str
    warning: str = Field(description="The warning sent to the member, if one was.")


class ReportPage(NumberedPageOut):
    items: list[ReportSummaryOut]


def _summary(row: ReportRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "kind": row.kind,
        "kind_label": row.kind_label,
        "reported": member_out(row.reported) if row.reported is not None else None,
        "reason": row.reason,
        "reason_label": row.reason_label,
        "status": row.status,
        "status_label": row.status_label,
        "reporter_name": row.reporter_name,
        "created_at": row.created_at,
        "handled_at": row.handled_at,
        "earlier": [{"status": o.status, "label": o.label, "count": o.count} for o in row.earlier],
    }


def _detail(row: ReportRow) -> dict[str, Any]:
    return {
        **_summary(row),
        "target": row.target,
        "target_url": row.target_url,
        "text": row.text,
        "handled_by_name": row.handled_by_name,
        "note": row.note,
        "warning": row.warning,
    }


@router.get(
    "/organise/reports",
    response=responses(ReportPage, READ_ERRORS),
    summary="The moderation queue",
)
def get_reports(request: HttpRequest, filters: Query[PageQuery]) -> object:
    """Open reports first, the longest waiting first; then handled ones. 25 a page."""
    return numbered_page(list_reports(viewer=actor(request), page=filters.page), _summary)


@router.get(
    "/organise/reports/{report_id}",
    response=responses(ReportOut, READ_ERRORS),
    summary="One report",
)
def get_report(request: HttpRequest, report_id: Path[Id]) -> object:
    return _detail(get_report_row(viewer=actor(request), report_id=report_id))


class HandledOut(Schema):
    id: int
    status: ReportStatus


class DismissIn(InputSchema):
    note: Text = Field(
        "", max_length=NOTE.max_length, description="Optional; only organisers read it."
    )


class WarnIn(InputSchema):
    message: Text = Field(
        min_length=1,
        max_length=MESSAGE.max_length,
        description="The member reads it; it never names the reporter.",
    )


class SuspendIn(InputSchema):
    reason: Text = Field(min_length=1, max_length=REASON_MAX)


@router.post(
    "/organise/reports/{report_id}/dismiss",
    response=responses(HandledOut, WRITE_ERRORS),
    summary="Dismiss a report",
)
def post_dismiss_report(
    request: HttpRequest, report_id: Path[Id], payload: DismissIn | None = None
) -> object:
    """The reporter is told it was handled. A report already handled is a 409."""
    handled = dismiss_report(
        actor=actor(request), report_id=report_id, note=payload.note if payload else ""
    )
    return {"id": handled.pk, "status": handled.status}


@router.post(
    "/organise/reports/{report_id}/warn",
    response=responses(HandledOut, WRITE_ERRORS),
    summary="Warn the member reported",
)
def post_warn_member(request: HttpRequest, report_id: Path[Id], payload: WarnIn) -> object:
    """The member is told to read the warning on their warnings page; the reporter is told the
    report was handled."""
    warning = warn_member(actor=actor(request), report_id=report_id, message=payload.message)
    assert warning.report is not None
    return {"id": warning.report.pk, "status": warning.report.status}


@router.post(
    "/organise/reports/{report_id}/suspend",
    response=responses(HandledOut, WRITE_ERRORS),
    summary="Suspend the member reported",
)
def post_suspend_from_report(
    request: HttpRequest, report_id: Path[Id], payload: SuspendIn
) -> object:
    """As suspending them from their page: logged out everywhere, the reason on their record."""
    handled = suspend_from_report(actor=actor(request), report_id=report_id, reason=payload.reason)
    return {"id": handled.pk, "status": handled.status}
