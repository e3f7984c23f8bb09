"""The demo network's directory: a dozen services across the taxonomy in both languages, one
stale, one safe house for organisers only, welcoming businesses with vouches and
recommendations, and the public directory showing only what is public."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from tejido.access.directory_cards import is_stale
from tejido.directory.models import (
    CATEGORIES_ID,
    Attribute,
    Business,
    Recommendation,
    Review,
    Service,
    TaxonomyTerm,
    Visibility,
    Vouch,
)
from tejido.directory.moments import today

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=StringIO())


def test_services_cover_the_taxonomy_in_both_languages(seeded):
    assert Service.objects.count() >= 12
    used = set(
        Attribute.objects.filter(link_entity="service").values_list("taxonomy_term", flat=True)
    )
    top = TaxonomyTerm.objects.filter(taxonomy_detail=CATEGORIES_ID, parent__isnull=True)
    for category in top:
        family = {category.pk, *category.children.values_list("pk", flat=True)}
        assert family & used, category.code
    for service in Service.objects.all():
        assert service.translations["en"]["name"], service.name


def test_one_stale_listing_and_one_safe_house(seeded):
    stale = [s for s in Service.objects.all() if is_stale(s.assured_date, today())]
    assert len(stale) == 1
    safe = Service.objects.get(visibility=Visibility.ORGANISERS)
    places = [p.location for p in safe.service_at_locations.select_related("location")]
    assert places
    assert all(p.visibility == Visibility.ORGANISERS for p in places)
    page = Client().get("/directory/").content.decode()
    assert safe.name not in page
    assert "Vivienda de emergencia" in page


def test_businesses_are_vetted_with_vouches_and_recommendations(seeded):
    assert Business.objects.count() >= 4
    assert Business.objects.filter(
        pledge_accepted_on__isnull=False, visited_on__isnull=False
    ).exists()
    assert Vouch.objects.count() >= 5
    assert Recommendation.objects.filter(review=Review.APPROVED, business__isnull=False).exists()
    assert Recommendation.objects.filter(review=Review.APPROVED, service__isnull=False).exists()
