"""Support circles' sessions (issue 13): a facilitator records who came to last week's session
and writes a note about a member; another member of the circle and an organiser cannot open
the session's attendance and notes (the same 404 as a page that does not exist), and the
member's own list of sessions says nothing of the note. The circle is made here from its rows
(the circles' intake pages come with their own journey)."""

from collections.abc import Callable
from datetime import timedelta
from typing import cast

import pytest
from django.utils.timezone import now
from playwright.sync_api import expect

from e2e.browser import Visitor
from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.support.models import Attendance, Circle, Facilitator, FacilitatorNote, Place
from tejido.support.session_services import create_session_series

pytestmark = pytest.mark.e2e

JS = pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
NOTE = "Habló de su familia por primera vez; preguntarle cómo sigue."


def _status(v: Visitor, message: str) -> None:
    expect(v.page.get_by_role("status").first).to_contain_text(v.t(message))


@JS
def test_a_facilitator_records_attendance_and_writes_a_note_nobody_else_reads(
    visit: Callable[..., Visitor], lang: str, js: bool
) -> None:
    facilitator = cast(User, UserFactory(language=lang, profile__chosen_name="Alba Facilita"))
    noa = cast(User, UserFactory(language=lang, profile__chosen_name="Noa Ribera"))
    leo = cast(User, UserFactory(language=lang, profile__chosen_name="Leo Martín"))
    organiser = cast(User, OrganiserFactory(language=lang))
    circle = Circle.objects.create(
        name_es="Salir del armario",
        name_en="Coming out",
        theme="coming_out",
        language=lang,
        size_limit=8,
    )
    Facilitator.objects.create(circle=circle, user=facilitator)
    places = {u.pk: Place.objects.create(circle=circle, user=u, state="member") for u in (noa, leo)}
    starts = now().replace(microsecond=0) - timedelta(days=7, hours=3)
    event = create_session_series(
        actor=facilitator,
        circle=circle,
        frequency="weekly",
        title_es="Charla de los jueves",
        title_en="Thursday talk",
        address="Biblioteca, sala 3",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    last_week = event.occurrences.order_by("starts_at").first()
    assert last_week is not None
    page = f"/support/circles/{circle.pk}/sessions/{last_week.pk}/"

    v = visit(lang=lang, js=js, user=facilitator)
    t = v.t
    v.goto(f"/support/circles/{circle.pk}/sessions/", check="circle sessions, the facilitator's")
    v.goto(page, check="circle session, attendance and notes empty")
    v.main.get_by_role("group", name="Noa Ribera").get_by_label(t("Came"), exact=True).check()
    v.main.get_by_role("group", name="Leo Martín").get_by_label(t("Did not come")).check()
    v.main.get_by_role("button", name=t("Save attendance")).click()
    _status(v, "Attendance saved.")
    assert dict(Attendance.objects.values_list("place", "present")) == {
        places[noa.pk].pk: True,
        places[leo.pk].pk: False,
    }
    v.field("Who it is about").select_option(label="Noa Ribera")
    v.field("Note").fill(NOTE)
    v.main.get_by_role("button", name=t("Save the note")).click()
    _status(v, "Note saved. Only this circle's facilitators can read it.")
    notes = v.main.get_by_role("region", name=t("Facilitator notes"))
    expect(notes).to_contain_text(NOTE)
    v.check("circle session, a note written", screenshot=True)
    assert FacilitatorNote.objects.get().text == NOTE

    # Another member of the circle, and the noted member: their sessions, never the note.
    for member in (leo, noa):
        m = visit(lang=lang, js=js, user=member)
        m.goto("/support/sessions/", check="my circle sessions")
        expect(m.main).to_contain_text("Charla de los jueves" if lang == "es" else "Thursday talk")
        expect(m.main).not_to_contain_text(NOTE)
        m.goto(page, status=404)
        expect(m.page.locator("body")).not_to_contain_text(NOTE)

    # An organiser outside the circle: not the notes, not even the session.
    o = visit(lang=lang, js=js, user=organiser)
    o.goto(page, status=404)
    expect(o.page.locator("body")).not_to_contain_text(NOTE)
    o.goto(f"/events/{last_week.pk}/", status=404)
    o.goto("/support/sessions/", check="my circle sessions, none")
    expect(o.main).not_to_contain_text("Charla")
