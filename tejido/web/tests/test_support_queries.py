"""Support circles' lists cost the same number of SQL queries whatever their length: the list
of circles (with one's own), the organisers' list, a circle's page whatever its numbers of
facilitators, members and requests, and a facilitator's intake queue."""

import pytest
from django.urls import reverse

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.core.testing import FRAME_QUERIES
from tejido.support.factories import CircleFactory, FacilitatorFactory, PlaceFactory
from tejido.support.models import PlaceState

pytestmark = pytest.mark.django_db

SIZES = [3, 12]


def _world(viewer, size: int) -> None:
    """`size` open circles with a facilitator and members, and `size` the viewer is in."""
    for _ in range(size):
        circle = CircleFactory()
        FacilitatorFactory(circle=circle)
        PlaceFactory(circle=circle)
        PlaceFactory(circle=CircleFactory(is_listed=False), user=viewer)


# The frame, then: my circles, who facilitates them and my places in them (3); the page's count
# and rows, who facilitates them, and my places in them (4). A list names no facilitator, so
# their cards are not looked up.
LIST_QUERIES = FRAME_QUERIES + 7


@pytest.mark.parametrize("size", SIZES)
def test_the_list_of_circles(login, django_assert_num_queries, size):
    viewer = UserFactory()
    _world(viewer, size)
    client = login(viewer)
    client.get(reverse("support_hub"))  # the conduct gate remembers the acceptance
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("support_circles"))
    assert response.content.decode().count('href="/support/circles/') >= size


# The frame, then: the organiser area's open reports; every circle and its cards
# (facilitators (2), my places; no shared groups for an organiser's cards of them).
ORGANISE_QUERIES = FRAME_QUERIES + 5


@pytest.mark.parametrize("size", SIZES)
def test_the_organisers_list(login, django_assert_num_queries, size):
    organiser = OrganiserFactory()
    _world(UserFactory(), size)
    client = login(organiser)
    client.get(reverse("support_hub"))
    with django_assert_num_queries(ORGANISE_QUERIES):
        client.get(reverse("organise_circles"))


def _circle_of(size: int, viewer, *, facilitating: bool):
    """One circle showing its members' names, with `size` facilitators, `size` members and
    `size` asking for a place; the viewer facilitates it or is one of its members."""
    circle = CircleFactory(show_names_to_members=True)
    for _ in range(size):
        FacilitatorFactory(circle=circle)
        PlaceFactory(circle=circle)
        PlaceFactory(circle=circle, state=PlaceState.ASKED)
    if facilitating:
        FacilitatorFactory(circle=circle, user=viewer)
    else:
        PlaceFactory(circle=circle, user=viewer)
    return circle


# The frame, then the circle, its card (the circle, facilitators, their cards and shared groups),
# and the member's place, agreement and roster, asked again by each part of the page (11).
PAGE_QUERIES = FRAME_QUERIES + 17


@pytest.mark.parametrize("size", SIZES)
def test_a_circles_page(login, django_assert_num_queries, size):
    viewer = UserFactory()
    circle = _circle_of(size, viewer, facilitating=False)
    client = login(viewer)
    client.get(reverse("support_hub"))
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(reverse("support_circle", args=[circle.pk]))
    assert response.status_code == 200


# The frame, then the circle and that the viewer facilitates it, its card (4), the queue with
# its people and answers, and whether each can be placed (the circle's members, its
# facilitators, the pairs kept apart, the blocks: one query each for the whole queue), and
# those kept apart from the viewer.
INTAKE_QUERIES = FRAME_QUERIES + 15


@pytest.mark.parametrize("size", SIZES)
def test_a_facilitators_intake_queue(login, django_assert_num_queries, size):
    viewer = UserFactory()
    circle = _circle_of(size, viewer, facilitating=True)
    client = login(viewer)
    client.get(reverse("support_hub"))
    with django_assert_num_queries(INTAKE_QUERIES):
        response = client.get(reverse("support_intake", args=[circle.pk]))
    assert response.status_code == 200
