"""Support circles (issue 13): a member finds a circle, reads its agreement, answers its intake
question and asks for a place; the circle's facilitator reads the answer in the intake queue
and accepts; the member then sees that they are in the circle, with its roster, opens their
sessions and answers "Going" to the one under way; the facilitator marks that they came. In
Spanish and English, with and without JavaScript, every page checked by axe-core."""

from collections.abc import Callable
from datetime import timedelta
from typing import cast

import pytest
from django.utils.timezone import now
from playwright.sync_api import expect

from e2e.browser import Visitor, starts
from tejido.accounts.factories import UserFactory
from tejido.accounts.models import User
from tejido.gatherings.models import Rsvp
from tejido.support.factories import CircleFactory, FacilitatorFactory
from tejido.support.models import Attendance, Place
from tejido.support.session_services import create_session_series

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
    # A weekly session that began half an hour ago: the member can still say they are going,
    # and the facilitator can already record who came.
    began = now().replace(microsecond=0) - timedelta(minutes=30)
    session_title = "Charla de los martes" if lang == "es" else "Tuesday talk"
    create_session_series(
        actor=facilitator,
        circle=circle,
        frequency="weekly",
        title_es="Charla de los martes",
        title_en="Tuesday talk",
        address="Biblioteca, sala 2",
        starts_at=began,
        ends_at=began + timedelta(hours=2),
    )

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

    # The member opens their sessions and says they are going to the one under way.
    v.goto("/support/sessions/", check="my circle sessions, as a new member")
    v.main.get_by_role("link", name=session_title).first.click()
    v.check("circle session, answering as a member")
    v.main.get_by_role("button", name=t("Going"), exact=True).click()
    _status(v, "You are going: your seat is confirmed. See you there!")
    rsvp = Rsvp.objects.get(user=member)
    assert (rsvp.answer, rsvp.seat) == ("going", "confirmed")

    # The facilitator opens the session's attendance from their sessions and marks them came.
    f.goto("/support/sessions/", check="my circle sessions, as the facilitator")
    f.main.get_by_role("link", name=t("Attendance and notes")).first.click()
    f.check("circle session, attendance of the new member")
    f.main.get_by_role("group", name="Noa Llega").get_by_label(t("Came"), exact=True).check()
    f.main.get_by_role("button", name=t("Save attendance")).click()
    _status(f, "Attendance saved.")
    assert Attendance.objects.get(place=place).present is True
