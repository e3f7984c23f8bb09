"""List items cached by what their card holds (tejido/web/card_cache.py `cached_cards`): the
directory's services and the support circles. A card is its item's stamp, so an item changes
as soon as its card does (the time of day for "open now", a new name, the viewer's place in a
circle), never shows one viewer's card to another, and a card's repr must name every value on
it (no lazy text or other object printed by its address)."""

import copy

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.core.clock import now
from tejido.directory.factories import (
    LocationFactory,
    RecommendationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    tag,
)
from tejido.directory.models import Review, Service, Visibility
from tejido.directory.selectors import ServiceFilters, list_services
from tejido.network.factories import AreaFactory
from tejido.support.circle_selectors import list_circles, list_my_circles
from tejido.support.factories import CircleFactory, FacilitatorFactory, PlaceFactory
from tejido.support.models import Place

pytestmark = pytest.mark.django_db

# A Wednesday in Madrid: weekday hours (9:00 to 17:00) are open at 10:00, closed at 18:00.
OPEN = "2026-03-04 10:00 +01:00"
CLOSED = "2026-03-04 18:00 +01:00"
OPEN_TAG = '<span class="tag tag-new">Open now</span>'
CLOSED_TAG = '<span class="tag">Closed now</span>'


def _page(client, name, *args, **params):
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    return response.content.decode()


def _member_client(login, **fields):
    client = login(UserFactory(language="en", **fields))
    client.get(reverse("directory"))  # the conduct gate remembers the acceptance
    return client


def test_open_now_follows_the_clock_with_the_item_cached(login):
    ScheduleFactory(service=ServiceFactory(name="Comedor"))
    client = _member_client(login)
    with time_machine.travel(OPEN, tick=False):
        assert OPEN_TAG in _page(client, "directory")
        assert OPEN_TAG in _page(client, "directory")
    with time_machine.travel(CLOSED, tick=False):
        html = _page(client, "directory")
    assert CLOSED_TAG in html
    assert OPEN_TAG not in html


def test_a_changed_listing_shows_at_once(login):
    service = ServiceFactory(name="Asesoría antigua")
    client = _member_client(login)
    assert "Asesoría antigua" in _page(client, "directory")
    Service.objects.filter(pk=service.pk).update(name="Asesoría nueva")
    RecommendationFactory(service=service, review=Review.APPROVED, reviewed_at=now())
    html = _page(client, "directory")
    assert "Asesoría nueva" in html
    assert "Asesoría antigua" not in html
    assert "1 recommendation" in html


def test_an_organisers_item_is_never_a_members(login):
    ServiceFactory(name="Para socias", visibility=Visibility.MEMBERS)
    organiser = login(OrganiserFactory(language="en"))
    organiser.get(reverse("directory"))
    assert "Members only" in _page(organiser, "directory")
    html = _page(_member_client(login), "directory")
    assert "Para socias" in html
    assert "Members only" not in html


def test_a_circle_item_follows_the_viewers_place(login):
    circle = CircleFactory(name_en="Coming out together", size_limit=4)
    facilitator = FacilitatorFactory(circle=circle, user__language="en").user
    member = UserFactory(language="en")
    client = login(member)
    client.get(reverse("support_hub"))
    html = _page(client, "support_circles")
    assert "Coming out together" in html
    assert "4 places left" in html
    PlaceFactory(circle=circle, user=member, state=Place.State.ASKED)
    assert "You asked for a place" in _page(client, "support_circles")
    PlaceFactory(circle=circle)
    assert "3 places left" in _page(client, "support_circles")
    facilitating = login(facilitator)
    facilitating.get(reverse("support_hub"))
    html = _page(facilitating, "support_circles")
    assert "You facilitate it" in html
    assert "You asked for a place" not in html


def _richly_listed() -> None:
    area = AreaFactory()
    service = tag(ServiceFactory(name="Comedor", translations={"en": {"name": "Canteen"}}), "food")
    tag(service, "free")
    at = ServiceAtLocationFactory(service=service, location=LocationFactory(area=area))
    ScheduleFactory(service=service)
    ScheduleFactory(service=None, service_at_location=at)
    verifier = UserFactory()
    Service.objects.filter(pk=service.pk).update(verified_by=verifier, assured_date=now().date())


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_cards_repr_names_everything_on_it(make_user, language):
    _richly_listed()
    circle = CircleFactory()
    FacilitatorFactory(circle=circle)
    member = make_user(language=language)
    PlaceFactory(circle=circle, user=member, state=Place.State.WAITLISTED)
    with translation.override(language), time_machine.travel(OPEN, tick=False):
        cards = [
            *list_services(viewer=member, filters=ServiceFilters()).items,
            *list_circles(viewer=member).items,
            *list_my_circles(viewer=member, people=False),
        ]
    assert len(cards) == 3
    for card in cards:
        assert " object at 0x" not in repr(card)
        assert repr(card) == repr(copy.deepcopy(card))
