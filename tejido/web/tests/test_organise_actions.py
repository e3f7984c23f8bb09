"""Each organiser action, through its page: it does its work, writes exactly one audit entry,
and with bad input answers with the form's errors and changes nothing."""

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import ProfessionalVerification, User
from tejido.audit.models import AuditEntry
from tejido.groups.factories import GroupFactory
from tejido.membership.factories import (
    ApplicationFactory,
    ApplicationQuestionFactory,
    InvitationFactory,
)
from tejido.membership.models import Application, ApplicationQuestion, CodeOfConduct, Invitation
from tejido.network.factories import AreaFactory
from tejido.network.models import Area, NetworkSettings

pytestmark = pytest.mark.django_db


SETTINGS_FORM = {
    "name": "Red",
    "tagline_es": "",
    "tagline_en": "",
    "mission_es": "",
    "mission_en": "",
    "how_to_join_es": "",
    "how_to_join_en": "",
    "quick_exit_url": "https://news.example.org/",
    "organiser_contact": "Escríbenos a hola@red.example.org",
    "reapply_after_days": "30",
    "applications_open": "on",
}


def _user(state: str = "member", **kwargs: Any) -> User:
    return UserFactory(state=state, **kwargs)


# (action, url name, make the target and return its url arguments, post data, check)
Case = tuple[str, str, Callable[[], list[Any]], dict[str, str], Callable[[], bool]]

CASES: list[Case] = [
    (
        "application.approve",
        "organise_application_approve",
        lambda: [ApplicationFactory().pk],
        {},
        lambda: Application.objects.get().status == "approved",
    ),
    (
        "application.decline",
        "organise_application_decline",
        lambda: [ApplicationFactory().pk],
        {"decline-message": "Sorry"},
        lambda: Application.objects.get().status == "declined",
    ),
    (
        "application.ask",
        "organise_application_ask",
        lambda: [ApplicationFactory().pk],
        {"ask-question": "Where?"},
        lambda: Application.objects.get().status == "question",
    ),
    (
        "invitation.create",
        "organise_invitations",
        lambda: [],
        {"max_uses": "2", "valid_days": "3", "email_language": "en"},
        lambda: Invitation.objects.get().max_uses == 2,
    ),
    (
        "invitation.revoke",
        "organise_invitation_revoke",
        lambda: [InvitationFactory().pk],
        {},
        lambda: Invitation.objects.get().revoked_at is not None,
    ),
    (
        "member.suspend",
        "organise_member_suspend",
        lambda: [_user().pk],
        {"suspend-reason": "Harassment"},
        lambda: User.objects.filter(state="suspended").count() == 1,
    ),
    (
        "member.reinstate",
        "organise_member_reinstate",
        lambda: [_user("suspended").pk],
        {},
        lambda: not User.objects.filter(state="suspended").exists(),
    ),
    (
        "member.remove",
        "organise_member_remove",
        lambda: [_user().pk],
        {"remove-confirm": "on"},
        lambda: User.objects.filter(state="removed").count() == 1,
    ),
    (
        "member.roles",
        "organise_member_roles",
        lambda: [_user().pk],
        {"roles-facilitator": "on"},
        lambda: User.objects.filter(is_facilitator=True).count() == 1,
    ),
    (
        "member.verify_professional",
        "organise_member_verify",
        lambda: [_user().pk],
        {"verify-profession": "Therapist", "verify-method": "Register"},
        lambda: ProfessionalVerification.objects.count() == 1,
    ),
    (
        "settings.update",
        "organise_settings",
        lambda: [],
        SETTINGS_FORM,
        lambda: NetworkSettings.current().quick_exit_url == "https://news.example.org/",
    ),
    (
        "area.add",
        "organise_areas",
        lambda: [],
        {"name": "Norte"},
        lambda: Area.objects.get().name == "Norte",
    ),
    (
        "area.rename",
        "organise_area_rename",
        lambda: [AreaFactory().pk],
        {"name": "Sur"},
        lambda: Area.objects.get().name == "Sur",
    ),
    (
        "area.move",
        "organise_area_move",
        lambda: [AreaFactory().pk, AreaFactory()][:1],
        {"direction": "down"},
        lambda: Area.objects.count() == 2,
    ),
    (
        "area.delete",
        "organise_area_delete",
        lambda: [AreaFactory().pk],
        {},
        lambda: not Area.objects.exists(),
    ),
    (
        "question.add",
        "organise_questions",
        lambda: [],
        {"text_es": "¿Por qué?", "text_en": "Why?", "required": "on"},
        lambda: ApplicationQuestion.objects.get().text_en == "Why?",
    ),
    (
        "question.edit",
        "organise_question_edit",
        lambda: [ApplicationQuestionFactory().pk],
        {"text_es": "¿Dónde?", "text_en": "Where?"},
        lambda: ApplicationQuestion.objects.get().required is False,
    ),
    (
        "question.move",
        "organise_question_move",
        lambda: [ApplicationQuestionFactory().pk, ApplicationQuestionFactory()][:1],
        {"direction": "down"},
        lambda: ApplicationQuestion.objects.count() == 2,
    ),
    (
        "question.deactivate",
        "organise_question_active",
        lambda: [ApplicationQuestionFactory().pk],
        {"active": "0"},
        lambda: not ApplicationQuestion.objects.get().active,
    ),
    (
        "conduct.publish",
        "organise_conduct",
        lambda: [],
        {"text_es": "Cuidado", "text_en": "Care"},
        lambda: CodeOfConduct.objects.get().version == 1,
    ),
]


