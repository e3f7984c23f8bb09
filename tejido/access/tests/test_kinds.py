"""The policy of the network's own kinds, asked directly: applications, invitations, the
network's settings, areas, questions and code of conduct, the audit log and notices, and the
audience registry that notices go through."""

import pytest

from tejido.access.applications import (
    audience_of_application,
    can_apply,
    can_review_application,
    can_see_application,
    own_applications,
    reviewable_applications,
    visible_applications,
)
from tejido.access.audit import visible_audit_entries
from tejido.access.base import audience_of
from tejido.access.invitations import (
    audience_of_invitation,
    can_manage_invitations,
    visible_invitations,
)
from tejido.access.network import (
    audience_of_conduct,
    audience_of_network,
    can_accept_conduct,
    can_manage_network,
    visible_areas,
    visible_questions,
)
from tejido.access.notices import visible_notices
from tejido.accounts.factories import (
    ApplicantFactory,
    BlockFactory,
    OrganiserFactory,
    UserFactory,
)
from tejido.accounts.models import User
from tejido.audit.models import AuditEntry
from tejido.membership.factories import (
    ApplicationFactory,
    ApplicationQuestionFactory,
    CodeOfConductFactory,
    InvitationFactory,
)
from tejido.network.factories import AreaFactory
from tejido.network.models import NetworkSettings
from tejido.notifications.models import Notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "member": UserFactory(),
        "suspended": UserFactory(state=User.State.SUSPENDED),
        "organiser": OrganiserFactory(),
    }


def test_applicants_see_their_own_application_and_organisers_review_every_one(people):
    own = ApplicationFactory(user=people["applicant"])
    other = ApplicationFactory()
    organiser = people["organiser"]
    assert list(own_applications(people["applicant"])) == [own]
    assert set(visible_applications(people["applicant"])) == {own}
    assert set(visible_applications(organiser)) == {own, other}
    assert set(reviewable_applications(organiser)) == {own, other}
    assert can_see_application(people["applicant"], own)
    assert not can_see_application(people["applicant"], other)
    assert can_review_application(organiser, other)
    for name in ("anonymous", "member", "suspended"):
        assert not visible_applications(people[name]).exists(), name
        assert not can_review_application(people[name], own), name
    assert not can_review_application(people["applicant"], own)


def test_only_someone_signed_up_and_not_yet_a_member_applies(people):
    assert can_apply(people["applicant"])
    for name in ("anonymous", "member", "suspended", "organiser"):
        assert not can_apply(people[name]), name


def test_an_application_in_a_block_with_an_organiser_is_left_to_the_others(people):
    applicant, organiser = people["applicant"], people["organiser"]
    application = ApplicationFactory(user=applicant)
    BlockFactory(blocker=organiser, blocked=applicant)
    other_organiser = OrganiserFactory()
    assert not can_review_application(organiser, application)
    assert set(audience_of_application(application)) == {applicant, other_organiser}
    assert set(audience_of(application)) == {applicant, other_organiser}


def test_invitations_are_for_organisers(people):
    invitation = InvitationFactory(created_by=people["organiser"])
    assert list(visible_invitations(people["organiser"])) == [invitation]
    assert can_manage_invitations(people["organiser"])
    for name in ("anonymous", "applicant", "member", "suspended"):
        assert not visible_invitations(people[name]).exists(), name
        assert not can_manage_invitations(people[name]), name
    assert set(audience_of_invitation(invitation)) == {people["organiser"]}


def test_the_network_is_run_by_organisers_and_its_areas_are_for_members(people):
    area = AreaFactory()
    assert can_manage_network(people["organiser"])
    assert list(visible_areas(people["member"])) == [area]
    for name in ("anonymous", "applicant", "suspended"):
        assert not visible_areas(people[name]).exists(), name
    for name in ("anonymous", "applicant", "member", "suspended"):
        assert not can_manage_network(people[name]), name
    assert set(audience_of_network(NetworkSettings.current())) == {people["organiser"]}


def test_everyone_reads_the_questions_asked_and_organisers_also_the_others(people):
    asked = ApplicationQuestionFactory()
    retired = ApplicationQuestionFactory(active=False)
    assert list(visible_questions(None)) == [asked]
    assert list(visible_questions(people["member"], include_inactive=True)) == [asked]
    assert list(visible_questions(people["organiser"], include_inactive=True)) == [asked, retired]


def test_members_accept_the_code_of_conduct_and_are_told_of_a_new_one(people):
    code = CodeOfConductFactory()
    assert can_accept_conduct(people["member"])
    assert not can_accept_conduct(people["applicant"])
    assert set(audience_of_conduct(code)) == {people["member"], people["organiser"]}


def test_the_audit_log_is_for_organisers(people):
    entry = AuditEntry.objects.create(actor=people["organiser"], action="area.add")
    assert list(visible_audit_entries(people["organiser"])) == [entry]
    for name in ("anonymous", "applicant", "member", "suspended"):
        assert not visible_audit_entries(people[name]).exists(), name


def test_an_organiser_does_not_read_what_was_done_about_a_report_on_them(people):
    reported = people["organiser"]
    other = OrganiserFactory()
    about_them = AuditEntry.objects.create(
        actor=other,
        action="report.dismiss",
        target_user=reported,
        target_kind="moderation.report",
        target_id=1,
    )
    assert about_them not in visible_audit_entries(reported)
    assert about_them in visible_audit_entries(other)


def test_a_member_sees_only_their_own_notices(people):
    mine = Notice.objects.create(user=people["member"], kind="x")
    Notice.objects.create(user=people["organiser"], kind="x")
    assert list(visible_notices(people["member"])) == [mine]
    assert not visible_notices(None).exists()


def test_a_kind_without_an_audience_tells_nobody(people):
    with pytest.raises(LookupError, match="No audience"):
        audience_of(Notice.objects.create(user=people["member"], kind="x"))
