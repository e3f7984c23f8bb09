"""Calendar files over HTTP: one date and a series for members who see the event, the private
feed at its secret address (no login), and the page where a member makes, renews or revokes
it. Every file is read back with vobject, an independent parser."""

from datetime import timedelta

import pytest
import time_machine
import vobject
from django.test import Client
from django.urls import reverse

from tejido.accounts.factories import ApplicantFactory, UserFactory
from tejido.accounts.models import User
from tejido.gatherings.calendar_services import create_or_renew_feed
from tejido.gatherings.factories import EventFactory, OccurrenceFactory, RsvpFactory
from tejido.gatherings.models import AddressView, CalendarFeed, Rsvp
from tejido.groups.factories import GroupFactory
from tejido.network.models import NetworkSettings

pytestmark = pytest.mark.django_db

ADDRESS = "Calle del Marcador 77"
PASSWORD = "correct horse battery staple"  # the factories' password


def _events(response) -> list:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert "noindex" in response["X-Robots-Tag"]
    (calendar,) = list(vobject.readComponents(response.content.decode("utf-8")))
    events = list(getattr(calendar, "vevent_list", []))
    assert all(e.getChildValue("class") == "PRIVATE" for e in events)
    return events


def _fresh_login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302, response.content
    return client


def _secret_in(page: str) -> str:
    marker = 'id="feed-address" value="'
    start = page.index(marker) + len(marker)
    address = page[start : page.index('"', start)]
    return address.rsplit("/", 1)[1].removesuffix(".ics")


def test_urls():
    assert reverse("occurrence_calendar", args=[3]) == "/events/3/calendar.ics"
    assert reverse("series_calendar", args=[3]) == "/events/3/series.ics"
    assert reverse("calendar_feed", args=["abc"]) == "/calendar/abc.ics"
    assert reverse("calendar_feed_settings") == "/me/calendar/"


def test_a_date_downloads_with_the_place_only_when_shown(login):
    occurrence = OccurrenceFactory(event=EventFactory(address=ADDRESS, reveal_hours=24))
    confirmed = RsvpFactory(occurrence=occurrence).user
    other = UserFactory()
    url = reverse("occurrence_calendar", args=[occurrence.pk])
    with time_machine.travel(occurrence.starts_at - timedelta(hours=30), tick=False):
        (event,) = _events(login(confirmed).get(url))
        assert not hasattr(event, "location")
    with time_machine.travel(occurrence.starts_at - timedelta(hours=2), tick=False):
        (event,) = _events(login(other).get(url))
        assert not hasattr(event, "location")
        assert not AddressView.objects.exists()
        (event,) = _events(login(confirmed).get(url))
        assert event.location.value == ADDRESS
    # Being shown the place in a file counts as being shown it.
    assert AddressView.objects.filter(occurrence=occurrence, user=confirmed).exists()
    assert 'filename="calendar.ics"' in login(confirmed).get(url)["Content-Disposition"]


def test_a_hidden_or_missing_date_is_the_404_page(login, assert_same_answer):
    hidden = OccurrenceFactory(event=EventFactory(group=GroupFactory(), visibility="group"))
    client = login(UserFactory())
    for name in ("occurrence_calendar", "series_calendar"):
        forbidden = client.get(reverse(name, args=[hidden.pk]))
        missing = client.get(reverse(name, args=[999_999]))
        assert forbidden.status_code == missing.status_code == 404
        assert_same_answer(forbidden, missing)


def test_visitors_log_in_and_applicants_get_404(login):
    occurrence = OccurrenceFactory()
    url = reverse("occurrence_calendar", args=[occurrence.pk])
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert login(ApplicantFactory()).get(url).status_code == 404


def test_the_series_file_holds_the_dates_to_come(login):
    event = EventFactory(recurrence="FREQ=WEEKLY")
    dates = [
        OccurrenceFactory(
            event=event,
            starts_at=event.starts_at + timedelta(weeks=n),
            ends_at=event.ends_at + timedelta(weeks=n),
        )
        for n in range(3)
    ]
    events = _events(login(UserFactory()).get(reverse("series_calendar", args=[dates[1].pk])))
    assert [e.dtstart.value for e in events] == [d.starts_at for d in dates]


def test_making_the_feed_shows_its_address_once_and_it_works_without_login():
    member = UserFactory(language="en")
    occurrence = RsvpFactory(user=member, occurrence__event__address=ADDRESS).occurrence
    client = _fresh_login(member)
    page = client.get(reverse("calendar_feed_settings"))
    assert b"You have no calendar feed" in page.content
    made = client.post(reverse("calendar_feed_settings"), {"create": "1"})
    assert made.status_code == 200
    secret = _secret_in(made.content.decode())
    assert CalendarFeed.objects.get(user=member).digest != secret
    # Shown once: the page afterwards says a feed exists, not its address.
    again = client.get(reverse("calendar_feed_settings"))
    assert secret.encode() not in again.content
    assert b"Stop the feed" in again.content
    feed_url = reverse("calendar_feed", args=[secret])
    (event,) = _events(Client().get(feed_url))
    assert event.summary.value == occurrence.event.title_en
    calendar = next(vobject.readComponents(Client().get(feed_url).content.decode()))
    assert calendar.getChildValue("x_wr_calname") == NetworkSettings.current().name
    # Too early for the place.
    assert not hasattr(event, "location")
    with time_machine.travel(occurrence.starts_at - timedelta(hours=1), tick=False):
        (event,) = _events(Client().get(feed_url))
        assert event.location.value == ADDRESS
    assert AddressView.objects.filter(occurrence=occurrence, user=member).exists()


