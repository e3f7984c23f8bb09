"""A service's card is built two ways: a list reads only the columns cards show
(`service_cards_by_id`), a service's page reads the model instances it shows further
(`service_card_queryset` with `service_cards`). Both give the same card, for every viewer, in
both languages, at any moment: translations, terms, languages, areas of the places the viewer
sees, the hours of the service and of those places (open now), cost, staleness, recommendations
counted, the verifier's name and the visibility."""

from datetime import time
from decimal import Decimal

import pytest
import time_machine
from django.utils import translation

from tejido.access.directory import visible_services
from tejido.access.directory_cards import service_card_queryset, service_cards, service_cards_by_id
from tejido.accounts.factories import BlockFactory
from tejido.core.clock import now
from tejido.directory.factories import (
    LocationFactory,
    OrganizationFactory,
    RecommendationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    tag,
)
from tejido.directory.models import CostOption, Language, Review, Service, Visibility
from tejido.network.factories import AreaFactory

pytestmark = pytest.mark.django_db

MOMENTS = ["2026-03-04 10:00 +01:00", "2026-03-07 23:30 +01:00", "2026-03-27 07:00 +01:00"]


def _listed(verifier) -> list[Service]:
    organization = OrganizationFactory(translations={"en": {"name": "The collective"}})
    full = tag(
        ServiceFactory(
            name="Comedor",
            description="Comidas calientes",
            translations={"en": {"name": "Canteen", "description": "Hot meals"}},
            organization=organization,
            status=Service.Status.TEMPORARILY_CLOSED,
        ),
        "food",
        "legal-asylum",
        "trans-led",
    )
    Service.objects.filter(pk=full.pk).update(verified_by=verifier, assured_date="2026-02-01")
    seen = ServiceAtLocationFactory(service=full, location=LocationFactory(area=AreaFactory()))
    ServiceAtLocationFactory(service=full, location=LocationFactory(area=None))
    hidden = LocationFactory(area=AreaFactory(name="Secret area"), visibility=Visibility.ORGANISERS)
    at_hidden = ServiceAtLocationFactory(service=full, location=hidden)
    ScheduleFactory(service=full, byday="SA,SU", opens_at=time(20), closes_at=time(8))
    ScheduleFactory(service=None, service_at_location=seen, byday="-1FR", timezone=Decimal(-5))
    ScheduleFactory(service=None, service_at_location=at_hidden, byday="")
    Language.objects.create(service=full, code="ar")
    Language.objects.create(service=full, code="", name="Lengua de signos")
    CostOption.objects.create(service=full, amount=0)
    RecommendationFactory(service=full, review=Review.APPROVED, reviewed_at=now())
    RecommendationFactory(service=full)

    free = ServiceFactory(name="Ropero")
    CostOption.objects.create(service=free, amount=0)
    ScheduleFactory(service=free, description="Con cita", opens_at=None, closes_at=None)
    priced = tag(ServiceFactory(name="Clínica", visibility=Visibility.MEMBERS), "free")
    CostOption.objects.create(service=priced, amount=None)
    return [full, free, priced, ServiceFactory(name="Vacío")]


def _both_ways(viewer) -> tuple[list, list]:
    ids = list(visible_services(viewer).order_by("sort_name").values_list("pk", flat=True))
    found = service_card_queryset(viewer, visible_services(viewer).filter(pk__in=ids), detail=True)
    return (
        service_cards_by_id(viewer, ids, now=now()),
        service_cards(viewer, found.order_by("sort_name"), now=now()),
    )


def test_a_lists_card_is_the_card_its_page_builds(make_user):
    verifier = make_user()
    full = _listed(verifier)[0]
    blocked = make_user()
    BlockFactory(blocker=blocked, blocked=verifier)
    viewers = {
        "visitor": None,
        "member": make_user(),
        "organiser": make_user(role="organiser"),
        "blocked": blocked,
    }
    for moment in MOMENTS:
        for language in ("es", "en"):
            with translation.override(language), time_machine.travel(moment, tick=False):
                for name, viewer in viewers.items():
                    listed, paged = _both_ways(viewer)
                    assert listed == paged, (moment, language, name)
                    assert len(listed) == (3 if viewer is None else 4)
    # What differs by viewer differs alike both ways: the place only organisers see (open every
    # day) and its area, the verifier's name, the visibility.
    with translation.override("en"), time_machine.travel(MOMENTS[0], tick=False):
        cards = {
            name: next(card for card in _both_ways(viewer)[0] if card.id == full.pk)
            for name, viewer in viewers.items()
        }
    assert cards["member"].name == "Canteen"
    assert cards["member"].organization_name == "The collective"
    assert cards["organiser"].open_now is True
    assert cards["member"].open_now is False
    assert "Secret area" in cards["organiser"].area_names
    assert "Secret area" not in cards["member"].area_names
    assert cards["member"].verified_by_name == verifier.profile.chosen_name
    assert cards["visitor"].verified_by_name is None
    assert cards["blocked"].verified_by_name is None
    assert cards["organiser"].visibility == Visibility.PUBLIC
    assert cards["member"].visibility is None
    assert cards["member"].recommendation_count == 1


def test_a_term_a_status_and_a_language_shared_by_a_lists_cards_are_made_once():
    first = tag(ServiceFactory(name="Asesoría"), "free")
    second = tag(ServiceFactory(name="Biblioteca"), "free")
    for service in (first, second):
        Language.objects.create(service=service, code="ar")
    with translation.override("en"):
        cards = service_cards_by_id(None, [first.pk, second.pk], now=now())
    assert [card.name for card in cards] == ["Asesoría", "Biblioteca"]
    (one,), (other,) = (card.attributes for card in cards)
    assert one is other  # the term's card, made once for both
    assert one.code == "free"
    assert cards[0].status == cards[1].status == first.status
    assert cards[0].status_label == cards[1].status_label != ""
    assert all(card.free for card in cards)
    assert [card.languages for card in cards] == [("Arabic",), ("Arabic",)]
