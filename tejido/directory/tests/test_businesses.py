"""Welcoming businesses through the services on the real database: an organiser's visit is
recorded with who made it; the trans-specific notes and the directions in words are kept, with
their translations; opening hours are lines of days and times, checked as a service's are,
replaced as a whole, and read by the services' rule for "open now" in the network's time zone
(a night that runs past midnight too); the free-text hours a business had before are kept as
the note about its hours by the migration."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from tejido.access.business_cards import business_card_queryset, business_cards
from tejido.core.errors import InvalidInput, NotFound
from tejido.core.search import search_index_is_complete
from tejido.directory.business_selectors import (
    BUSINESS_SEARCH,
    business_for_edit,
    get_business,
)
from tejido.directory.business_services import save_business
from tejido.directory.errors import BadDays, BadHours
from tejido.directory.factories import BusinessFactory
from tejido.directory.history_selectors import listing_history
from tejido.directory.listing_services import Hours
from tejido.directory.models import Business, BusinessHours

pytestmark = pytest.mark.django_db

MADRID = ZoneInfo("Europe/Madrid")
# Tuesday 3 March 2026 in Madrid (UTC+1 in winter).
TUESDAY = date(2026, 3, 3)
SHOP = Hours(days=("TU", "WE", "TH", "FR", "SA"), opens_at=time(10), closes_at=time(20))
# A bar open from eight in the evening to two in the morning, Friday and Saturday nights.
NIGHTS = Hours(days=("FR", "SA"), opens_at=time(20), closes_at=time(2))


@pytest.fixture
def organiser(make_user):
    return make_user(role="organiser", profile__chosen_name="Ana Organiza")


def _madrid(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=MADRID)


def _card(viewer, business: Business, moment: datetime):
    found = business_card_queryset(Business.objects.filter(pk=business.pk))
    return business_cards(viewer, found, today=moment.date(), now=moment)[0]


def test_an_organisers_visit_is_recorded_with_who_made_it(organiser, make_user):
    business = save_business(actor=organiser, name="Peluquería Arcoíris")
    assert (business.visited_on, business.visited_by) == (None, None)
    assert _card(None, business, _madrid(TUESDAY, 11)).visited is False

    business = save_business(actor=organiser, business_id=business.pk, visited_on=date(2026, 2, 20))
    business.refresh_from_db()
    assert (business.visited_on, business.visited_by) == (date(2026, 2, 20), organiser)
    assert _card(None, business, _madrid(TUESDAY, 11)).visited is True

    # Another organiser's edit of something else leaves the visit as it was.
    other = make_user(role="organiser")
    save_business(actor=other, business_id=business.pk, phone="910 000 000")
    business.refresh_from_db()
    assert business.visited_by == organiser
    # Their own visit, on another day, is theirs.
    save_business(actor=other, business_id=business.pk, visited_on=date(2026, 3, 1))
    business.refresh_from_db()
    assert (business.visited_on, business.visited_by) == (date(2026, 3, 1), other)

    # A member records no visit.
    with pytest.raises(NotFound):
        save_business(actor=make_user(), business_id=business.pk, visited_on=date(2026, 3, 2))
    business.refresh_from_db()
    assert business.visited_on == date(2026, 3, 1)


def test_the_trans_notes_and_directions_are_kept_with_their_translations(organiser):
    business = save_business(
        actor=organiser,
        name="Ropa Trenza",
        fitting_rooms="Probadores individuales sin género.",
        fitting_rooms_en="Single, gender-neutral fitting rooms.",
        names_used="Usan el nombre que das.",
        staff_trained="Todo el equipo hizo el taller de la red.",
        staff_trained_en="The whole team took the network's workshop.",
        directions="Metro Tribunal, salida 1; la puerta verde.",
        directions_en="Tribunal metro, exit 1; the green door.",
        hours_note="Cerrado en agosto.",
        hours_note_en="Closed in August.",
    )
    moment = _madrid(TUESDAY, 11)
    card = _card(None, business, moment)
    assert card.fitting_rooms == "Probadores individuales sin género."
    assert card.staff_trained == "Todo el equipo hizo el taller de la red."
    assert card.directions == "Metro Tribunal, salida 1; la puerta verde."
    assert card.hours_note == "Cerrado en agosto."
    with translation.override("en"):
        card = _card(None, business, moment)
    assert card.fitting_rooms == "Single, gender-neutral fitting rooms."
    assert card.staff_trained == "The whole team took the network's workshop."
    assert card.names_used == "Usan el nombre que das."  # no translation: as written
    assert card.directions == "Tribunal metro, exit 1; the green door."
    assert card.hours_note == "Closed in August."
    values = business_for_edit(viewer=organiser, business_id=business.pk)
    assert values["directions_en"] == "Tribunal metro, exit 1; the green door."
    assert values["hours_note"] == "Cerrado en agosto."


def test_opening_hours_are_lines_read_as_a_services_schedule(organiser):
    business = save_business(actor=organiser, name="Bar La Noche", hours=[SHOP, NIGHTS])
    lines = list(business.hours.values_list("byday", "opens_at", "closes_at"))
    assert lines == [("TU,WE,TH,FR,SA", time(10), time(20)), ("FR,SA", time(20), time(2))]
    friday, saturday, sunday = (date(2026, 3, day) for day in (6, 7, 8))
    expected = {
        _madrid(TUESDAY, 9, 59): False,
        _madrid(TUESDAY, 10): True,
        _madrid(TUESDAY, 19, 59): True,
        _madrid(TUESDAY, 20): False,  # Tuesday has no night line
        _madrid(date(2026, 3, 2), 12): False,  # nor any line on Monday
        _madrid(friday, 23): True,
        _madrid(saturday, 1, 30): True,  # Friday night, past midnight
        _madrid(sunday, 1, 59): True,  # Saturday night
        _madrid(sunday, 2): False,
        _madrid(sunday, 12): False,
    }
    for moment, open_now in expected.items():
        assert _card(None, business, moment).open_now is open_now, moment
    # Hours are wall-clock times in Madrid, whatever the moment's own zone: 9:30 UTC in winter
    # is 10:30 there.
    utc = datetime(2026, 3, 3, 9, 30, tzinfo=ZoneInfo("UTC"))
    assert _card(None, business, utc).open_now is True
    # In summer Madrid is UTC+2: 8:30 UTC is 10:30 there.
    assert _card(None, business, datetime(2026, 7, 7, 8, 30, tzinfo=ZoneInfo("UTC"))).open_now
    with translation.override("en"):
        card = _card(None, business, _madrid(TUESDAY, 11))
        assert [line.day_labels for line in card.hours][1] == ["Friday", "Saturday"]
    # Without lines there is nothing to go by: neither open nor closed.
    assert _card(None, BusinessFactory(), _madrid(TUESDAY, 11)).open_now is None


def test_the_page_says_open_now_by_the_clock(organiser):
    business = save_business(
        actor=organiser, name="Café Tertulia", visibility="public", hours=[SHOP]
    )
    with time_machine.travel(_madrid(TUESDAY, 12), tick=False):
        assert get_business(viewer=None, business_id=business.pk).card.open_now is True
    with time_machine.travel(_madrid(TUESDAY, 21), tick=False):
        assert get_business(viewer=None, business_id=business.pk).card.open_now is False


def test_hours_are_replaced_as_a_whole_and_checked_as_a_services(organiser):
    business = save_business(actor=organiser, name="Gimnasio Libre", hours=[SHOP, NIGHTS])
    empty = Hours(days=(), opens_at=None, closes_at=None)
    save_business(actor=organiser, business_id=business.pk, hours=[NIGHTS, empty])
    assert list(business.hours.values_list("byday", flat=True)) == ["FR,SA"]
    # Leaving them out of a change leaves them as they are.
    save_business(actor=organiser, business_id=business.pk, phone="910 000 001")
    assert business.hours.count() == 1
    for bad, error in (
        (Hours(days=("MO",), opens_at=time(9), closes_at=None), BadHours),
        (Hours(days=(), opens_at=time(9), closes_at=time(14)), BadDays),
        (Hours(days=("XX",), opens_at=time(9), closes_at=time(14)), BadDays),
    ):
        with pytest.raises(error) as raised:
            save_business(
                actor=organiser, business_id=business.pk, name="Otro nombre", hours=[SHOP, bad]
            )
        assert isinstance(raised.value, InvalidInput)
        assert "hours" in raised.value.detail
    # Nothing was written by a change with bad hours.
    business.refresh_from_db()
    assert business.name == "Gimnasio Libre"
    assert list(business.hours.values_list("byday", flat=True)) == ["FR,SA"]
    # All of them can go.
    save_business(actor=organiser, business_id=business.pk, hours=[])
    assert not BusinessHours.objects.filter(business=business).exists()


def test_the_history_names_a_change_of_hours(organiser):
    business = save_business(actor=organiser, name="Farmacia del Puente", hours=[SHOP])
    save_business(actor=organiser, business_id=business.pk, hours=[SHOP])  # the same: no change
    save_business(actor=organiser, business_id=business.pk, hours=[NIGHTS], directions="Ahí")
    with translation.override("en"):
        history = listing_history(viewer=organiser, kind="business", listing_id=business.pk)
    assert history[0].changed == ["Directions in words", "Opening hours"]
    assert history[1].changed == []


def test_the_edit_form_starts_from_the_hours(organiser):
    business = save_business(actor=organiser, name="Librería Trenza", hours=[SHOP, NIGHTS])
    values = business_for_edit(viewer=organiser, business_id=business.pk)
    assert values["hours"] == [
        {"days": ["TU", "WE", "TH", "FR", "SA"], "opens_at": time(10), "closes_at": time(20)},
        {"days": ["FR", "SA"], "opens_at": time(20), "closes_at": time(2)},
    ]


BEFORE = [("directory", "0004_business_standing_note")]


@pytest.mark.django_db(transaction=True)
def test_the_free_text_hours_a_business_had_are_kept_as_its_note():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("directory", "Business")
    written = old.objects.create(
        name="Peluquería Antigua",
        opening_hours="De martes a sábado, de 10:00 a 20:00",
        translations={"en": {"opening_hours": "Tuesday to Saturday, 10 to 8", "name": "Old"}},
    )
    bare = old.objects.create(name="Sin horario")

    executor = MigrationExecutor(connection)
    # Every app's newest migration: later tests find the schema they expect.
    executor.migrate(executor.loader.graph.leaf_nodes())

    business = Business.objects.get(pk=written.pk)
    assert business.hours_note == "De martes a sábado, de 10:00 a 20:00"
    assert business.translations == {
        "en": {"hours_note": "Tuesday to Saturday, 10 to 8", "name": "Old"}
    }
    assert not business.hours.exists()
    assert Business.objects.get(pk=bare.pk).hours_note == ""
    assert search_index_is_complete(BUSINESS_SEARCH)
