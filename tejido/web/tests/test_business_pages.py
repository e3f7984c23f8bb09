"""A welcoming business's page and the organisers' form for it: the page says whether
organisers visited it and what to expect (fitting rooms, names, staff training), how to get
there in words, and its opening hours with "Open now" by the network's clock; the organiser
gives the hours as lines of days and times (bad ones are told on the form), and the form
starts from what the business has."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tejido.directory.business_services import save_business
from tejido.directory.factories import BusinessFactory
from tejido.directory.listing_services import Hours
from tejido.directory.models import Business

pytestmark = pytest.mark.django_db

# Tuesday 3 March 2026, in Madrid.
TUESDAY_NOON = datetime(2026, 3, 3, 12, 0, tzinfo=ZoneInfo("Europe/Madrid"))
MONDAY_NOON = datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo("Europe/Madrid"))


def _html(client, name, *args, status=200):
    response = client.get(reverse(name, args=args))
    assert response.status_code == status, response.content[:300]
    return response.content.decode()


@pytest.fixture
def organiser(make_user):
    return make_user(role="organiser", language="en", profile__chosen_name="Ana Organiza")


def test_the_page_says_whether_organisers_visited(client, login, organiser, make_user):
    business = BusinessFactory(name="Peluquería Arcoíris")
    member = login(make_user(language="en"))
    html = _html(member, "directory_business", business.pk)
    assert "Organisers have not visited it yet." in html
    assert "Organisers visited it." not in html

    organising = login(organiser)
    response = organising.post(
        reverse("directory_business_edit", args=[business.pk]),
        {
            "name": "Peluquería Arcoíris",
            "kind": "hair",
            "visibility": "public",
            "visited_on": "2026-02-20",
        },
    )
    assert response.status_code == 302, response.content[:500]
    business.refresh_from_db()
    assert business.visited_on == date(2026, 2, 20)
    assert business.visited_by == organiser
    html = _html(member, "directory_business", business.pk)
    assert "Organisers visited it." in html
    # Who visited is for organisers' records, not on the page.
    assert "Ana Organiza" not in html
    assert "Visited by organisers" in _html(member, "directory_businesses")
    # A visitor reads it too, in Spanish.
    assert "La organización lo visitó." in _html(client, "directory_business", business.pk)


def test_the_page_shows_what_to_expect(login, make_user):
    business = BusinessFactory(
        name="Ropa Trenza",
        fitting_rooms="Probadores individuales sin género.",
        staff_trained="Todo el equipo hizo el taller de la red.",
        translations={"en": {"fitting_rooms": "Single, gender-neutral fitting rooms."}},
    )
    html = _html(login(make_user(language="en")), "directory_business", business.pk)
    assert "Fitting rooms and toilets" in html
    assert "Single, gender-neutral fitting rooms." in html
    assert "Staff training" in html
    assert "Todo el equipo hizo el taller de la red." in html
    # Names and pronouns were not given.
    assert "Not said yet." in html
    spanish = _html(login(make_user(language="es")), "directory_business", business.pk)
    assert "Probadores individuales sin género." in spanish


def test_directions_and_hours_with_open_now(client, login, organiser):
    business = save_business(
        actor=organiser,
        name="Café Tertulia",
        visibility="public",
        directions="Metro Chueca; la puerta verde del patio.",
        directions_en="Chueca metro; the green door in the courtyard.",
        hours_note="Cerrado en agosto.",
        hours=[Hours(days=("TU", "WE"), opens_at=time(10), closes_at=time(20))],
    )
    with time_machine.travel(TUESDAY_NOON, tick=False):
        html = _html(client, "directory_business", business.pk)
        listed = _html(client, "directory_businesses")
    assert "Metro Chueca; la puerta verde del patio." in html
    assert "Cómo llegar" in html
    assert "martes, miércoles" in html
    assert "Cerrado en agosto." in html
    assert "Abierto ahora" in html
    assert "Abierto ahora" in listed
    with time_machine.travel(MONDAY_NOON, tick=False):
        english = _html(login(organiser), "directory_business", business.pk)
    assert "Chueca metro; the green door in the courtyard." in english
    assert "Tuesday, Wednesday" in english
    assert "Closed now" in english
    assert "Open now" not in english
    # A business without hours says neither.
    bare = BusinessFactory(name="Sin horario")
    html = _html(client, "directory_business", bare.pk)
    assert "Abierto ahora" not in html
    assert "Cerrado ahora" not in html


def _form(**changes):
    return {
        "name": "Bar La Noche",
        "kind": "cafe",
        "visibility": "members",
        "directions": "Bajando la cuesta, a la izquierda.",
        "days_1": ["FR", "SA"],
        "opens_1": "20:00",
        "closes_1": "02:00",
        "days_2": ["SU"],
        "opens_2": "12:00",
        "closes_2": "16:00",
        "hours_note": "En agosto, solo los viernes.",
        **changes,
    }


def test_the_organiser_gives_the_hours_as_lines(login, organiser):
    client = login(organiser)
    new = client.get(reverse("directory_business_new")).content.decode()
    assert "Days (opening hours 1)" in new
    assert "How to get there, in words" in new
    response = client.post(reverse("directory_business_new"), _form())
    assert response.status_code == 302, response.content[:500]
    business = Business.objects.get()
    assert list(business.hours.values_list("byday", "opens_at", "closes_at")) == [
        ("FR,SA", time(20), time(2)),
        ("SU", time(12), time(16)),
    ]
    assert business.directions == "Bajando la cuesta, a la izquierda."
    assert business.hours_note == "En agosto, solo los viernes."

    # The form starts from what it has.
    form = _html(client, "directory_business_edit", business.pk)
    assert 'name="opens_1" value="20:00"' in form
    assert 'name="closes_2" value="16:00"' in form
    assert 'value="FR" id="id_days_1_4" checked' in form
    assert "Bajando la cuesta, a la izquierda." in form
    # The history names what changed.
    response = client.post(
        reverse("directory_business_edit", args=[business.pk]),
        _form(days_2=[], opens_2="", closes_2=""),
    )
    assert response.status_code == 302
    assert list(business.hours.values_list("byday", flat=True)) == ["FR,SA"]
    assert "Changed: Opening hours" in _html(client, "directory_business_edit", business.pk)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"closes_1": ""}, "Give both the opening and the closing time, as HH:MM."),
        ({"days_1": []}, "Choose the days it is open."),
    ],
)
def test_bad_hours_are_told_on_the_form_and_nothing_is_saved(login, organiser, bad, message):
    client = login(organiser)
    response = client.post(reverse("directory_business_new"), _form(**bad))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Business.objects.exists()
