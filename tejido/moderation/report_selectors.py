"""Every read about reports: the organisers' queue (open reports first), one report with what
an organiser needs to decide, the count of open reports for the organiser menu, and a member's
own warnings. The reporter appears by name to organisers only; a member's warnings never say
who reported."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from tejido.access.base import AnyUser
from tejido.access.members import MemberCard, member_card, viewer_for
from tejido.access.network import can_manage_network
from tejido.access.reportables import kind_named
from tejido.access.reports import can_handle_report, own_warnings, visible_reports
from tejido.accounts.models import User
from tejido.core.choices import label
from tejido.core.errors import NotFound
from tejido.core.paging import ListPage, paginate
from tejido.moderation.models import MemberWarning, Report


def _name(user: User | None) -> str:
    if user is None:
        return ""
    profile = getattr(user, "profile", None)
    return str(profile.chosen_name) if profile is not None else f"#{user.pk}"


@dataclass(frozen=True)
class Outcome:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class ReportRow:
    id: int
    kind: str
    kind_label: str
    target: str
    target_url: str
    # None when what was reported is no member's (a business).
    reported: MemberCard | None
    reported_state: str
    reported_state_label: str
    reason: str
    reason_label: str
    text: str
    status: str
    status_label: str
    reporter_name: str
    created_at: datetime
    handled_at: datetime | None
    handled_by_name: str
    note: str
    warning: str
    # The other reports about the same person the viewer may see, made before this one.
    earlier: Sequence[Outcome]
    can_handle: bool

    @property
    def is_open(self) -> bool:
        return self.status == Report.Status.OPEN

    @property
    def earlier_count(self) -> int:
        return sum(outcome.count for outcome in self.earlier)


def _reports(viewer: AnyUser | None) -> QuerySet[Report]:
    return visible_reports(viewer).select_related(
        "reporter__profile",
        "reported__profile__area",
        "reported__professional",
        "handled_by__profile",
        "warning",
    )


def _earlier(viewer: AnyUser | None, reports: list[Report]) -> dict[int, list[Outcome]]:
    """For each report, the viewer's other earlier reports about the same person (or, for a
    thing no member answers for, about the same thing), by outcome, in one query."""
    people = {r.reported_id for r in reports if r.reported_id is not None}
    things = Q()
    for report in reports:
        if report.reported_id is None:
            things |= Q(reported__isnull=True, kind=report.kind, target_id=report.target_id)
    history = list(
        visible_reports(viewer)
        .filter(Q(reported__in=people) | things)
        .values_list("pk", "reported_id", "kind", "target_id", "status")
    )
    labels = dict(Report.Status.choices)
    result: dict[int, list[Outcome]] = {}
    for report in reports:
        about = (report.reported_id, report.kind, report.target_id)
        counts = Counter(
            status
            for pk, person, kind, target, status in history
            if pk < report.pk
            and (
                person == report.reported_id
                if person is not None
                else (person, kind, target) == about
            )
        )
        result[report.pk] = [
            Outcome(status=status, label=str(labels[status]), count=counts[status])
            for status in Report.Status.values
            if counts[status]
        ]
    return result


def _targets(reports: list[Report]) -> dict[int, tuple[str, str, str]]:
    """For each report, its kind's label, a description and the path of the reported thing
    (empty when it is gone, or of a kind no longer installed): one query per kind."""
    by_kind: dict[str, list[Report]] = {}
    for report in reports:
        by_kind.setdefault(report.kind, []).append(report)
    result: dict[int, tuple[str, str, str]] = {}
    for name, of_kind in by_kind.items():
        try:
            kind = kind_named(name)
        except NotFound:
            result.update({r.pk: (name, "", "") for r in of_kind})
            continue
        found = kind.fetch(r.target_id for r in of_kind)
        for report in of_kind:
            target = found.get(report.target_id)
            described = (
                (kind.describe(target), kind.url(target)) if target is not None else ("", "")
            )
            result[report.pk] = (str(kind.label), *described)
    return result


def _rows(viewer: AnyUser | None, reports: list[Report]) -> list[ReportRow]:
    standing = viewer_for(viewer, [r.reported_id for r in reports if r.reported_id is not None])
    earlier = _earlier(viewer, reports)
    targets = _targets(reports)
    rows = []
    for report in reports:
        reported = report.reported
        card: MemberCard | None = None
        if reported is not None and hasattr(reported, "profile"):
            card = member_card(standing, reported)
        elif reported is not None:
            card = MemberCard(id=reported.pk, chosen_name=_name(reported), is_self=False, roles=())
        kind_label, target, target_url = targets[report.pk]
        warning = getattr(report, "warning", None)
        rows.append(
            ReportRow(
                id=report.pk,
                kind=report.kind,
                kind_label=kind_label,
                target=target,
                target_url=target_url,
                reported=card,
                reported_state=reported.state if reported is not None else "",
                reported_state_label=label(reported, "state") if reported else "",
                reason=report.reason,
                reason_label=label(report, "reason"),
                text=report.text,
                status=report.status,
                status_label=label(report, "status"),
                reporter_name=_name(report.reporter),
                created_at=report.created_at,
                handled_at=report.handled_at,
                handled_by_name=_name(report.handled_by),
                note=report.note,
                warning=warning.message if isinstance(warning, MemberWarning) else "",
                earlier=earlier[report.pk],
                # Every report here is one the viewer may see (see get_report_row).
                can_handle=report.is_open,
            )
        )
    return rows


def list_reports(*, viewer: AnyUser | None, page: int | str | None = 1) -> ListPage[ReportRow]:
    """The moderation queue: open reports first, the longest waiting first; then handled ones,
    the most recently handled first."""
    if not can_manage_network(viewer):
        raise NotFound()
    reports = (
        _reports(viewer)
        .annotate(
            closed=Case(
                When(status=Report.Status.OPEN, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("closed", F("handled_at").desc(nulls_first=True), "created_at", "id")
    )
    return paginate(reports, page, lambda page_reports: _rows(viewer, page_reports))


def get_report_row(*, viewer: AnyUser | None, report_id: int) -> ReportRow:
    found = _reports(viewer).filter(pk=report_id).first()
    if found is None:
        raise NotFound()
    return replace(_rows(viewer, [found])[0], can_handle=can_handle_report(viewer, found))


def count_open_reports(*, viewer: AnyUser | None) -> int:
    """How many reports wait for the viewer (0 for anyone who is not an organiser)."""
    return visible_reports(viewer).filter(status=Report.Status.OPEN).count()


@dataclass(frozen=True)
class WarningRow:
    id: int
    message: str
    created_at: datetime


def list_my_warnings(*, viewer: AnyUser | None) -> list[WarningRow]:
    """The warnings the viewer was sent, newest first: what the organisers wrote and when,
    nothing about the report or who made it."""
    return [
        WarningRow(id=w.pk, message=w.message, created_at=w.created_at)
        for w in own_warnings(viewer).order_by("-created_at", "-id")
    ]
