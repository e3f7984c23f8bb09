"""The directory's service cards as each viewer gets them: a list's cards carry a service's
categories and attributes apart (the free attribute makes it free); who verified it, by name,
for vetted members who may see that member only; its visibility for organisers only. A
service's page gives its opening hours by day, a monthly day as it is written."""

from datetime import time

import pytest
from django.utils import translation

from tejido.access.directory import visible_services
from tejido.access.directory_cards import service_card_queryset, service_cards, service_detail
from tejido.accounts.factories import BlockFactory
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.directory.factories import (
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    tag,
    term,
)
from tejido.directory.models import ATTRIBUTES_ID, CATEGORIES_ID, Schedule, Visibility

pytestmark = pytest.mark.django_db


def _cards(viewer):
    found = service_card_queryset(viewer, visible_services(viewer)).order_by("sort_name")
    return {card.name: card for card in service_cards(viewer, found, now=now())}


def test_list_cards_keep_categories_and_attributes_apart():
    tag(ServiceFactory(name="Asesoría"), "legal-asylum", "free", "trans-led")
    tag(ServiceFactory(name="Empleo joven"), "employment")
    ServiceFactory(name="Sin etiquetas")
    with translation.override("en"):
        cards = _cards(None)
    advice = cards["Asesoría"]
    assert [(c.code, c.name) for c in advice.categories] == [("legal-asylum", "Asylum")]
    (category,) = advice.categories
    assert category.parent_id == term("legal").pk
    assert category.taxonomy_id == CATEGORIES_ID
    assert (
        category.description
        == "Asylum and international protection claims on grounds of orientation or identity."
    )
    assert {c.code for c in advice.attributes} == {"free", "trans-led"}
    assert {c.taxonomy_id for c in advice.attributes} == {ATTRIBUTES_ID}
    assert {c.parent_id for c in advice.attributes} == {None}
    assert advice.free
    assert [c.code for c in cards["Empleo joven"].categories] == ["employment"]
    assert cards["Empleo joven"].attributes == ()
    assert not cards["Empleo joven"].free
    assert cards["Sin etiquetas"].categories == cards["Sin etiquetas"].attributes == ()


def test_who_verified_it_is_named_to_vetted_members_who_may_see_them(make_user):
    verifier = make_user("organiser", profile__chosen_name="Inés Verifica")
    ServiceFactory(name="Verificado", verified_by=verifier, visibility=Visibility.MEMBERS)
    ServiceFactory(name="Sin verificar", visibility=Visibility.MEMBERS)
    blocked = make_user()
    BlockFactory(blocker=verifier, blocked=blocked)
    people = {
        "member": make_user(),
        "organiser": make_user("organiser"),
        "blocked": blocked,
        "applicant": make_user("applicant"),
        "visitor": None,
    }
    named = {}
    for who, viewer in people.items():
        cards = _cards(viewer)
        if "Verificado" in cards:
            named[who] = cards["Verificado"].verified_by_name
            assert cards["Sin verificar"].verified_by_name is None
            assert cards["Verificado"].visibility == ("members" if who == "organiser" else None)
    # Applicants and visitors do not see a members' listing at all.
    assert named == {"member": "Inés Verifica", "organiser": "Inés Verifica", "blocked": None}
    # Once the verifier is suspended, nobody is shown their name.
    User.objects.filter(pk=verifier.pk).update(state=User.State.SUSPENDED)
    assert _cards(people["member"])["Verificado"].verified_by_name is None


def test_no_services_no_cards_and_no_queries(make_user, django_assert_num_queries):
    member = make_user()
    with django_assert_num_queries(0):
        assert service_cards(member, [], now=now()) == []


def test_a_services_page_gives_its_hours_by_day():
    service = ServiceFactory(name="Con horario")
    ScheduleFactory(service=service, byday="MO, WE", opens_at=time(10), closes_at=time(14))
    place = ServiceAtLocationFactory(service=service)
    Schedule.objects.create(
        service_at_location=place,
        freq="MONTHLY",
        byday="2MO",
        opens_at=time(18),
        closes_at=time(20),
        description="El segundo lunes",
    )
    found = service_card_queryset(None, visible_services(None), detail=True).get(pk=service.pk)
    with translation.override("en"):
        detail = service_detail(None, found, now=now())
        (weekly,) = detail.hours
        assert weekly.days == ("MO", "WE")
        assert weekly.day_labels == ["Monday", "Wednesday"]
        assert (weekly.opens_at, weekly.closes_at) == (time(10), time(14))
        (located,) = detail.places
        (monthly,) = located.hours
        assert monthly.days == ("2MO",)
        assert monthly.day_labels == ["2MO"]
        assert monthly.description == "El segundo lunes"
