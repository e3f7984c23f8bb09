"""An organiser reviews applications (approves one, asks another a question) and changes a
member's role, all from the organiser area."""

from collections.abc import Callable
from typing import cast

import pytest
from playwright.sync_api import expect

from e2e.browser import Visitor
from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.membership.factories import (
    ApplicationAnswerFactory,
    ApplicationFactory,
    ApplicationQuestionFactory,
)
from tejido.membership.models import Application

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_an_organiser_reviews_applications_and_changes_a_role(
    visit: Callable[..., Visitor], lang: str, js: bool
) -> None:
    question = ApplicationQuestionFactory(
        text_es="¿Qué te trae aquí?", text_en="What brings you here?"
    )
    welcome = cast(Application, ApplicationFactory(user__profile__chosen_name="Eli Nueva"))
    ApplicationAnswerFactory(application=welcome, question=question, text="Busco comunidad.")
    unsure = cast(Application, ApplicationFactory(user__profile__chosen_name="Fran Duda"))
    ApplicationAnswerFactory(application=unsure, question=question, text="No sé.")
    helper = cast(User, UserFactory(profile__chosen_name="Gael Ayuda"))
    organiser = cast(User, OrganiserFactory(language=lang, profile__chosen_name="Ana Organiza"))

    v = visit(lang=lang, js=js, user=organiser)
    t = v.t
    page = v.page
    v.goto("/")
    page.get_by_role("link", name=t("Organise")).click()
    v.check("organiser overview", screenshot=True)
    v.main.get_by_role("link", name=t("Applications waiting for review")).click()
    v.check("organiser applications")
    expect(v.main.get_by_role("link", name="Eli Nueva", exact=True)).to_be_visible()
    expect(v.main.get_by_role("link", name="Fran Duda", exact=True)).to_be_visible()

    # Approve the first.
    v.main.get_by_role("link", name="Eli Nueva", exact=True).click()
    expect(v.main).to_contain_text("Busco comunidad.")
    v.check("organiser application", screenshot=True)
    v.main.get_by_role("button", name=t("Approve"), exact=True).click()
    v.check("organiser application, approved")
    welcome.refresh_from_db()
    assert welcome.status == Application.Status.APPROVED
    assert User.objects.get(pk=welcome.user_id).state == User.State.MEMBER

    # Back on the list, the second is left: ask them a question.
    expect(page).to_have_url(v.url("/organise/applications/"))
    expect(v.main.get_by_role("link", name="Eli Nueva", exact=True)).to_have_count(0)
    v.main.get_by_role("link", name="Fran Duda", exact=True).click()
    v.field("Your question to the applicant").fill("¿Nos cuentas un poco más?")
    v.main.get_by_role("button", name=t("Send the question")).click()
    v.check("organiser application, question asked")
    unsure.refresh_from_db()
    assert unsure.status == Application.Status.QUESTION

    # Make a member a facilitator.
    v.page.get_by_role("navigation", name=t("Organiser area")).get_by_role(
        "link", name=t("Members")
    ).click()
    v.check("organiser members", screenshot=True)
    v.field("Chosen name").fill("Gael")
    v.main.get_by_role("button", name=t("Search")).click()
    v.main.get_by_role("link", name="Gael Ayuda").click()
    v.check("organiser member")
    v.field("Facilitator").check()
    v.main.get_by_role("button", name=t("Save roles")).click()
    expect(page.get_by_role("status")).to_contain_text(t("Their roles were saved."))
    expect(v.field("Facilitator")).to_be_checked()
    v.check("organiser member, roles saved")
    helper.refresh_from_db()
    assert helper.is_facilitator
    assert not helper.is_organiser

    # Every one of these actions is in the audit log.
    v.page.get_by_role("navigation", name=t("Organiser area")).get_by_role(
        "link", name=t("Audit log")
    ).click()
    v.check("organiser audit log", screenshot=True)
    expect(v.main.get_by_text("Gael Ayuda").first).to_be_visible()
