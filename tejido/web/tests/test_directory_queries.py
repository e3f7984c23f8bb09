"""The directory's lists cost the same number of SQL queries whatever the amount of data: two
data sizes (services with places, hours, languages, costs, terms and recommendations;
businesses with opening hours, vouches and recommendations; suggestions waiting), one expected
count each; and a service's and a business's page whatever they hold."""

from datetime import time

import pytest
import time_machine
from django.urls import reverse

from tejido.accounts.factories import UserFactory
from tejido.core.testing import FRAME_QUERIES
from tejido.directory.factories import APPROVED_REVIEW as APPROVED
from tejido.directory.factories import (
    AddressFactory,
    BusinessFactory,
    BusinessHoursFactory,
    LocationFactory,
    RecommendationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    VouchFactory,
    directory_of,
    tag,
)
from tejido.directory.models import CostOption, Language
from tejido.network.factories import AreaFactory
from tejido.network.models import NetworkSettings

pytestmark = pytest.mark.django_db

SIZES = [2, 7]


@pytest.fixture(autouse=True)
def _network():
    # Made on the first page ever served; made here, so no page pays for it.
    NetworkSettings.current()


# A Wednesday at 10:00 in Madrid: the services' weekday hours are open.
OPEN = "2026-03-04 10:00 +01:00"


def _member_client(login, viewer):
    client = login(viewer)
    client.get(reverse("directory"))  # the conduct gate remembers the acceptance in the session
    return client


# The filters' categories and attributes, together (visitors get no areas).
FILTERS = 1
# The page's count, its ids and their rows; its places, the hours of the services and of those
# places (together), its languages and costs; the terms.
SERVICES = 3 + 4 + 1


@pytest.mark.parametrize("size", SIZES)
def test_the_public_directory(client, django_assert_num_queries, size):
    directory_of(size)
    # A visitor: no session, no user, and no member's name to look up.
    with django_assert_num_queries(FILTERS + SERVICES):
        response = client.get(reverse("directory"))
    assert response.content.decode().count('href="/directory/services/') == size


@pytest.mark.parametrize("size", SIZES)
def test_the_members_directory_search_and_filters(login, django_assert_num_queries, size):
    directory_of(size)
    filters = {"q": "servicio", "cost": "free", "open_now": "on"}
    # The areas (visitors get none) and the UTC offsets the schedules use.
    expected = FRAME_QUERIES + FILTERS + SERVICES + 2
    with time_machine.travel(OPEN, tick=False):
        # Signed in on that day: the first request of a day notes the member's activity.
        client = _member_client(login, UserFactory())
        with django_assert_num_queries(expected):
            response = client.get(reverse("directory"), filters)
    assert response.content.decode().count('href="/directory/services/') == size


# The areas, the page's count and rows (with their counts), their opening hours, and which of
# them the member vouched for.
BUSINESSES = 1 + 2 + 1 + 1


@pytest.mark.parametrize("size", SIZES)
def test_the_businesses(login, django_assert_num_queries, size):
    directory_of(size)
    client = _member_client(login, UserFactory())
    with django_assert_num_queries(FRAME_QUERIES + BUSINESSES):
        response = client.get(reverse("directory_businesses"))
    # Each business, and the directory's own menu.
    assert response.content.decode().count('href="/directory/businesses/') == size + 1


@pytest.mark.parametrize("size", SIZES)
def test_the_review_queue(login, django_assert_num_queries, size):
    directory_of(size)
    client = _member_client(login, UserFactory(is_organiser=True))
    # Each list's count and rows, how many services wait to be verified again, and the
    # businesses due (their cards, their opening hours, and what the organiser vouched for).
    with django_assert_num_queries(FRAME_QUERIES + 2 + 2 + 1 + 3):
        response = client.get(reverse("directory_review"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_an_organisations_services(client, django_assert_num_queries, size):
    directory_of(size)
    service = ServiceFactory()
    for number in range(size):
        other = ServiceFactory(organization=service.organization, name=f"Otro {number}")
        ServiceAtLocationFactory(service=other)
    # The organisation with its count; then its services as on the directory, without filters.
    with django_assert_num_queries(1 + SERVICES):
        response = client.get(reverse("directory_organization", args=[service.organization_id]))
    assert response.content.decode().count('href="/directory/services/') == size + 1


def _service_with(size: int):
    """One service at `size` places, with as many hours, languages, costs and recommendations."""
    service = tag(ServiceFactory(), "food", "free")
    for number in range(size):
        at = ServiceAtLocationFactory(service=service, location=LocationFactory())
        AddressFactory(location=at.location)
        ScheduleFactory(service=service)
        ScheduleFactory(service=None, service_at_location=at)
        Language.objects.create(
            service=service, code=("es", "en", "fr", "de", "it", "pt", "ca")[number]
        )
        CostOption.objects.create(service=service, amount=number)
        RecommendationFactory(service=service, **APPROVED)
    return service


def _business_with(size: int):
    """One business with `size` opening hours, vouches and recommendations."""
    business = BusinessFactory(area=AreaFactory())
    for number in range(size):
        BusinessHoursFactory(business=business, opens_at=time(9 + number), closes_at=time(20))
        VouchFactory(business=business)
        RecommendationFactory(service=None, business=business, **APPROVED)
    return business


@pytest.mark.parametrize("size", SIZES)
def test_a_services_page(login, django_assert_num_queries, size):
    service = _service_with(size)
    client = _member_client(login, UserFactory())
    # The frame, then the service; its places with their addresses, accessibility, phones and
    # hours; its own hours, phones, languages, costs and contacts; its terms; the
    # recommendations shown (14, each a query for all the rows of its kind).
    with django_assert_num_queries(FRAME_QUERIES + 14):
        response = client.get(reverse("directory_service", args=[service.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_a_businesss_page(login, django_assert_num_queries, size):
    business = _business_with(size)
    client = _member_client(login, UserFactory())
    # The frame, then the business, its hours, what the member vouched for and the
    # recommendations shown; then whether it is listed, asked again for vouching, for
    # recommending and for reporting, and whether the member already vouched or recommended (5).
    with django_assert_num_queries(FRAME_QUERIES + 9):
        response = client.get(reverse("directory_business", args=[business.pk]))
    assert response.status_code == 200
