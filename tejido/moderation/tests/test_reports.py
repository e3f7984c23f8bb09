"""Reports through the services: a member reports, organisers dismiss, warn or suspend; each
action is one audit entry without the report's words, the reporter is told it was handled and
the person reported never learns who reported. What members write is sealed at rest."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from tejido.access import reportables
from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.audit.actions import action_label
from tejido.audit.models import AuditEntry
from tejido.core.errors import InvalidInput, NotAllowed, NotFound
from tejido.groups.factories import GroupFactory
from tejido.groups.models import Group
from tejido.membership.errors import WrongState
from tejido.moderation.errors import AlreadyReported, ReportHandled
from tejido.moderation.models import MemberWarning, Report
from tejido.moderation.report_selectors import (
    count_open_reports,
    get_report_row,
    list_my_warnings,
    list_reports,
)
from tejido.moderation.report_services import (
    dismiss_report,
    report,
    suspend_from_report,
    warn_member,
)
from tejido.notifications.models import Notice
from tejido.notifications.services import notify

pytestmark = pytest.mark.django_db

SECRET_TEXT = "He followed me home after the picnic"


@pytest.fixture
def people():
    organiser = OrganiserFactory(profile__chosen_name="Orla")
    reporter = UserFactory(profile__chosen_name="Rocío")
    reported = UserFactory(profile__chosen_name="Tadeo")
    return organiser, reporter, reported


def send(reporter: User, reported: User, **fields: str) -> Report:
    values = {"reason": "harassment", "text": SECRET_TEXT, **fields}
    return report(actor=reporter, kind="member", target_id=reported.pk, **values)


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return str(cursor.fetchone()[0])


def test_a_report_reaches_the_organisers_who_may_see_it(people):
    organiser, reporter, reported = people
    kept_apart = OrganiserFactory()
    BlockFactory(blocker=reported, blocked=kept_apart)

    sent = send(reporter, reported)

    assert (sent.status, sent.reported, sent.kind) == ("open", reported, "member")
    notices = Notice.objects.filter(kind="report_received")
    assert [n.user for n in notices] == [organiser]
    assert notices[0].params == {}
    assert notices[0].url == f"/organise/reports/{sent.pk}/"
    assert not Notice.objects.filter(user__in=[reported, kept_apart, reporter]).exists()
    assert count_open_reports(viewer=organiser) == 1
    assert count_open_reports(viewer=kept_apart) == 0


def test_an_organiser_who_reports_is_not_told_of_their_own_report(people):
    organiser, _reporter, reported = people
    other = OrganiserFactory()
    send(organiser, reported)
    assert [n.user for n in Notice.objects.filter(kind="report_received")] == [other]


def test_what_the_reporter_and_the_organisers_write_is_sealed_at_rest(people):
    organiser, reporter, reported = people
    sent = send(reporter, reported)
    dismiss_report(actor=organiser, report_id=sent.pk, note="Talked with both")
    other = send(UserFactory(), reported)
    warning = warn_member(actor=organiser, report_id=other.pk, message="Please stop messaging")

    stored_text = raw("moderation_report", "text", sent.pk)
    assert stored_text.startswith("sealed:")
    assert "picnic" not in stored_text
    assert raw("moderation_report", "note", sent.pk).startswith("sealed:")
    assert raw("moderation_memberwarning", "message", warning.pk).startswith("sealed:")
    sent.refresh_from_db()
    assert (sent.text, sent.note) == (SECRET_TEXT, "Talked with both")
    assert MemberWarning.objects.get().message == "Please stop messaging"


def test_a_second_open_report_is_already_with_the_organisers(people):
    organiser, reporter, reported = people
    first = send(reporter, reported)
    with pytest.raises(AlreadyReported):
        send(reporter, reported, reason="spam")
    # Once handled, something new can be reported again.
    dismiss_report(actor=organiser, report_id=first.pk)
    assert send(reporter, reported).pk != first.pk


def test_the_database_holds_one_open_report_per_reporter_and_target(people):
    _organiser, reporter, reported = people
    send(reporter, reported)
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(
            kind="member",
            target_id=reported.pk,
            reporter=reporter,
            reported=reported,
            reason="spam",
        )


def test_the_database_refuses_a_report_about_oneself_or_a_closed_one_never_handled(people):
    _organiser, reporter, reported = people
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(
            kind="member",
            target_id=reporter.pk,
            reporter=reporter,
            reported=reporter,
            reason="spam",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(
            kind="member",
            target_id=reported.pk,
            reporter=reporter,
            reported=reported,
            reason="spam",
            status="dismissed",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(
            kind="member",
            target_id=reported.pk,
            reporter=reporter,
            reported=reported,
            reason="gossip",
        )


def test_what_cannot_be_reported(people):
    _organiser, reporter, reported = people
    with pytest.raises(NotFound):
        send(reporter, reporter)
    hidden = UserFactory()
    BlockFactory(blocker=hidden, blocked=reporter)
    with pytest.raises(NotFound):
        send(reporter, hidden)
    with pytest.raises(NotFound):
        send(reporter, UserFactory(state=User.State.SUSPENDED))
    with pytest.raises(NotFound):
        report(actor=reporter, kind="no-such-kind", target_id=reported.pk, reason="spam")
    with pytest.raises(NotFound):
        send(UserFactory(state=User.State.APPLICANT), reported)
    with pytest.raises(InvalidInput) as bad_reason:
        send(reporter, reported, reason="gossip")
    assert "reason" in bad_reason.value.detail
    with pytest.raises(InvalidInput) as no_words:
        send(reporter, reported, reason="other", text="  ")
    assert "text" in no_words.value.detail
    assert not Report.objects.exists()


def test_dismiss_tells_the_reporter_and_nobody_else(people):
    organiser, reporter, reported = people
    sent = send(reporter, reported)
    Notice.objects.all().delete()

    dismissed = dismiss_report(actor=organiser, report_id=sent.pk, note="Nothing to act on")

    assert (dismissed.status, dismissed.handled_by) == ("dismissed", organiser)
    assert dismissed.handled_at is not None
    told = Notice.objects.get()
    assert (told.user, told.kind, told.params) == (reporter, "report_handled", {})
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.target_user, entry.target_kind, entry.target_id) == (
        "report.dismiss",
        reported,
        "moderation.report",
        sent.pk,
    )
    assert entry.detail == {"kind": "member", "reason": "harassment", "note_given": True}
    with translation.override("en"):
        assert action_label("report.dismiss") == "Dismissed a report"
    with pytest.raises(ReportHandled):
        dismiss_report(actor=organiser, report_id=sent.pk)


def test_warn_writes_the_warning_and_tells_the_member_without_the_reporter(people):
    organiser, reporter, reported = people
    sent = send(reporter, reported)
    Notice.objects.all().delete()

    warning = warn_member(actor=organiser, report_id=sent.pk, message="Please keep it kind")

    assert (warning.member, warning.report, warning.sent_by) == (reported, sent, organiser)
    sent.refresh_from_db()
    assert sent.status == "warned"
    to_member = Notice.objects.get(user=reported)
    assert (to_member.kind, to_member.url, to_member.params) == (
        "member_warned",
        "/me/warnings/",
        {},
    )
    assert Notice.objects.get(user=reporter).kind == "report_handled"
    entry = AuditEntry.objects.get()
    assert entry.action == "report.warn"
    assert "Please keep it kind" not in str(entry.detail)
    assert SECRET_TEXT not in str(entry.detail)
    rows = list_my_warnings(viewer=reported)
    assert [row.message for row in rows] == ["Please keep it kind"]
    assert "Rocío" not in str(rows)
    assert list_my_warnings(viewer=reporter) == []


def test_suspend_from_a_report_is_one_audit_entry_naming_it(people):
    organiser, reporter, reported = people
    sent = send(reporter, reported)

    suspended = suspend_from_report(actor=organiser, report_id=sent.pk, reason="Threats")

    assert suspended.status == "suspended"
    reported.refresh_from_db()
    assert (reported.state, reported.suspension_reason) == (User.State.SUSPENDED, "Threats")
    entry = AuditEntry.objects.get()
    assert entry.action == "member.suspend"
    assert entry.detail == {"reason_given": True, "report": sent.pk}
    assert Notice.objects.filter(user=reporter, kind="report_handled").exists()


def test_warn_and_suspend_need_someone_still_a_member(people):
    organiser, reporter, reported = people
    sent = send(reporter, reported)
    User.objects.filter(pk=reported.pk).update(state=User.State.SUSPENDED)
    with pytest.raises(WrongState):
        warn_member(actor=organiser, report_id=sent.pk, message="Hello")
    with pytest.raises(WrongState):
        suspend_from_report(actor=organiser, report_id=sent.pk, reason="Again")
    assert Report.objects.get().is_open


def test_only_organisers_who_see_the_report_handle_it(people):
    organiser, reporter, reported = people
    sent = send(reporter, reported)
    with pytest.raises(NotAllowed):
        dismiss_report(actor=reporter, report_id=sent.pk)
    with pytest.raises(NotAllowed):
        warn_member(actor=reported, report_id=sent.pk, message="x")
    kept_apart = OrganiserFactory()
    BlockFactory(blocker=kept_apart, blocked=reporter)
    with pytest.raises(NotFound):
        dismiss_report(actor=kept_apart, report_id=sent.pk)
    with pytest.raises(NotFound):
        dismiss_report(actor=organiser, report_id=999_999)
    with pytest.raises(InvalidInput):
        warn_member(actor=organiser, report_id=sent.pk, message=" ")
    assert Report.objects.get().is_open


def test_notices_about_a_report_reach_only_its_audience(people):
    organiser, reporter, reported = people
    sent = send(reporter, reported)
    assert notify(user=reported, kind="report_handled", about=sent) is None
    assert notify(user=UserFactory(), kind="report_handled", about=sent) is None
    assert notify(user=reporter, kind="report_handled", about=sent) is not None
    assert notify(user=organiser, kind="report_received", about=sent) is not None


def test_the_queue_shows_open_reports_first_with_earlier_outcomes(people):
    organiser, reporter, reported = people
    first = send(reporter, reported)
    dismiss_report(actor=organiser, report_id=first.pk)
    second = send(UserFactory(), reported)
    warn_member(actor=organiser, report_id=second.pk, message="Be kind")
    third = send(reporter, reported, reason="threats", text="Again")
    about_other = send(reporter, UserFactory())

    with translation.override("en"):
        page = list_reports(viewer=organiser)
        row = get_report_row(viewer=organiser, report_id=third.pk)

    assert [r.id for r in page] == [third.pk, about_other.pk, second.pk, first.pk]
    assert (row.reporter_name, row.reported.chosen_name, row.text) == ("Rocío", "Tadeo", "Again")
    assert row.reason_label == "Threats or violence"
    assert {(o.status, o.count) for o in row.earlier} == {("dismissed", 1), ("warned", 1)}
    assert row.earlier_count == 2
    assert row.can_handle
    assert (row.kind_label, row.target, row.target_url) == (
        "Member",
        "Tadeo",
        f"/members/{reported.pk}/",
    )
    handled = get_report_row(viewer=organiser, report_id=second.pk)
    assert (handled.warning, handled.can_handle) == ("Be kind", False)
    with pytest.raises(NotFound):
        list_reports(viewer=reporter)
    with pytest.raises(NotFound):
        get_report_row(viewer=reported, report_id=third.pk)


def test_a_second_kind_registers_itself_the_same_way(people, monkeypatch):
    organiser, reporter, reported = people
    monkeypatch.setattr(reportables, "_KINDS", dict(reportables._KINDS))
    from tejido.access.groups import visible_groups

    owner = reported
    reportables.register(
        reportables.ReportableKind(
            name="group",
            label="Group",
            model=Group,
            visible=visible_groups,
            owner=lambda group: owner,
            describe=lambda group: group.name_en,
            url=lambda group: f"/groups/{group.slug}/",
        )
    )
    group = GroupFactory(name_en="Picnic club", slug="picnic")

    sent = report(actor=reporter, kind="group", target_id=group.pk, reason="spam")

    assert (sent.kind, sent.target_id, sent.reported) == ("group", group.pk, reported)
    row = get_report_row(viewer=organiser, report_id=sent.pk)
    assert (row.kind_label, row.target, row.target_url) == (
        "Group",
        "Picnic club",
        "/groups/picnic/",
    )
    with pytest.raises(NotFound):
        report(actor=reporter, kind="group", target_id=999_999, reason="spam")
    warn_member(actor=organiser, report_id=sent.pk, message="About your group")
    assert MemberWarning.objects.get().member == reported
    # A report of something since gone, or of a kind no longer installed, still shows.
    group.delete()
    gone = get_report_row(viewer=organiser, report_id=sent.pk)
    assert (gone.kind_label, gone.target, gone.target_url) == ("Group", "", "")
    monkeypatch.setattr(reportables, "_KINDS", {})
    assert get_report_row(viewer=organiser, report_id=sent.pk).target == ""