def test_a_renewed_feed_makes_the_old_address_404_and_a_revoked_one_too():
    member = UserFactory()
    RsvpFactory(user=member)
    old = create_or_renew_feed(actor=member)
    client = _fresh_login(member)
    renewed = client.post(reverse("calendar_feed_settings"), {"create": "1"})
    new = _secret_in(renewed.content.decode())
    assert Client().get(reverse("calendar_feed", args=[old])).status_code == 404
    _events(Client().get(reverse("calendar_feed", args=[new])))
    revoked = client.post(reverse("calendar_feed_settings"), {"revoke": "1"})
    assert revoked.status_code == 302
    assert not CalendarFeed.objects.filter(user=member).exists()
    assert Client().get(reverse("calendar_feed", args=[new])).status_code == 404


def test_making_a_feed_asks_for_a_recent_login(member_client, member):
    response = member_client.post(reverse("calendar_feed_settings"), {"create": "1"})
    assert response.status_code == 302
    assert reverse("account_reauthenticate") in response["Location"]
    assert not CalendarFeed.objects.filter(user=member).exists()


@pytest.mark.parametrize("state", [User.State.SUSPENDED, User.State.REMOVED])
def test_the_feed_of_a_member_no_longer_in_good_standing_is_404(state, assert_same_answer):
    member = UserFactory()
    RsvpFactory(user=member)
    secret = create_or_renew_feed(actor=member)
    assert Client().get(reverse("calendar_feed", args=[secret])).status_code == 200
    User.objects.filter(pk=member.pk).update(state=state)
    stopped = Client().get(reverse("calendar_feed", args=[secret]))
    wrong = Client().get(reverse("calendar_feed", args=["not-a-secret"]))
    assert stopped.status_code == wrong.status_code == 404
    assert_same_answer(stopped, wrong)


def test_the_feed_in_discreet_mode_names_nothing(translations):
    network = NetworkSettings.current()
    network.name = "Red Marcador"
    network.save()
    member = UserFactory(discreet_mode=True, language="es")
    occurrence = RsvpFactory(
        user=member,
        occurrence__event__title_es="Noche de cine queer",
        occurrence__event__title_en="Queer film night",
    ).occurrence
    secret = create_or_renew_feed(actor=member)
    response = Client().get(reverse("calendar_feed", args=[secret]))
    (event,) = _events(response)
    assert event.summary.value == "Cita"
    for word in (b"Red Marcador", b"cine queer", b"Queer film", b"Tejido", b"tejido"):
        assert word not in response.content, word
    assert occurrence.event.title_es.encode() not in response.content


def test_the_feed_is_as_its_member_sees_it_whoever_fetches_it(login):
    member = UserFactory()
    seat = RsvpFactory(user=member, seat=Rsvp.Seat.WAITLISTED, occurrence__event__address=ADDRESS)
    secret = create_or_renew_feed(actor=member)
    organiser_client = login(UserFactory(is_organiser=True))
    with time_machine.travel(seat.occurrence.starts_at - timedelta(hours=1), tick=False):
        response = organiser_client.get(reverse("calendar_feed", args=[secret]))
    (event,) = _events(response)
    assert not hasattr(event, "location")


def test_the_occurrence_page_part_links_to_the_files():
    from django.template.loader import render_to_string

    from tejido.gatherings.selectors import get_occurrence_page

    member = UserFactory()
    event = EventFactory(recurrence="FREQ=MONTHLY")
    occurrence = OccurrenceFactory(event=event)
    page = get_occurrence_page(viewer=member, occurrence_id=occurrence.pk)
    html = render_to_string("events/_calendar_links.html", {"page": page})
    assert reverse("occurrence_calendar", args=[occurrence.pk]) in html
    assert reverse("series_calendar", args=[occurrence.pk]) in html
    assert reverse("calendar_feed_settings") in html
    once = OccurrenceFactory()
    page = get_occurrence_page(viewer=member, occurrence_id=once.pk)
    html = render_to_string("events/_calendar_links.html", {"page": page})
    assert reverse("series_calendar", args=[once.pk]) not in html


def test_settings_link_to_the_feed_page(member_client):
    response = member_client.get(reverse("settings_edit"))
    assert reverse("calendar_feed_settings").encode() in response.content


def test_the_feed_page_and_files_speak_spanish(translations, login):
    member = UserFactory(language="es")
    page = login(member).get(reverse("calendar_feed_settings"))
    assert b"Calendario suscrito" in page.content
    assert "No tienes ningún calendario suscrito".encode() in page.content
    from tejido.network.factories import AreaFactory

    rsvp = RsvpFactory(user=member, occurrence__event__area=AreaFactory(name="Lavapiés"))
    secret = create_or_renew_feed(actor=member)
    (event,) = _events(Client().get(reverse("calendar_feed", args=[secret])))
    assert "Zona: Lavapiés" in event.description.value
    assert event.summary.value == rsvp.occurrence.event.title_es


def test_the_feed_costs_the_same_queries_for_two_dates_or_eight():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost(n: int) -> int:
        member = UserFactory()
        for _ in range(n):
            RsvpFactory(user=member, occurrence__event__group=GroupFactory())
        secret = create_or_renew_feed(actor=member)
        client = Client()
        with CaptureQueriesContext(connection) as queries:
            assert len(_events(client.get(reverse("calendar_feed", args=[secret])))) == n
        return len(queries)

    cost(1)  # the network's settings, cached once
    assert cost(2) == cost(8)
