"""Support circles (issue 13): a member finds a circle, reads its agreement, answers its intake
question and asks for a place; the circle's facilitator reads the answer in the intake queue
and accepts; the member then sees that they are in the circle, with its roster. In Spanish and
English, with and without JavaScript, every page checked by axe-core."""

from collections.abc import Callable
from typing import cast

import pytest
from playwright.sync_api import expect

from e2e.browser import Visitor, starts
from tejido.accounts.factories import UserFactory
from tejido.accounts.models import User
from tejido.support.factories import CircleFactory, FacilitatorFactory
from tejido.support.models import Place

pytestmark = pytest.mark.e2e

JS = pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])


def _status(v: Visitor, message: str) -> None:
    expect(v.page.get_by_role("status").first).to_contain_text(v.t(message))


@JS
def test_a_member_asks_to_join_a_circle_and_a_facilitator_accepts(
    visit: Callable[..., Visitor], lang: str, js: bool
) -> None:
    circle = CircleFactory(
        name_es="Salir del armario",
        name_en="Coming out",
        show_names_to_members=True,
        intake__questions=[{"es": "¿Qué te trae al círculo?", "en": "What brings you here?"}],
    )
    facilitator = cast(User, UserFactory(language=lang, profile__chosen_name="Río Facilita"))
    FacilitatorFactory(circle=circle, user=facilitator)
    member = cast(User, UserFactory(language=lang, profile__chosen_name="Noa Llega"))
    name = circle.name_en if lang == "en" else circle.name_es
    question = "What brings you here?" if lang == "en" else "¿Qué te trae al círculo?"

    v = visit(lang=lang, js=js, user=member)
    t = v.t
    v.goto("/support/", check="support hub")
    v.main.get_by_role("link", name=t("See the circles")).click()
    v.check("support circles, the list")
    v.main.get_by_role("link", name=name).click()
    v.check("support circle, asking for a place", screenshot=True)
    expect(v.main).to_contain_text(t("Peer support"))
    v.field(question).fill("Quiero hablar con gente que lo vive")
    v.main.get_by_label(t("I accept the confidentiality agreement above")).check()
    v.main.get_by_role("button", name=t("Ask for a place")).click()
    _status(v, "You asked for a place. The facilitators will answer you soon.")
    place = Place.objects.get(user=member)
    assert place.state == "asked"

    # The facilitator reads the answer in the queue and accepts.
    f = visit(lang=lang, js=js, user=facilitator)
    f.goto(f"/support/circles/{circle.pk}/", check="support circle, as its facilitator")
    f.main.get_by_role("link", name=starts(lang, "Requests for a place")).click()
    f.check("support intake queue", screenshot=True)
    expect(f.main).to_contain_text("Quiero hablar con gente que lo vive")
    f.main.get_by_role("button", name=f"{f.t('Accept')} Noa Llega").click()
    _status(f, "They are in the circle now. They were told.")
    place.refresh_from_db()
    assert place.state == "member"

    # The member now sees the circle from the inside: their place and who is in it.
    v.goto(f"/support/circles/{circle.pk}/", check="support circle, as a member")
    expect(v.main).to_contain_text(t("You are in this circle."))
    expect(v.main.get_by_role("region", name=t("Who is in the circle"))).to_contain_text(
        "Noa Llega"
    )
