"""A member reports another from their profile; an organiser finds it in the moderation queue
and warns the member; the member warned reads the warning (which does not say who reported)
and the reporter is told the report was handled. With and without JavaScript, in both
languages."""

from collections.abc import Callable
from pathlib import Path
from typing import cast

import pytest
from playwright.sync_api import expect

from e2e.browser import Visitor, starts
from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.moderation.models import MemberWarning, Report

pytestmark = pytest.mark.e2e

WHAT_HAPPENED = "Me escribió otra vez después de decirle que no."
WARNING = "Por favor, no escribas a quien te ha dicho que no."


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_a_member_reports_another_and_an_organiser_warns_them(
    visit: Callable[..., Visitor], lang: str, js: bool, translations: Path
) -> None:
    organiser = cast(User, OrganiserFactory(language=lang, profile__chosen_name="Ana Organiza"))
    reporter = cast(User, UserFactory(language=lang, profile__chosen_name="Rocío Cuenta"))
    reported = cast(User, UserFactory(language=lang, profile__chosen_name="Tadeo Insiste"))

    # The reporter finds the person on the member list and reports them.
    v = visit(lang=lang, js=js, user=reporter)
    t = v.t
    v.goto("/members/")
    v.main.get_by_role("link", name="Tadeo Insiste").click()
    v.main.get_by_role("link", name=t("Report %(name)s") % {"name": "Tadeo Insiste"}).click()
    v.check("report a member", screenshot=True)
    expect(v.main).to_contain_text(t("Nobody but the organisers will learn who sent this report."))
    v.field("What happened").select_option(label=t("Harassment or bullying"))
    v.field("Tell the organisers more").fill(WHAT_HAPPENED)
    v.main.get_by_role("button", name=t("Send the report")).click()
    expect(v.main.get_by_role("heading", level=1)).to_have_text(t("Your report was sent"))
    v.check("report sent", screenshot=True)
    sent = Report.objects.get()
    assert (sent.reporter_id, sent.reported_id, sent.text) == (
        reporter.pk,
        reported.pk,
        WHAT_HAPPENED,
    )

    # The organiser finds it in the queue, with what was written and who wrote it.
    o = visit(lang=lang, js=js, user=organiser)
    o.goto("/organise/")
    o.page.get_by_role("navigation", name=o.t("Organiser area")).get_by_role(
        "link", name=starts(lang, "Reports")
    ).click()
    o.check("organiser reports", screenshot=True)
    o.main.get_by_role(
        "link", name=o.t("About %(name)s") % {"name": "Tadeo Insiste"}, exact=True
    ).click()
    expect(o.main).to_contain_text(WHAT_HAPPENED)
    expect(o.main).to_contain_text("Rocío Cuenta")
    o.check("organiser report", screenshot=True)
    o.field("Message to the member").fill(WARNING)
    o.main.get_by_role("button", name=o.t("Send the warning")).click()
    expect(o.page.get_by_role("status")).to_contain_text(
        o.t("The warning was sent. The person who reported has been told it was handled.")
    )
    o.check("organiser reports, warned")
    sent.refresh_from_db()
    assert sent.status == Report.Status.WARNED
    assert MemberWarning.objects.get().member_id == reported.pk

    # The member warned reads it, and nothing names the reporter.
    w = visit(lang=lang, js=js, user=reported)
    w.goto("/notifications/")
    expect(w.main).to_contain_text(
        w.t("The organisers have sent you a warning. Open your warnings page to read it.")
    )
    w.goto("/me/warnings/", check="my warnings", screenshot=True)
    expect(w.main).to_contain_text(WARNING)
    expect(w.main).not_to_contain_text("Rocío")
    expect(w.main).not_to_contain_text(WHAT_HAPPENED)

    # The reporter is told it was handled, never how.
    v.goto("/notifications/", check="reporter's notifications")
    expect(v.main).to_contain_text(t("Thank you: the organisers have handled your report."))
    expect(v.main).not_to_contain_text(WARNING)
