"""Every page and action of the organiser area answers 404 to anyone who may not manage the
network (visitors, applicants, members, facilitators, suspended organisers) and changes
nothing; organisers open every page."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.audit.models import AuditEntry
from tejido.membership.factories import (
    ApplicationFactory,
    ApplicationQuestionFactory,
    InvitationFactory,
)
from tejido.membership.models import Application, Invitation
from tejido.network.factories import AreaFactory
from tejido.network.models import Area

pytestmark = pytest.mark.django_db


@dataclass
class World:
    application: Any
    invitation: Any
    member: Any
    area: Any
    question: Any
    group: Any
    report: Any


def build_world() -> World:
    from tejido.groups.factories import GroupFactory
    from tejido.moderation.report_services import report

    member = UserFactory()
    return World(
        application=ApplicationFactory(),
        invitation=InvitationFactory(),
        member=member,
        area=AreaFactory(),
        question=ApplicationQuestionFactory(),
        group=GroupFactory(),
        report=report(actor=UserFactory(), kind="member", target_id=member.pk, reason="spam"),
    )


# (url name, arguments from the world, whether organisers can GET it)
PAGES: list[tuple[str, Any, bool]] = [
    ("organise_home", lambda w: [], True),
    ("organise_applications", lambda w: [], True),
    ("organise_application", lambda w: [w.application.pk], True),
    ("organise_application_approve", lambda w: [w.application.pk], False),
    ("organise_application_decline", lambda w: [w.application.pk], False),
    ("organise_application_ask", lambda w: [w.application.pk], False),
    ("organise_invitations", lambda w: [], True),
    ("organise_invitation_created", lambda w: [], False),
    ("organise_invitation_revoke", lambda w: [w.invitation.pk], False),
    ("organise_members", lambda w: [], True),
    ("organise_member", lambda w: [w.member.pk], True),
    ("organise_member_suspend", lambda w: [w.member.pk], False),
    ("organise_member_reinstate", lambda w: [w.member.pk], False),
    ("organise_member_remove", lambda w: [w.member.pk], False),
    ("organise_member_roles", lambda w: [w.member.pk], False),
    ("organise_member_verify", lambda w: [w.member.pk], False),
    ("organise_member_unverify", lambda w: [w.member.pk], False),
    ("organise_settings", lambda w: [], True),
    ("organise_areas", lambda w: [], True),
    ("organise_area_rename", lambda w: [w.area.pk], False),
    ("organise_area_move", lambda w: [w.area.pk], False),
    ("organise_area_delete", lambda w: [w.area.pk], False),
    ("organise_questions", lambda w: [], True),
    ("organise_question_edit", lambda w: [w.question.pk], True),
    ("organise_question_move", lambda w: [w.question.pk], False),
    ("organise_question_active", lambda w: [w.question.pk], False),
    ("organise_groups", lambda w: [], True),
    ("organise_group_new", lambda w: [], True),
    ("organise_group_archive", lambda w: [w.group.slug], False),
    ("organise_group_unarchive", lambda w: [w.group.slug], False),
    ("organise_conduct", lambda w: [], True),
    ("organise_audit", lambda w: [], True),
    ("organise_reports", lambda w: [], True),
    ("organise_report", lambda w: [w.report.pk], True),
    ("organise_report_dismiss", lambda w: [w.report.pk], False),
    ("organise_report_warn", lambda w: [w.report.pk], False),
    ("organise_report_suspend", lambda w: [w.report.pk], False),
]

# Enough for any of the forms, so that a refusal cannot be put down to bad input.
POST_DATA = {
    "suspend-reason": "x",
    "remove-reason": "x",
    "remove-confirm": "on",
    "roles-organiser": "on",
    "verify-profession": "x",
    "verify-method": "x",
    "decline-message": "x",
    "ask-question": "x",
    "name": "Renamed",
    "direction": "down",
    "active": "0",
    "text_es": "x",
    "text_en": "x",
    "max_uses": "1",
    "valid_days": "1",
    "quick_exit_url": "https://example.org/",
}


def test_every_organiser_url_is_in_the_table():
    from tejido.web.views.organise import urlpatterns

    names = {p.name for p in urlpatterns if p.name and p.name.startswith("organise")}
    assert names == {name for name, _args, _get in PAGES}


def _outsiders() -> dict[str, Client]:
    clients = {"visitor": Client()}
    people = {
        "applicant": ApplicantFactory(),
        "member": UserFactory(),
        "facilitator": UserFactory(is_facilitator=True),
        "suspended organiser": OrganiserFactory(state=User.State.SUSPENDED),
        "removed organiser": OrganiserFactory(state=User.State.REMOVED),
    }
    for role, person in people.items():
        client = Client()
        client.force_login(person)
        clients[role] = client
    return clients


def test_nobody_but_organisers_gets_anything_but_404():
    world = build_world()
    OrganiserFactory()  # so that nothing fails for want of another organiser
    problems = []
    for role, client in _outsiders().items():
        for name, arguments, _get in PAGES:
            url = reverse(name, args=arguments(world))
            for method in ("get", "post"):
                status = getattr(client, method)(url, POST_DATA).status_code
                if status != 404:
                    problems.append(f"{method.upper()} {url} as {role}: {status}")
    assert not problems, "\n".join(problems)
    assert not AuditEntry.objects.exists()
    assert Application.objects.get().status == Application.Status.PENDING
    assert Invitation.objects.get().revoked_at is None
    assert Area.objects.get().name == world.area.name
    world.group.refresh_from_db()
    assert world.group.archived_at is None
    world.member.refresh_from_db()
    assert world.member.state == User.State.MEMBER
    assert not world.member.is_organiser


def test_organisers_open_every_page(organiser_client):
    world = build_world()
    problems = []
    for name, arguments, can_get in PAGES:
        url = reverse(name, args=arguments(world))
        response = organiser_client.get(url)
        expected = (200,) if can_get else (405, 302)
        if response.status_code not in expected:
            problems.append(f"GET {url}: {response.status_code}")
    assert not problems, "\n".join(problems)


def test_missing_objects_are_404_for_organisers(organiser_client):
    for name in (
        "organise_application",
        "organise_member",
        "organise_question_edit",
    ):
        assert organiser_client.get(reverse(name, args=[999999])).status_code == 404
    for name in (
        "organise_application_approve",
        "organise_invitation_revoke",
        "organise_member_suspend",
        "organise_area_delete",
        "organise_question_active",
    ):
        assert organiser_client.post(reverse(name, args=[999999]), POST_DATA).status_code == 404
    assert not AuditEntry.objects.exists()


def test_an_applicant_is_not_a_member_to_manage(organiser_client):
    applicant = ApplicantFactory()
    assert organiser_client.get(reverse("organise_member", args=[applicant.pk])).status_code == 404
