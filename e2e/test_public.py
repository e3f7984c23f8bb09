"""The network's public face, the language switch and logging in: what anyone can reach."""

from collections.abc import Callable
from typing import cast

import pytest
from playwright.sync_api import expect

from e2e.browser import NATIVE_NAMES, PASSWORD, Visitor, copy_to_docs, starts, tr
from tejido.accounts.factories import UserFactory
from tejido.accounts.models import User
from tejido.membership.factories import CodeOfConductFactory
from tejido.network.models import NetworkSettings

pytestmark = pytest.mark.e2e

OTHER = {"es": "en", "en": "es"}


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_a_newcomer_finds_the_landing_page(
    visit: Callable[..., Visitor], lang: str, js: bool, network: NetworkSettings
) -> None:
    CodeOfConductFactory(
        text_es="Nos cuidamos entre todas las personas. Lo que se cuenta aquí, aquí se queda.",
        text_en="We look after each other. What is shared here stays here.",
    )
    network.tagline_es = "Apoyo mutuo LGBTQ+ en tu barrio"
    network.tagline_en = "LGBTQ+ mutual aid in your neighbourhood"
    network.mission_es = "Nos encontramos, nos cuidamos y nos ayudamos."
    network.mission_en = "We meet, look after each other and help each other out."
    network.save()
    v = visit(lang=lang, js=js)
    v.goto("/")
    page = v.page
    main = v.main
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(network.name)
    expect(main).to_contain_text(network.tagline_es if lang == "es" else network.tagline_en)
    expect(main.get_by_role("heading", name=tr(lang, "Our mission"))).to_be_visible()
    expect(main.get_by_role("link", name=tr(lang, "Apply to join"))).to_be_visible()
    expect(main.get_by_role("link", name=tr(lang, "Log in"))).to_be_visible()
    expect(main.get_by_role("heading", name=tr(lang, "Code of conduct"))).to_be_visible()
    expect(page.get_by_role("link", name=starts(lang, "Quick exit"))).to_be_visible()
    v.check("landing", screenshot=True)
    if js:
        copy_to_docs("landing", lang)

    page.get_by_role("link", name=tr(lang, "About and code of conduct")).click()
    expect(page).to_have_url(f"{v.base_url}/about/")
    v.check("about", screenshot=True)


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_anyone_switches_language_and_stays_on_the_page(
    visit: Callable[..., Visitor], lang: str, js: bool
) -> None:
    other = OTHER[lang]
    v = visit(lang=lang, js=js)
    v.goto("/about/")
    expect(v.page.locator("html")).to_have_attribute("lang", lang)

    v.page.get_by_role("button", name=NATIVE_NAMES[other]).click()
    expect(v.page).to_have_url(f"{v.base_url}/about/")
    expect(v.page.locator("html")).to_have_attribute("lang", other)
    v.check("about, after switching language")

    v.page.get_by_role("button", name=NATIVE_NAMES[lang]).click()
    expect(v.page.locator("html")).to_have_attribute("lang", lang)


def test_a_members_language_choice_follows_them(visit: Callable[..., Visitor], lang: str) -> None:
    other = OTHER[lang]
    member = cast(User, UserFactory(language=lang))
    phone = visit(lang=lang, user=member)
    phone.goto("/", check="home")
    expect(phone.page.locator("html")).to_have_attribute("lang", lang)
    phone.page.get_by_role("button", name=NATIVE_NAMES[other]).click()
    expect(phone.page.locator("html")).to_have_attribute("lang", other)
    member.refresh_from_db()
    assert member.language == other

    # Another device whose browser asks for the first language still gets the saved one.
    laptop = visit(lang=lang, user=User.objects.get(pk=member.pk))
    laptop.goto("/")
    expect(laptop.page.locator("html")).to_have_attribute("lang", other)


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_a_member_logs_in_with_the_form(visit: Callable[..., Visitor], lang: str, js: bool) -> None:
    member = cast(User, UserFactory(language=lang, profile__chosen_name="Río"))
    v = visit(lang=lang, js=js)
    v.goto("/")
    v.page.get_by_role("main").get_by_role("link", name=tr(lang, "Log in")).click()
    v.check("log in", screenshot=True)
    v.submit_login_form(member.email, PASSWORD)
    expect(v.page).to_have_url(f"{v.base_url}/")
    expect(v.page.get_by_role("link", name=tr(lang, "Log out"))).to_be_visible()
    v.check("home", screenshot=True)
