"""Applying again through the pages: a declined applicant's status page says when they may, then
links to the apply page, which takes the new application; organisers see the earlier one."""

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from tejido.membership.factories import ApplicationQuestionFactory
from tejido.membership.models import Application
from tejido.membership.services import decline_application, submit_application

pytestmark = pytest.mark.django_db

DECIDED = "2030-03-01 10:00 +0000"
TOO_SOON = "2030-03-20 10:00 +0000"
LATER = "2030-04-01 10:00 +0000"


@pytest.fixture
def declined(applicant, organiser):
    question = ApplicationQuestionFactory(text_en="Why do you want to join?")
    with time_machine.travel(DECIDED, tick=False):
        application = submit_application(
            actor=applicant, answers={question.pk: "MARKER-first-answer"}
        )
        decline_application(actor=organiser, application=application, message="Not yet, sorry")
    return question


def client_for(user, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["tejido_language"] = language
    return client


def test_before_the_waiting_period_the_status_page_says_from_when(applicant, declined):
    applicant.language = "en"
    applicant.save(update_fields=["language"])
    with time_machine.travel(TOO_SOON, tick=False):
        client = client_for(applicant, "en")
        status = client.get(reverse("application_status"))
        apply = client.get(reverse("apply"))

    assert "You may apply again from March 31, 2030." in status.text
    assert f'href="{reverse("apply")}"' not in status.text
    assert apply["Location"] == reverse("application_status")


def test_a_too_early_post_is_refused_with_the_date(applicant, declined):
    applicant.language = "en"
    applicant.save(update_fields=["language"])
    with time_machine.travel(TOO_SOON, tick=False):
        client = client_for(applicant, "en")
        response = client.post(reverse("apply"), {f"answer_{declined.pk}": "Again"})

    assert Application.objects.filter(user=applicant).count() == 1
    assert response.status_code == 302  # the apply page sends them back to their status


def test_after_the_waiting_period_they_apply_again_and_organisers_see_both(
    applicant, organiser, declined
):
    applicant.language = "en"
    applicant.save(update_fields=["language"])
    with time_machine.travel(LATER, tick=False):
        client = client_for(applicant, "en")
        status = client.get(reverse("application_status"))
        page = client.get(reverse("apply"))
        sent = client.post(reverse("apply"), {f"answer_{declined.pk}": "MARKER-second-answer"})
        after = client.get(reverse("application_status"))
        organiser.language = "en"
        organiser.save(update_fields=["language"])
        latest = Application.objects.filter(user=applicant).order_by("-created_at").first()
        review = client_for(organiser, "en").get(reverse("organise_application", args=[latest.pk]))

    assert "You may apply again now." in status.text
    assert f'href="{reverse("apply")}"' in status.text
    assert page.status_code == 200
    assert "can still see your earlier one" in page.text
    assert sent["Location"] == reverse("application_status")
    assert "Waiting for review" in after.text
    assert "MARKER-second-answer" in after.text
    assert "MARKER-first-answer" not in after.text

    assert "Earlier applications" in review.text
    assert "MARKER-first-answer" in review.text
    assert "MARKER-second-answer" in review.text
    assert "Not yet, sorry" in review.text
    assert "Declined" in review.text


def test_the_status_page_in_spanish(translations, applicant, declined):
    with time_machine.travel(TOO_SOON, tick=False):
        soon = client_for(applicant, "es").get(reverse("application_status"))
    with time_machine.travel(LATER, tick=False):
        later = client_for(applicant, "es").get(reverse("application_status"))

    assert "Podrás volver a solicitar la entrada a partir del 31 de marzo de 2030." in soon.text
    assert "Ya puedes volver a solicitar la entrada." in later.text
    assert "Solicitar de nuevo" in later.text
