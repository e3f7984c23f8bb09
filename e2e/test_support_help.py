"""Crisis lines and professionals (issue 13): anyone, signed out and without JavaScript, follows
the "Need help now?" link from the public page and finds the lines, in Spanish and English; a
member finds a professional by words and filters and reads how to reach them. Every page is
checked with axe."""

from collections.abc import Callable
from typing import cast

import pytest
from playwright.sync_api import expect

from e2e.browser import Visitor
from tejido.accounts.factories import UserFactory
from tejido.accounts.models import User
from tejido.crisis.factories import CrisisLineFactory
from tejido.network.factories import AreaFactory
from tejido.professionals.factories import ProfessionalFactory

pytestmark = pytest.mark.e2e

JS = pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])


@JS
def test_anyone_reaches_the_crisis_lines_from_the_public_page(
    visit: Callable[..., Visitor], lang: str, js: bool
) -> None:
    CrisisLineFactory(
        country="ES",
        name_es="Servicio 028 Arcoíris",
        name_en="028 Rainbow line",
        phone="028",
        audience="lgbtq",
        notes_es="Apoyo psicológico, jurídico y social.",
        notes_en="Psychological, legal and social support.",
    )
    CrisisLineFactory(country="MX", name_es="Línea de la Vida", name_en="", phone="800 911 2000")
    v = visit(lang=lang, js=js)
    v.goto("/")
    link = v.page.get_by_role("link", name=v.t("Need help now?"))
    expect(link).to_be_visible()
    link.click()
    expect(v.page).to_have_url(v.url("/help-now/"))
    expect(v.page.get_by_role("heading", level=1)).to_have_text(v.t("Need help now?"))
    name = "Servicio 028 Arcoíris" if lang == "es" else "028 Rainbow line"
    expect(v.main.get_by_role("heading", name=name)).to_be_visible()
    expect(v.main.get_by_role("link", name="028", exact=True)).to_have_attribute("href", "tel:028")
    expect(v.main.get_by_role("heading", name="Línea de la Vida")).to_be_visible()
    notes = "Apoyo psicológico" if lang == "es" else "Psychological, legal"
    expect(v.main).to_contain_text(notes)
    v.check("help now", screenshot=True)


def test_the_link_is_reached_by_keyboard_before_the_menu(
    visit: Callable[..., Visitor], lang: str
) -> None:
    v = visit(lang=lang, js=False)
    v.goto("/accounts/login/")
    names = []
    # The way out, the skip link, the network's name, then this link.
    for _ in range(4):
        v.page.keyboard.press("Tab")
        names.append(v.page.evaluate("document.activeElement.textContent.trim()"))
    assert v.t("Need help now?") in names


@JS
def test_a_member_finds_a_professional(visit: Callable[..., Visitor], lang: str, js: bool) -> None:
    area = AreaFactory(name="Lavapiés")
    ProfessionalFactory(
        name="Andrés Ferrer",
        profession="lawyer",
        specialities_es="Cambio de nombre y de la mención del sexo",
        specialities_en="Name and gender-marker changes",
        cost="free",
        area=area,
        how_to_reach="andres.ferrer@example.org",
    )
    ProfessionalFactory(name="Sam Moreno", profession="therapist", cost="sliding")
    CrisisLineFactory(name_es="Línea 024", name_en="024 line", phone="024")
    member = cast(User, UserFactory(language=lang))
    v = visit(lang=lang, js=js, user=member)
    v.goto("/support/professionals/", check="professionals")
    expect(v.main.get_by_role("link", name="Sam Moreno")).to_be_visible()
    v.main.get_by_role("searchbox").fill("nombre" if lang == "es" else "gender-marker")
    v.main.get_by_role("combobox", name=v.t("Cost")).select_option("free")
    v.main.get_by_role("button", name=v.t("Search")).click()
    expect(v.main.get_by_role("link", name="Sam Moreno")).to_have_count(0)
    v.main.get_by_role("link", name="Andrés Ferrer").click()
    expect(v.page.get_by_role("heading", level=1)).to_have_text("Andrés Ferrer")
    expect(v.main).to_contain_text("andres.ferrer@example.org")
    expect(v.main.get_by_role("heading", name=v.t("Need help now?"))).to_be_visible()
    v.check("a professional", screenshot=True)
