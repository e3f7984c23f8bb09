"""Every write about reports: a member sends one; organisers dismiss it, warn the member it is
about, or suspend them. Each organiser action is one audit entry (never the report's text, its
note or a warning's message), and the reporter is told that their report was handled, never
how."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext

from tejido.access.base import AnyUser, is_vetted
from tejido.access.reportables import kind_named
from tejido.access.reports import can_report, organisers_of_report, visible_reports
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotFound
from tejido.core.text import TextRule
from tejido.membership.checks import require_organiser
from tejido.membership.errors import WrongState
from tejido.membership.member_services import SUSPENSION_REASON, suspend_member
from tejido.moderation.errors import AlreadyReported, ReportHandled
from tejido.moderation.models import MemberWarning, Report
from tejido.notifications.services import notify

# A kind's name, as the column holds it: a longer one names no kind.
KIND_MAX = Report._meta.get_field("kind").max_length or 40
TEXT = TextRule(3000, multiline=True)
TEXT_FOR_OTHER = TextRule(3000, multiline=True, required=True)
NOTE = TextRule(2000, multiline=True)
MESSAGE = TextRule(3000, multiline=True, required=True)


def _reason(value: object) -> str:
    if value not in Report.Reason.values:
        raise InvalidInput(detail={"reason": gettext("Choose one of the reasons.")})
    return str(value)


@transaction.atomic
def report(*, actor: AnyUser, kind: str, target_id: int, reason: str, text: str = "") -> Report:
    """Send a report about something the actor may see. The organisers who may handle it are
    told; the person it is about never is. A second report of the same thing while the first
    is open is AlreadyReported."""
    reportable = kind_named(kind)
    target = reportable.find(actor, target_id)
    assert isinstance(actor, User)
    owner = reportable.owner(target)
    # One's own thing is answered as a thing one cannot see: the same 404.
    if owner is not None and owner.pk == actor.pk:
        raise NotFound()
    if not can_report(actor, target):
        raise NotFound()
    chosen = _reason(reason)
    written = (TEXT_FOR_OTHER if chosen == "other" else TEXT).clean(text, field="text")
    open_reports = Report.objects.filter(
        reporter=actor, kind=reportable.name, target_id=target.pk, status=Report.Status.OPEN
    )
    if open_reports.exists():
        raise AlreadyReported()
    try:
        with transaction.atomic():
            sent = Report.objects.create(
                kind=reportable.name,
                target_id=target.pk,
                reporter=actor,
                reported=owner,
                reason=chosen,
                text=written,
            )
    except IntegrityError as error:  # the same report sent twice at once
        raise AlreadyReported() from error
    # An organiser who reported needs no notice of their own report.
    for organiser in organisers_of_report(sent).exclude(pk=actor.pk):
        notify(
            user=organiser,
            kind="report_received",
            about=sent,
            url=reverse("organise_report", args=[sent.pk]),
        )
    return sent


def _open_report(organiser: User, report_id: int) -> Report:
    """The report locked for update, if the organiser may see it; NotFound otherwise, and
    ReportHandled once someone has handled it."""
    # Only the report's row: the person reported may be none (a business), an outer join
    # PostgreSQL will not lock.
    found = (
        visible_reports(organiser)
        .select_for_update(of=("self",))
        .select_related("reporter", "reported")
        .filter(pk=report_id)
        .first()
    )
    if found is None:
        raise NotFound()
    if not found.is_open:
        raise ReportHandled()
    return found


def _close(report: Report, organiser: User, status: str, note: str = "") -> None:
    report.status = status
    report.handled_by = organiser
    report.handled_at = now()
    report.note = note
    report.save(update_fields=["status", "handled_by", "handled_at", "note"])
    notify(user=report.reporter, kind="report_handled", about=report)


def _audit(organiser: User, action: str, report: Report, **detail: object) -> None:
    record_action(
        actor=organiser,
        action=action,
        target_user=report.reported,
        target=report,
        detail={"kind": report.kind, "reason": report.reason, **detail},
    )


@transaction.atomic
def dismiss_report(*, actor: AnyUser, report_id: int, note: str = "") -> Report:
    """Nothing to act on. An optional note stays with the report, for organisers."""
    organiser = require_organiser(actor)
    kept = NOTE.clean(note, field="note")
    found = _open_report(organiser, report_id)
    _close(found, organiser, Report.Status.DISMISSED, kept)
    _audit(organiser, "report.dismiss", found, note_given=bool(kept))
    return found


@transaction.atomic
def warn_member(*, actor: AnyUser, report_id: int, message: str) -> MemberWarning:
    """Send the reported member a warning: they are told with a notice and read it on their
    warnings page, which never says who reported."""
    organiser = require_organiser(actor)
    text = MESSAGE.clean(message, field="message")
    found = _open_report(organiser, report_id)
    member = found.reported
    if member is None or not is_vetted(member):
        raise WrongState()
    warning = MemberWarning.objects.create(
        member=member, report=found, message=text, sent_by=organiser
    )
    _close(found, organiser, Report.Status.WARNED)
    _audit(organiser, "report.warn", found)
    notify(user=member, kind="member_warned", about=member, url=reverse("my_warnings"))
    return warning


@transaction.atomic
def suspend_from_report(*, actor: AnyUser, report_id: int, reason: str) -> Report:
    """Suspend the reported member, as from their page (the reason is kept on their record),
    and close the report. The suspension's audit entry is the one entry, naming the report."""
    organiser = require_organiser(actor)
    SUSPENSION_REASON.clean(reason, field="reason")
    found = _open_report(organiser, report_id)
    if found.reported is None:
        raise WrongState()
    suspend_member(actor=organiser, member=found.reported, reason=reason, report_id=found.pk)
    _close(found, organiser, Report.Status.SUSPENDED)
    return found


def close_reports_about(*, actor: User, kind: str, target_id: int) -> int:
    """Close the open reports the organiser sees about a thing no member answers for (a
    business), once they acted on it where it is shown: each reporter is told it was handled,
    and each report gets its audit entry. Call it inside the action's transaction. How many
    were closed."""
    require_organiser(actor)
    found = list(
        visible_reports(actor)
        .select_for_update(of=("self",))
        .filter(kind=kind, target_id=target_id, reported__isnull=True, status=Report.Status.OPEN)
        .select_related("reporter")
    )
    for open_report in found:
        _close(open_report, actor, Report.Status.ACTED)
        _audit(actor, "report.acted", open_report)
    return len(found)
