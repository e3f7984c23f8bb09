"""What the organiser area's pages show: the figures, applications with their answers, the
members list and its search, invitation statuses, the questions, and the audit log by name and
in the organiser's own time zone."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from tejido.accounts.factories import ApplicantFactory, BlockFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.membership.factories import (
    ApplicationAnswerFactory,
    ApplicationFactory,
    ApplicationQuestionFactory,
    InvitationFactory,
)

pytestmark = pytest.mark.django_db


def _html(client, name: str, query: str = "", args: list | None = None) -> str:
    response = client.get(reverse(name, args=args or []) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_dashboard_counts(organiser_client):
    ApplicationFactory.create_batch(2)
    ApplicationFactory(status="question")
    InvitationFactory()
    InvitationFactory(revoked_at=now())
    UserFactory(state=User.State.SUSPENDED)

    figures = organiser_client.get(reverse("organise_home")).context["figures"]

    assert figures.applications["pending"] == 2
    assert figures.applications["question"] == 1
    assert figures.active_invitations == 1
    assert figures.suspended == 1
    assert figures.conduct_version is None


def test_applications_are_listed_by_status_with_their_answers(organiser_client):
    question = ApplicationQuestionFactory(text_en="Why join?", text_es="¿Por qué?")
    waiting = ApplicationFactory(user=ApplicantFactory(profile__chosen_name="Waiting Wren"))
    ApplicationAnswerFactory(application=waiting, question=question, text="To belong")
    ApplicationFactory(
        status="declined",
        decided_at=now(),
        user=ApplicantFactory(profile__chosen_name="Declined Dee"),
    )

    pending = _html(organiser_client, "organise_applications")
    declined = _html(organiser_client, "organise_applications", "?status=declined")

    assert "Waiting Wren" in pending
    assert "To belong" in pending
    assert "Declined Dee" not in pending
    assert "Declined Dee" in declined
    assert "Waiting Wren" not in declined
    detail = _html(organiser_client, "organise_application", args=[waiting.pk])
    assert "To belong" in detail
    assert reverse("organise_application_approve", args=[waiting.pk]) in detail


def test_an_application_whose_name_looks_like_a_members_warns_organisers(organiser_client):
    """The applicant is not told (that would tell a stranger who is a member); organisers are."""
    UserFactory(profile__chosen_name="Marisol")
    look_alike = ApplicationFactory(user=ApplicantFactory(profile__chosen_name="marisól"))
    other = ApplicationFactory(user=ApplicantFactory(profile__chosen_name="Marisol Pérez"))
    assert 'id="name-like-a-member"' in _html(
        organiser_client, "organise_application", args=[look_alike.pk]
    )
    assert 'id="name-like-a-member"' not in _html(
        organiser_client, "organise_application", args=[other.pk]
    )


def test_the_members_list_searches_by_chosen_name_and_filters(organiser_client):
    UserFactory(profile__chosen_name="Marisol")
    UserFactory(profile__chosen_name="Mario", is_facilitator=True)
    UserFactory(profile__chosen_name="Tomás", state=User.State.SUSPENDED)
    ApplicantFactory(profile__chosen_name="Applicant Ana")

    everyone = _html(organiser_client, "organise_members")
    assert "Marisol" in everyone
    assert "Tomás" in everyone
    assert "Applicant Ana" not in everyone  # applicants are reviewed as applications

    found = _html(organiser_client, "organise_members", "?q=mari")
    assert "Marisol" in found
    assert "Mario" in found
    assert "Tomás" not in found
    assert "Tomás" in _html(organiser_client, "organise_members", "?q=TOMAS")

    facilitators = _html(organiser_client, "organise_members", "?role=facilitator")
    assert "Mario" in facilitators
    assert "Marisol" not in facilitators

    suspended = _html(organiser_client, "organise_members", "?state=suspended")
    assert "Tomás" in suspended
    assert "Marisol" not in suspended


def test_someone_in_a_block_with_the_organiser_is_not_listed(organiser, organiser_client):
    hidden = UserFactory(profile__chosen_name="Blocked Bo")
    BlockFactory(blocker=hidden, blocked=organiser)
    assert "Blocked Bo" not in _html(organiser_client, "organise_members")
    assert organiser_client.get(reverse("organise_member", args=[hidden.pk])).status_code == 404


def test_the_member_page_never_shows_an_email_address(organiser_client):
    person = UserFactory(email="private-address@example.org")
    html = _html(organiser_client, "organise_member", args=[person.pk])
    assert "private-address" not in html


def test_invitation_statuses(login):
    organiser_client = login(OrganiserFactory(language="en"))
    InvitationFactory(note="Working link")
    InvitationFactory(note="Revoked link", revoked_at=now())
    InvitationFactory(note="Old link", expires_at=now() - timedelta(days=1))
    InvitationFactory(note="Full link", max_uses=1, uses=1)

    page = organiser_client.get(reverse("organise_invitations")).context["page"]

    assert {row.note: row.status for row in page} == {
        "Working link": "active",
        "Revoked link": "revoked",
        "Old link": "expired",
        "Full link": "used_up",
    }
    html = _html(organiser_client, "organise_invitations")
    assert html.count(">Revoke<") == 1
    # On a phone each link is a block of labelled lines (table.stack, data-label).
    assert '<table class="stack">' in html
    assert html.count('<td data-label="Status"><span class="tag">') == 4
    assert html.count('<td data-label="Expires"><time') == 4


def test_questions_no_longer_asked_are_still_listed(organiser_client):
    ApplicationQuestionFactory(text_en="Asked?", text_es="¿Sí?")
    ApplicationQuestionFactory(text_en="Retired?", text_es="¿No?", active=False)
    html = _html(organiser_client, "organise_questions")
    assert "¿Sí?" in html
    assert "¿No?" in html


def test_the_audit_log_names_people_and_shows_the_organisers_time():
    organiser = OrganiserFactory(
        profile__chosen_name="Orla", language="en", time_zone="America/Mexico_City"
    )
    target = UserFactory(profile__chosen_name="Teo")
    with time_machine.travel(datetime(2026, 3, 10, 18, 30, tzinfo=UTC), tick=False):
        record_action(actor=organiser, action="member.suspend", target_user=target)
    from django.test import Client

    client = Client()
    client.force_login(organiser)

    html = _html(client, "organise_audit")

    # On a phone each entry is a block of labelled lines (table.stack, data-label).
    assert '<table class="stack">' in html
    assert '<td data-label="Who">Orla</td>' in html
    assert '<td data-label="What">Suspended a member</td>' in html
    assert '<td data-label="Concerning">Teo</td>' in html
    # 18:30 UTC is 12:30 in Mexico City (UTC-6 in March).
    assert "12:30" in html
    assert "18:30" not in html
