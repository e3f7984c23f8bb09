"""The demo circles' sessions, on circles made here directly: a weekly series for each
circle with a facilitator, last week's attendance, and a note
only the coming-out circle's facilitator reads."""

import pytest

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.demo.support_sessions_seed import seed_support_sessions
from tejido.support.models import Attendance, Circle, Facilitator, FacilitatorNote, Place
from tejido.support.note_selectors import list_session_notes

pytestmark = pytest.mark.django_db


def _circle(theme, *, facilitated=True):
    circle = Circle.objects.create(name_es=theme, theme=theme, language="es", size_limit=8)
    if facilitated:
        Facilitator.objects.create(circle=circle, user=UserFactory())
    for _ in range(3):
        Place.objects.create(circle=circle, user=UserFactory(), state="member")
    return circle


def test_the_demo_circles_get_their_sessions():
    coming_out = _circle(Circle.Theme.COMING_OUT)
    _circle(Circle.Theme.TRANS_NONBINARY)
    _circle(Circle.Theme.FAMILY, facilitated=False)
    assert seed_support_sessions() == 2
    assert coming_out.sessions.count() == 1
    assert Attendance.objects.filter(present=True).count() == 4
    note = FacilitatorNote.objects.get()
    facilitator = Facilitator.objects.get(circle=coming_out).user
    assert list_session_notes(viewer=facilitator, occurrence=note.occurrence)[0].text == note.text
    assert list_session_notes(viewer=OrganiserFactory(), occurrence=note.occurrence) == []
