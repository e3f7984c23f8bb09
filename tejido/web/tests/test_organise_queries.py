"""The organiser area's list pages cost the same number of SQL queries whatever the amount of
data: two data sizes, one expected count each."""

import pytest
from django.urls import reverse

from tejido.accounts.factories import UserFactory
from tejido.accounts.models import ProfessionalVerification
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.testing import FRAME_QUERIES
from tejido.groups.factories import GroupFactory
from tejido.membership.factories import (
    ApplicationAnswerFactory,
    ApplicationFactory,
    InvitationFactory,
)
from tejido.membership.services import ask_applicant
from tejido.moderation.report_services import report
from tejido.network.factories import AreaFactory

pytestmark = pytest.mark.django_db


SIZES = [2, 7]
# Every organiser page's menu counts the open reports.
MENU_QUERIES = 1


def _world(organiser, size: int) -> None:
    area = AreaFactory()
    for number in range(size):
        application = ApplicationFactory()
        ApplicationAnswerFactory(application=application)
        ApplicationAnswerFactory(application=application)
        ask_applicant(actor=organiser, application=application, question=f"Question {number}")
        person = UserFactory(
            profile__area=area, is_facilitator=number % 2 == 0, profile__chosen_name=f"Sam {number}"
        )
        ProfessionalVerification.objects.create(
            user=person,
            profession="Therapist",
            method="Register",
            verified_by=organiser,
            verified_at=now(),
        )
        InvitationFactory(group=GroupFactory(), created_by=organiser)
        record_action(actor=organiser, action="member.roles", target_user=person)
        report(actor=UserFactory(), kind="member", target_id=person.pk, reason="spam")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    ("name", "query", "own"),
    [
        # Applications: counts by status, page count, applications, answers, messages.
        ("organise_applications", "?status=question", 5),
        # Members: page count, people with profile/area/verification (an organiser sees what
        # is for a shared group: no look-up of shared groups).
        ("organise_members", "", 2),
        ("organise_members", "?q=Sam&state=member&role=facilitator", 2),
        # Invitations: page count, invitations with group and creator, the groups to choose.
        ("organise_invitations", "", 3),
        # Audit log: page count, entries with names, which of them the viewer may see, and
        # one query per kind of target on the page (here one kind: the applications asked).
        ("organise_audit", "", 4),
        # Reports: page count, reports with names, earlier reports about the same people, the
        # reported things (one query per kind); no shared groups (an organiser reads them).
        ("organise_reports", "", 4),
    ],
)
def test_list_pages_cost_the_same_at_any_size(
    organiser, organiser_client, django_assert_num_queries, size, name, query, own
):
    _world(organiser, size)
    url = reverse(name) + query
    organiser_client.get(url)  # settle allauth's session tracking

    with django_assert_num_queries(FRAME_QUERIES + MENU_QUERIES + own):
        response = organiser_client.get(url)

    assert response.status_code == 200
    assert len(response.context["page"]) >= (size + 1) // 2
