"""Discreet mode: a member turns it on in their settings and the browser tab stops naming the
network: a neutral title and icon on every page."""

from collections.abc import Callable
from typing import cast

import pytest
from playwright.sync_api import expect

from e2e.browser import Visitor
from tejido.accounts.factories import UserFactory
from tejido.accounts.models import User
from tejido.membership.factories import CodeOfConductFactory
from tejido.membership.services import accept_conduct

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_discreet_mode_gives_the_tab_a_neutral_title(
    visit: Callable[..., Visitor], lang: str, js: bool, network: object
) -> None:
    CodeOfConductFactory()
    member = cast(User, UserFactory(language=lang, profile__chosen_name="Iris Discreta"))
    accept_conduct(actor=member)
    v = visit(lang=lang, js=js, user=member)
    t = v.t
    page = v.page
    neutral = t("Notes")

    v.goto("/")
    network_name = str(getattr(network, "name", ""))
    expect(page).to_have_title(f"{t('Home')} · {network_name}")
    page.get_by_role("link", name=t("My profile")).click()
    v.main.get_by_role("link", name=t("Settings")).click()
    v.check("settings", screenshot=True)

    discreet = v.field("Discreet mode")
    expect(discreet).not_to_be_checked()
    discreet.check()
    v.main.get_by_role("button", name=t("Save settings")).click()
    expect(page.get_by_role("status")).to_contain_text(t("Your settings are saved."))
    expect(page).to_have_title(neutral)
    expect(v.field("Discreet mode")).to_be_checked()
    v.check("settings, discreet")
    member.refresh_from_db()
    assert member.discreet_mode

    # Every page now: the neutral title and icon, and no network name in the tab.
    for path in ("/", "/groups/", "/members/", "/me/profile/"):
        v.goto(path)
        expect(page).to_have_title(neutral)
        icon = page.locator("link[rel=icon]")
        expect(icon).to_have_attribute("href", "/static/tejido/neutral.svg")
    v.check("home, discreet")

    # And off again.
    v.goto("/me/settings/")
    v.field("Discreet mode").uncheck()
    v.main.get_by_role("button", name=t("Save settings")).click()
    expect(page).not_to_have_title(neutral)
