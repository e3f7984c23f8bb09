"""Who may be told about a support circle's sessions, and about what its facilitators record of
them: a session is for the circle's members and facilitators in good standing (never someone
who only asked for a place, an organiser outside the circle, or another circle's people); a
note about a member and who came are for the circle's facilitators alone."""

from datetime import timedelta

import pytest

from tejido.access.base import audience_of
from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.support.factories import CircleFactory, FacilitatorFactory, PlaceFactory
from tejido.support.models import Attendance, PlaceState
from tejido.support.note_services import write_note
from tejido.support.session_services import create_session_series, record_session_attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def circle():
    """A circle with someone in every relation to it, and a weekly series whose first date
    has passed; another circle with its own facilitator and member."""
    circle = CircleFactory()
    people = {
        "facilitator": FacilitatorFactory(circle=circle).user,
        "co_facilitator": FacilitatorFactory(circle=circle).user,
        "suspended_facilitator": FacilitatorFactory(circle=circle).user,
        "member": PlaceFactory(circle=circle).user,
        "suspended_member": PlaceFactory(circle=circle).user,
        "asking": PlaceFactory(circle=circle, state=PlaceState.ASKED).user,
        "waitlisted": PlaceFactory(circle=circle, state=PlaceState.WAITLISTED).user,
        "organiser": OrganiserFactory(),
        "other_member": UserFactory(),
    }
    other = CircleFactory()
    people["other_facilitator"] = FacilitatorFactory(circle=other).user
    people["other_circles_member"] = PlaceFactory(circle=other).user
    starts = now().replace(microsecond=0) - timedelta(days=7, hours=12)
    event = create_session_series(
        actor=people["facilitator"],
        circle=circle,
        frequency="weekly",
        title_es="Sesión",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    past = event.occurrences.filter(ends_at__lte=now()).order_by("starts_at").first()
    assert past is not None
    return circle, event, past, people


def _suspend(*users: User) -> None:
    User.objects.filter(pk__in=[u.pk for u in users]).update(state=User.State.SUSPENDED)


def _who(people, audience) -> set[str]:
    told = set(audience)
    return {name for name, user in people.items() if user in told}


def test_a_session_is_told_to_the_circles_members_and_facilitators(circle):
    _circle, event, past, people = circle
    _suspend(people["suspended_facilitator"], people["suspended_member"])
    expected = {"facilitator", "co_facilitator", "member"}
    assert _who(people, audience_of(event)) == expected
    assert _who(people, audience_of(past)) == expected


def test_a_note_and_who_came_are_told_to_the_circles_facilitators(circle):
    the_circle, _event, past, people = circle
    facilitator = people["facilitator"]
    place = the_circle.places.get(user=people["member"])
    note = write_note(actor=facilitator, occurrence=past, place_id=place.pk, text="Bien.")
    record_session_attendance(actor=facilitator, occurrence=past, present={place.pk: True})
    attendance = Attendance.objects.get(place=place)
    _suspend(people["suspended_facilitator"])
    expected = {"facilitator", "co_facilitator"}
    assert _who(people, audience_of(note)) == expected
    assert _who(people, audience_of(attendance)) == expected
