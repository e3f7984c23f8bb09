"""A new network's first steps: the first organiser, made with `manage.py create_organiser`,
logs in through the login page, reaches the organiser area and creates the first group; and
a declined applicant applies again once the waiting period has passed, while organisers
still see the first try."""

import io
from collections.abc import Callable
from datetime import timedelta
from typing import cast

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from e2e.browser import PASSWORD, Visitor
from tejido.accounts.factories import ApplicantFactory, OrganiserFactory
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.groups.models import Group, GroupMembership
from tejido.membership.factories import ApplicationAnswerFactory, ApplicationQuestionFactory
from tejido.membership.models import Application

pytestmark = pytest.mark.e2e

ORGANISER_EMAIL = "primera@example.org"
ORGANISER_PASSWORD = "the first thread of the network"


def log_in(v: Visitor, email: str, password: str) -> None:
    v.goto("/")
    v.page.get_by_role("navigation").get_by_role("link", name=v.t("Log in")).click()
    v.check("log in")
    v.submit_login_form(email, password)


def test_the_first_organiser_made_with_the_command_logs_in_and_creates_a_group(
    visit: Callable[..., Visitor], lang: str
) -> None:
    call_command(
        "create_organiser",
        "--no-input",
        "--email",
        ORGANISER_EMAIL,
        "--name",
        "Primera Organiza",
        "--pronouns",
        "ella",
        "--language",
        lang,
        "--password-stdin",
        stdin=io.StringIO(ORGANISER_PASSWORD + "\n"),
        stdout=io.StringIO(),
    )
    v = visit(lang=lang)

    log_in(v, ORGANISER_EMAIL, ORGANISER_PASSWORD)

    expect(v.main.get_by_role("heading", level=1)).to_contain_text("Primera Organiza")
    v.check("first organiser, home")
    v.page.get_by_role("link", name=v.t("Organise")).click()
    expect(v.page).to_have_url(v.url("/organise/"))
    v.check("first organiser, organiser overview", screenshot=True)

    v.page.get_by_role("navigation", name=v.t("Organiser area")).get_by_role(
        "link", name=v.t("Groups")
    ).click()
    v.main.get_by_role("link", name=v.t("New group")).click()
    v.field("Name in Spanish").fill("Primer círculo")
    v.field("Name in English (optional)").fill("First circle")
    v.main.get_by_label(v.t("Themed"), exact=True).check()
    v.main.get_by_label(v.t("Open to every member"), exact=True).check()
    v.main.get_by_role("button", name=v.t("Create the group")).click()
    expect(v.main.get_by_role("heading", level=1)).to_have_text(
        "Primer círculo" if lang == "es" else "First circle"
    )
    v.check("first organiser, the first group")
    # The organiser who made the group is its first group organiser.
    group = Group.objects.get(slug="primer-circulo")
    organiser = User.objects.get(email=ORGANISER_EMAIL)
    assert GroupMembership.objects.get(group=group, user=organiser).role == "organiser"


def test_a_declined_applicant_applies_again_after_the_waiting_period(
    visit: Callable[..., Visitor], lang: str
) -> None:
    question = ApplicationQuestionFactory(
        text_es="¿Qué te trae aquí?", text_en="What brings you here?"
    )
    applicant = cast(User, ApplicantFactory(language=lang, profile__chosen_name="Dani Otra Vez"))
    first = Application.objects.create(
        user=applicant,
        status=Application.Status.DECLINED,
        # Past the default waiting period of 30 days.
        decided_at=now() - timedelta(days=31),
    )
    ApplicationAnswerFactory(application=first, question=question, text="Primer intento.")
    v = visit(lang=lang)
    t = v.t

    log_in(v, applicant.email, PASSWORD)
    expect(v.page).to_have_url(v.url("/apply/status/"))
    expect(v.main).to_contain_text(t("You may apply again now."))
    v.check("declined applicant, may apply again")
    v.main.get_by_role("link", name=t("Apply again")).click()
    expect(v.page).to_have_url(v.url("/apply/"))
    v.check("applying again")
    v.field(question.text_es if lang == "es" else question.text_en).fill("Segundo intento.")
    v.main.get_by_role("button", name=t("Send my application")).click()
    expect(v.page).to_have_url(v.url("/apply/status/"))
    expect(v.main.get_by_text(t("Waiting for review"))).to_be_visible()
    v.check("applied again")

    again = Application.objects.get(user=applicant, status=Application.Status.PENDING)
    organiser = visit(lang=lang, user=OrganiserFactory(language=lang))
    organiser.goto(f"/organise/applications/{again.pk}/")
    expect(organiser.main).to_contain_text("Segundo intento.")
    expect(organiser.main.get_by_role("heading", name=t("Earlier applications"))).to_be_visible()
    expect(organiser.main).to_contain_text("Primer intento.")
    organiser.check("organiser application with an earlier one")
