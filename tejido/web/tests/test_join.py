"""The way in, through the pages: applying, following the application and answering the
organisers, invitation links (alone and through the real sign-up form)."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from tejido.accounts.factories import ApplicantFactory
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.groups.factories import GroupFactory
from tejido.groups.models import GroupMembership
from tejido.membership.factories import (
    ApplicationFactory,
    ApplicationQuestionFactory,
    InvitationFactory,
)
from tejido.membership.models import Application, ApplicationMessage
from tejido.membership.services import ask_applicant, decline_application
from tejido.network.models import NetworkSettings

pytestmark = pytest.mark.django_db


# Applying -----------------------------------------------------------------------------------


def test_the_applicant_answers_the_questions_and_lands_on_their_status(applicant_client):
    required = ApplicationQuestionFactory(text_en="Why join?", text_es="¿Por qué?")
    optional = ApplicationQuestionFactory(required=False, help_en="Only if you like.")
    applicant_client.cookies["tejido_language"] = "en"

    page = applicant_client.get(reverse("apply"))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'name="answer_{required.pk}"' in html
    assert f'name="answer_{optional.pk}"' in html

    response = applicant_client.post(
        reverse("apply"),
        {f"answer_{required.pk}": "To find my people", f"answer_{optional.pk}": ""},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("application_status")
    application = Application.objects.get()
    assert application.answers.get().text == "To find my people"
    status = applicant_client.get(reverse("application_status"))
    assert "To find my people" in status.content.decode()


def test_a_missing_required_answer_shows_an_error_linked_to_the_field(applicant_client):
    question = ApplicationQuestionFactory()
    response = applicant_client.post(reverse("apply"), {f"answer_{question.pk}": "  "})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="#id_answer_{question.pk}"' in html
    assert 'aria-invalid="true"' in html
    assert not Application.objects.exists()


def test_an_applicant_who_applied_goes_to_their_status(applicant):
    ApplicationFactory(user=applicant)
    client = Client()
    client.force_login(applicant)
    assert client.get(reverse("apply"))["Location"] == reverse("application_status")


def test_without_an_application_the_status_page_sends_to_apply(applicant_client):
    assert applicant_client.get(reverse("application_status"))["Location"] == reverse("apply")


def test_closed_applications_say_so(applicant_client):
    network = NetworkSettings.current()
    network.applications_open = False
    network.save()
    response = applicant_client.get(reverse("apply"))
    assert response.status_code == 200
    assert response.templates[0].name == "join/closed.html"


def test_members_have_nothing_to_apply_for(member_client):
    assert member_client.get(reverse("apply"))["Location"] == reverse("home")
    assert member_client.get(reverse("application_status"))["Location"] == reverse("home")


def test_visitors_are_asked_to_log_in():
    client = Client()
    for name in ("apply", "application_status"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


# Following the application ------------------------------------------------------------------


def test_the_applicant_reads_the_question_and_replies(organiser):
    application = ApplicationFactory()
    ask_applicant(actor=organiser, application=application, question="Which area, please?")
    client = Client()
    client.force_login(application.user)

    page = client.get(reverse("application_status"))
    html = page.content.decode()
    assert "Which area, please?" in html
    # The organiser is not named to someone who is not vetted yet.
    assert organiser.profile.chosen_name not in html

    response = client.post(reverse("application_status"), {"text": "Centro"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.PENDING
    assert application.messages.filter(from_organisers=False).get().text == "Centro"


def test_an_empty_reply_changes_nothing(organiser):
    application = ApplicationFactory()
    ask_applicant(actor=organiser, application=application, question="?")
    client = Client()
    client.force_login(application.user)
    response = client.post(reverse("application_status"), {"text": "   "})
    assert response.status_code == 200
    assert ApplicationMessage.objects.count() == 1
    application.refresh_from_db()
    assert application.status == Application.Status.QUESTION


def test_a_declined_applicant_reads_the_message_and_cannot_reply(organiser):
    application = ApplicationFactory()
    decline_application(actor=organiser, application=application, message="Not right now.")
    client = Client()
    client.force_login(application.user)
    html = client.get(reverse("application_status")).content.decode()
    assert "Not right now." in html
    assert 'name="text"' not in html
    client.post(reverse("application_status"), {"text": "why?"})
    assert ApplicationMessage.objects.count() == 1


def test_an_applicant_sees_no_member_page(applicant_client):
    assert applicant_client.get("/")["Location"] == reverse("application_status")
    assert applicant_client.get(reverse("organise_home")).status_code == 404


# Invitation links ---------------------------------------------------------------------------


def _invalid_page(client: Client, token: str) -> str:
    """The page, less what differs on every request anyway (CSRF token, CSP nonce)."""
    response = client.get(reverse("invitation_accept", args=[token]))
    assert response.status_code == 404
    html = response.content.decode().replace(token, "…")
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'nonce="[^"]+"', "", html)


def test_every_unusable_link_shows_the_same_page():
    InvitationFactory(
        token="expired-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa", expires_at=now() - timedelta(minutes=1)
    )
    InvitationFactory(token="revoked-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa", revoked_at=now())
    InvitationFactory(token="usedup0-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa", max_uses=2, uses=2)
    client = Client()
    pages = {
        _invalid_page(client, token)
        for token in (
            "expired-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "revoked-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "usedup0-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "unknown-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        )
    }
    assert len(pages) == 1
    assert "invitation_token" not in client.session


def test_a_valid_link_keeps_the_token_and_sends_to_sign_up():
    invitation = InvitationFactory()
    client = Client()
    response = client.get(reverse("invitation_accept", args=[invitation.token]))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_signup")
    assert client.session["invitation_token"] == invitation.token


def test_signing_up_with_an_invitation_makes_a_member_in_the_group():
    group = GroupFactory()
    invitation = InvitationFactory(group=group, max_uses=1)
    network = NetworkSettings.current()
    network.applications_open = False  # an invitation still opens the door
    network.save()
    client = Client()
    client.get(reverse("invitation_accept", args=[invitation.token]))

    client.post(
        reverse("account_signup"),
        {
            "email": "newcomer@example.org",
            "chosen_name": "Newcomer",
            "password1": "a long and unusual passphrase 7",
            "password2": "a long and unusual passphrase 7",
        },
    )

    person = User.objects.get(email="newcomer@example.org")
    assert person.state == User.State.MEMBER
    assert GroupMembership.objects.filter(group=group, user=person).exists()
    invitation.refresh_from_db()
    assert invitation.uses == 1
    # Used up now: the next person gets the invalid page.
    assert Client().get(reverse("invitation_accept", args=[invitation.token])).status_code == 404


def test_a_signed_in_applicant_can_use_a_link_directly():
    invitation = InvitationFactory()
    person = ApplicantFactory()
    client = Client()
    client.force_login(person)
    url = reverse("invitation_accept", args=[invitation.token])
    page = client.get(url)
    assert page.status_code == 200
    assert 'method="post"' in page.content.decode()

    response = client.post(url)

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.state == User.State.MEMBER


def test_a_member_opening_a_link_does_not_use_it(member_client):
    invitation = InvitationFactory()
    url = reverse("invitation_accept", args=[invitation.token])
    assert member_client.get(url).status_code == 200
    member_client.post(url)
    invitation.refresh_from_db()
    assert invitation.uses == 0
