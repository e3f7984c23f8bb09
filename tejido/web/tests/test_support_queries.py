"""Support circles' lists cost the same number of SQL queries whatever their length: the list
of circles (with one's own), the organisers' list, and a facilitator's intake queue."""

import pytest
from django.urls import reverse

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.core.testing import FRAME_QUERIES
from tejido.support.factories import CircleFactory, FacilitatorFactory, PlaceFactory

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