@pytest.mark.parametrize(
    ("action", "name", "target", "data", "check"), CASES, ids=[c[0] for c in CASES]
)
def test_each_action_works_and_writes_one_audit_entry(
    organiser, organiser_client, action, name, target, data, check
):
    url = reverse(name, args=target())

    response = organiser_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert check()
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action) == (organiser, action)


def test_the_invitation_link_is_shown_once(organiser_client):
    group = GroupFactory()
    created = organiser_client.post(
        reverse("organise_invitations"),
        {"max_uses": "1", "valid_days": "7", "group": group.pk, "note": "For Sam"},
    )
    assert created["Location"] == reverse("organise_invitation_created")

    shown = organiser_client.get(created["Location"]).content.decode()
    invitation = Invitation.objects.get()
    link = shown.split('id="invitation-link" type="text" readonly value="', 1)[1].split('"', 1)[0]
    token = link.rsplit("/join/", 1)[1].strip("/")
    import hashlib

    assert hashlib.sha256(token.encode()).hexdigest() == invitation.token_digest
    assert invitation.group == group
    # Never again.
    again = organiser_client.get(reverse("organise_invitation_created"))
    assert again.status_code == 302
    assert token not in organiser_client.get(reverse("organise_invitations")).content.decode()


# Bad input: the form's errors, nothing changed, nothing logged --------------------------------

BAD: list[tuple[str, Callable[[], list[Any]], dict[str, str]]] = [
    ("organise_application_ask", lambda: [ApplicationFactory().pk], {"ask-question": " "}),
    (
        "organise_application_decline",
        lambda: [ApplicationFactory().pk],
        {"decline-message": "x" * 3001},
    ),
    ("organise_invitations", lambda: [], {"max_uses": "0", "valid_days": "7"}),
    ("organise_invitations", lambda: [], {"max_uses": "1", "valid_days": "999"}),
    ("organise_invitations", lambda: [], {"max_uses": "1", "valid_days": "7", "email": "nope"}),
    ("organise_member_suspend", lambda: [_user().pk], {"suspend-reason": ""}),
    ("organise_member_remove", lambda: [_user().pk], {}),
    ("organise_member_verify", lambda: [_user().pk], {"verify-profession": "x"}),
    (
        "organise_settings",
        lambda: [],
        {**SETTINGS_FORM, "quick_exit_url": "http://news.example.org/"},
    ),
    ("organise_settings", lambda: [], {**SETTINGS_FORM, "name": ""}),
    ("organise_areas", lambda: [], {"name": ""}),
    ("organise_questions", lambda: [], {"text_es": "¿Sí?", "text_en": ""}),
    (
        "organise_question_edit",
        lambda: [ApplicationQuestionFactory().pk],
        {"text_es": "", "text_en": "x"},
    ),
    ("organise_conduct", lambda: [], {"text_es": "Solo español", "text_en": ""}),
]


def _snapshot() -> list[Any]:
    return [
        list(Application.objects.values()),
        list(Invitation.objects.values()),
        list(User.objects.values("pk", "state", "is_organiser", "is_facilitator")),
        list(ProfessionalVerification.objects.values()),
        list(NetworkSettings.objects.values()),
        list(Area.objects.values()),
        list(ApplicationQuestion.objects.values()),
        list(CodeOfConduct.objects.values()),
    ]


@pytest.mark.parametrize(
    ("name", "target", "data"), BAD, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD)]
)
def test_bad_input_shows_errors_and_changes_nothing(organiser_client, name, target, data):
    url = reverse(name, args=target())
    NetworkSettings.current()
    before = _snapshot()

    response = organiser_client.post(url, data)

    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert _snapshot() == before
    assert not AuditEntry.objects.exists()


def test_an_action_the_rules_refuse_is_explained_and_changes_nothing(login):
    organiser = OrganiserFactory(language="en")
    # The last organiser cannot step down.
    response = login(organiser).post(reverse("organise_member_roles", args=[organiser.pk]), {})
    assert response.status_code == 400
    assert "at least one organiser" in response.content.decode()
    organiser.refresh_from_db()
    assert organiser.is_organiser
    assert not AuditEntry.objects.exists()


def test_an_organiser_cannot_suspend_themselves_through_the_page(organiser, organiser_client):
    OrganiserFactory()
    response = organiser_client.post(
        reverse("organise_member_suspend", args=[organiser.pk]), {"suspend-reason": "x"}
    )
    assert response.status_code == 400
    organiser.refresh_from_db()
    assert organiser.state == User.State.MEMBER


def test_a_suspended_member_is_logged_out_on_their_next_request(organiser_client):
    target = UserFactory()
    their_client = Client()
    their_client.force_login(target)
    assert their_client.get(reverse("home")).status_code == 200

    organiser_client.post(
        reverse("organise_member_suspend", args=[target.pk]), {"suspend-reason": "Threats"}
    )

    response = their_client.get(reverse("home"))
    assert SESSION_KEY not in their_client.session
    assert response.wsgi_request.user.is_anonymous
    assert response.templates[0].name == "web/landing.html"


def test_a_removed_member_is_logged_out_too(organiser_client):
    target = UserFactory()
    their_client = Client()
    their_client.force_login(target)
    organiser_client.post(
        reverse("organise_member_remove", args=[target.pk]), {"remove-confirm": "on"}
    )
    their_client.get(reverse("home"))
    assert SESSION_KEY not in their_client.session
