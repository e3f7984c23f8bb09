"""A circle made directly from its rows (the circles' own services come with intake), with a
weekly session series: enough for the sessions and notes tests."""

from dataclasses import dataclass
from datetime import timedelta

import pytest

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.gatherings.models import Event, Occurrence
from tejido.support.models import Circle, Facilitator, Place, PlaceState
from tejido.support.session_services import create_session_series

SESSION_TITLE = "Sesión MARCADOR-TITULO"
SESSION_ADDRESS = "Calle MARCADOR-DIRECCION 9"


@dataclass
class CircleWorld:
    circle: Circle
    facilitator: User
    member: User
    other_member: User
    asking: User
    organiser: User
    stranger: User
    event: Event
    past: Occurrence
    upcoming: Occurrence

    def place_of(self, user: User) -> Place:
        return Place.objects.get(circle=self.circle, user=user)


def make_circle(*, theme: str = Circle.Theme.COMING_OUT, retention_days: int = 90) -> Circle:
    return Circle.objects.create(
        name_es="Círculo MARCADOR-NOMBRE",
        name_en="Circle MARKER-NAME",
        theme=theme,
        language="es",
        size_limit=10,
        retention_days=retention_days,
    )


def add_member(circle: Circle, user: User, state: str = PlaceState.MEMBER) -> Place:
    return Place.objects.create(circle=circle, user=user, state=state)


def make_series(circle: Circle, facilitator: User, *, start_days: float = -7.5) -> Event:
    starts = now().replace(microsecond=0) + timedelta(days=start_days)
    return create_session_series(
        actor=facilitator,
        circle=circle,
        frequency="weekly",
        title_es=SESSION_TITLE,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        address=SESSION_ADDRESS,
    )


@pytest.fixture
def world(db) -> CircleWorld:
    circle = make_circle()
    facilitator, member, other, asking = (UserFactory() for _ in range(4))
    Facilitator.objects.create(circle=circle, user=facilitator)
    add_member(circle, member)
    add_member(circle, other)
    add_member(circle, asking, PlaceState.ASKED)
    event = make_series(circle, facilitator)
    occurrences = list(event.occurrences.order_by("starts_at"))
    moment = now()
    return CircleWorld(
        circle=circle,
        facilitator=facilitator,
        member=member,
        other_member=other,
        asking=asking,
        organiser=OrganiserFactory(),
        stranger=UserFactory(),
        event=event,
        past=next(o for o in occurrences if o.ends_at <= moment),
        upcoming=next(o for o in occurrences if o.starts_at > moment),
    )
