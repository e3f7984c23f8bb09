"""Who may report, which reports organisers see and handle, and who may be told about one."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tejido.access.base import audience_of
from tejido.access.reports import (
    audience_of_report,
    can_handle_report,
    can_report,
    organisers_of_report,
    own_warnings,
    visible_reports,
)
from tejido.accounts.factories import (
    ApplicantFactory,
    BlockFactory,
    OrganiserFactory,
    UserFactory,
)
from tejido.accounts.models import User
from tejido.groups.factories import GroupFactory
from tejido.moderation.models import MemberWarning, Report

pytestmark = pytest.mark.django_db


def make_report(reporter: User, reported: User, **fields: object) -> Report:
    return Report.objects.create(
        kind="member",
        target_id=reported.pk,
        reporter=reporter,
        reported=reported,
        reason="harassment",
        **fields,
    )


def test_a_vetted_member_reports_someone_they_see_but_not_themselves():
    me, other = UserFactory(), UserFactory()
    assert can_report(me, other)
    assert not can_report(me, me)
    assert not can_report(ApplicantFactory(), other)
    assert not can_report(AnonymousUser(), other)
    assert not can_report(None, other)
    assert not can_report(UserFactory(state=User.State.SUSPENDED), other)


def test_nobody_reports_someone_hidden_from_them():
    me, other = UserFactory(), UserFactory()
    BlockFactory(blocker=other, blocked=me)
    assert not can_report(me, other)
    assert not can_report(me, UserFactory(state=User.State.SUSPENDED))


def test_a_kind_nobody_registered_cannot_be_reported():
    with pytest.raises(LookupError):
        can_report(UserFactory(), GroupFactory())


def test_organisers_see_reports_except_about_themselves_or_across_their_blocks():
    organiser = OrganiserFactory()
    reporter, reported = UserFactory(), UserFactory()
    plain = make_report(reporter, reported)
    about_me = make_report(reporter, organiser)
    mine = make_report(organiser, reported)
    blocked_reporter, blocked_reported = UserFactory(), UserFactory()
    BlockFactory(blocker=organiser, blocked=blocked_reporter)
    BlockFactory(blocker=blocked_reported, blocked=organiser)
    across_reporter = make_report(blocked_reporter, reported)
    across_reported = make_report(reporter, blocked_reported)

    seen = set(visible_reports(organiser))
    assert seen == {plain, mine}
    assert about_me in set(visible_reports(OrganiserFactory()))
    assert {across_reporter, across_reported} <= set(visible_reports(OrganiserFactory()))


def test_nobody_but_organisers_sees_a_report():
    reporter, reported = UserFactory(), UserFactory()
    make_report(reporter, reported)
    for viewer in (reporter, reported, UserFactory(is_facilitator=True), AnonymousUser(), None):
        assert not visible_reports(viewer).exists()


def test_only_an_open_report_the_organiser_sees_can_be_handled():
    organiser = OrganiserFactory()
    open_report = make_report(UserFactory(), UserFactory())
    handled = make_report(
        UserFactory(), UserFactory(), status=Report.Status.DISMISSED, handled_at="2026-01-01T00:00Z"
    )
    assert can_handle_report(organiser, open_report)
    assert not can_handle_report(organiser, handled)
    assert not can_handle_report(UserFactory(), open_report)
    assert not can_handle_report(open_report.reported, open_report)


def test_the_audience_is_the_reporter_and_the_organisers_who_see_it():
    organiser, blocked_organiser, reported_organiser = (
        OrganiserFactory(),
        OrganiserFactory(),
        OrganiserFactory(),
    )
    reporter, reported = UserFactory(), UserFactory()
    BlockFactory(blocker=reported, blocked=blocked_organiser)
    report = make_report(reporter, reported)

    assert set(audience_of_report(report)) == {reporter, organiser, reported_organiser}
    assert set(audience_of(report)) == {reporter, organiser, reported_organiser}
    assert set(organisers_of_report(report)) == {organiser, reported_organiser}
    # About an organiser: they are never told of it.
    about_organiser = make_report(reporter, reported_organiser)
    assert reported_organiser not in set(audience_of_report(about_organiser))
    assert reported not in set(audience_of_report(report))


def test_an_organiser_who_reported_is_in_the_audience_once_even_with_blocks_of_their_own():
    organiser = OrganiserFactory()
    BlockFactory(blocker=organiser, blocked=UserFactory())
    report = make_report(organiser, UserFactory())
    assert list(audience_of_report(report)).count(organiser) == 1


def test_a_member_reads_only_their_own_warnings():
    member, other = UserFactory(), UserFactory()
    mine = MemberWarning.objects.create(member=member, message="Please be kind.")
    MemberWarning.objects.create(member=other, message="Not yours.")
    assert list(own_warnings(member)) == [mine]
    assert not own_warnings(AnonymousUser()).exists()
    assert not own_warnings(None).exists()
