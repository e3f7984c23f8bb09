"""Film nights' pages, without JavaScript: adding a film, filtering the list, opening a poll,
voting and changing one's vote, counts without names, closing, and the film night."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.core.clock import now
from tejido.core.testing import FRAME_QUERIES
from tejido.gatherings.factories import (
    EventFactory,
    FilmFactory,
    HostFactory,
    OccurrenceFactory,
    PollFactory,
    PollOptionFactory,
    RsvpFactory,
)
from tejido.gatherings.models import Event, Film, Host, Poll, Rsvp, Vote
from tejido.groups.factories import GroupFactory, GroupMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    """These pages are read in English."""
    return UserFactory(language="en")


def test_a_member_adds_a_film_and_filters_the_list(member_client):
    empty = member_client.get(reverse("film_list"))
    assert "The list is empty" in empty.content.decode()
    response = member_client.post(
        reverse("film_list"),
        {
            "title": "Tangerine",
            "year": "2015",
            "original_language": "en",
            "subtitle_languages": ["es"],
            "runtime_minutes": "88",
            "representation": ["trans_lead", "qpoc"],
            "content_notes": "Violencia.",
        },
    )
    film = Film.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("film_detail", args=[film.pk])
    FilmFactory(title="Weekend", original_language="en", representation=["gay"])
    page = member_client.get(
        reverse("film_list"), {"representation": "trans_lead"}
    ).content.decode()
    assert "Tangerine" in page
    assert "Weekend" not in page
    page = member_client.get(reverse("film_list"), {"language": "es"}).content.decode()
    assert "Tangerine" in page
    assert "Weekend" not in page
    page = member_client.get(reverse("film_list"), {"language": "ar"}).content.decode()
    assert "No film on the list matches" in page
    assert member_client.get(reverse("film_list"), {"language": "??"}).status_code == 200
    detail = member_client.get(reverse("film_detail", args=[film.pk])).content.decode()
    assert "88" in detail
    assert "Correct the film" not in detail


def test_a_bad_film_gets_errors_and_changes_nothing(member_client):
    response = member_client.post(reverse("film_list"), {"title": "", "year": "12"})
    assert response.status_code == 400
    assert not Film.objects.exists()


def test_organisers_correct_and_remove_a_film(organiser_client, member_client):
    film = FilmFactory(title="Pariah")
    assert (
        member_client.post(reverse("film_detail", args=[film.pk]), {"title": "X"}).status_code
        == 404
    )
    assert member_client.post(reverse("film_remove", args=[film.pk])).status_code == 404
    response = organiser_client.post(
        reverse("film_detail", args=[film.pk]), {"title": "Pariah", "year": "2011"}
    )
    assert response.status_code == 302
    film.refresh_from_db()
    assert film.year == 2011
    assert (
        organiser_client.post(reverse("film_detail", args=[film.pk]), {"title": ""}).status_code
        == 400
    )
    assert organiser_client.post(reverse("film_remove", args=[film.pk])).status_code == 302
    assert not Film.objects.exists()


def test_a_host_runs_a_poll_from_opening_to_the_film_night(login):
    host, ana, bea = (
        OrganiserFactory(language="en"),
        UserFactory(language="en"),
        UserFactory(language="en"),
    )
    first, second = FilmFactory(title="Carol"), FilmFactory(title="Moonlight")
    host_client, ana_client, bea_client = login(host), login(ana), login(bea)
    assert "There are no polls yet" in ana_client.get(reverse("poll_list")).content.decode()
    closes = (now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = host_client.post(
        reverse("poll_new"),
        {"title_es": "¿Qué vemos?", "closes_at": closes, "films": [first.pk, second.pk]},
    )
    poll = Poll.objects.get()
    assert response["Location"] == reverse("poll_detail", args=[poll.pk])
    one, two = poll.options.order_by("pk")
    page = ana_client.get(reverse("poll_detail", args=[poll.pk])).content.decode()
    assert 'type="radio"' in page
    assert "votes" not in page.split("The films")[1].split("</form>")[0]
    ana_client.post(reverse("poll_vote", args=[poll.pk]), {"option": one.pk})
    bea_client.post(reverse("poll_vote", args=[poll.pk]), {"option": one.pk})
    # Bea changes her mind.
    bea_client.post(reverse("poll_vote", args=[poll.pk]), {"option": two.pk})
    assert Vote.objects.filter(poll=poll).count() == 2
    page = ana_client.get(reverse("poll_detail", args=[poll.pk])).content.decode()
    assert "1 vote" in page
    # Nobody sees who voted for what: neither voter's name is on the page, even for the host.
    for client in (ana_client, host_client):
        html = client.get(reverse("poll_detail", args=[poll.pk])).content.decode()
        assert ana.profile.chosen_name not in html
        assert bea.profile.chosen_name not in html
    bad = ana_client.post(reverse("poll_vote", args=[poll.pk]), {"option": "nope"})
    assert bad.status_code == 302
    third = FilmFactory(title="Happy Together")
    ana_client.post(reverse("poll_propose", args=[poll.pk]), {"film": third.pk})
    assert poll.options.count() == 3
    assert ana_client.post(reverse("poll_close", args=[poll.pk])).status_code == 404
    host_client.post(reverse("poll_close", args=[poll.pk]))
    # A tie: the film proposed first wins.
    page = bea_client.get(reverse("poll_detail", args=[poll.pk])).content.decode()
    assert "The winner" in page
    assert "Carol" in page.split("The winner")[1].split("</section>")[0]
    assert bea_client.get(reverse("poll_make_event", args=[poll.pk])).status_code == 404
    form = host_client.get(reverse("poll_make_event", args=[poll.pk]))
    assert form.status_code == 200
    day = (now() + timedelta(days=10)).date().isoformat()
    response = host_client.post(
        reverse("poll_make_event", args=[poll.pk]), {"day": day, "starts": "20:00", "ends": "00:30"}
    )
    event = Event.objects.get()
    occurrence = event.occurrences.get()
    assert response["Location"] == reverse("occurrence_detail", args=[occurrence.pk])
    assert (event.film, event.kind) == (first, Event.Kind.FILM_NIGHT)
    assert occurrence.ends_at - occurrence.starts_at == timedelta(hours=4, minutes=30)
    page = bea_client.get(reverse("poll_detail", args=[poll.pk])).content.decode()
    assert reverse("occurrence_detail", args=[occurrence.pk]) in page


def test_a_closed_poll_without_votes_says_so(member_client):
    poll = PollFactory(closes_at=now() - timedelta(hours=1))
    PollOptionFactory(poll=poll)
    page = member_client.get(reverse("poll_detail", args=[poll.pk])).content.decode()
    assert "Nobody voted in this poll" in page


def test_a_groups_poll_is_a_404_for_others_and_its_organiser_opens_one(login):
    group = GroupFactory()
    runs, outside = UserFactory(language="en"), UserFactory(language="en")
    GroupMembershipFactory(group=group, user=runs, role="organiser")
    poll = PollFactory(group=group)
    assert login(outside).get(reverse("poll_detail", args=[poll.pk])).status_code == 404
    assert login(outside).get(reverse("poll_detail", args=[999999])).status_code == 404
    assert login(outside).get(reverse("poll_new")).status_code == 404
    page = login(runs).get(reverse("poll_new"))
    assert page.status_code == 200
    assert "The whole network" not in page.content.decode()
    bad = login(runs).post(
        reverse("poll_new"), {"title_es": "x", "closes_at": "2000-01-01T10:00", "group": group.pk}
    )
    assert bad.status_code == 400


def test_the_event_page_part_shows_the_film():
    from django.template.loader import render_to_string

    film = FilmFactory(title="Pride", year=2014, runtime_minutes=120, representation=["gay"])
    occurrence = OccurrenceFactory(event=EventFactory(film=film))

    page = SimpleNamespace(occurrence=occurrence)
    with translation.override("en"):
        html = render_to_string("events/_film.html", {"page": page})
    assert "Gay story" in html
    assert "Pride" in html
    assert "2014" in html
    assert "120" in html
    none = SimpleNamespace(occurrence=OccurrenceFactory())
    assert render_to_string("events/_film.html", {"page": none}).strip() == ""


GUIDE = "¿Qué escena cambiarías? GUIDE-QUESTION"


def test_the_discussion_guide_is_for_hosts_and_after_the_screening_for_confirmed_attendees(
    login,
):
    """Hosts and facilitators read the questions at any time; a confirmed attendee once the
    film is over (its runtime after the start); someone waitlisted, or who only sees the
    event, never."""
    film = FilmFactory(title="Pride", runtime_minutes=95)
    event = EventFactory(kind=Event.Kind.FILM_NIGHT, film=film, discussion_guide=GUIDE)
    occurrence = OccurrenceFactory(event=event)
    people = {
        name: UserFactory(language="en")
        for name in ("host", "facilitator", "confirmed", "waitlisted", "other")
    }
    HostFactory(event=event, user=people["host"])
    HostFactory(event=event, user=people["facilitator"], role=Host.Role.FACILITATOR)
    RsvpFactory(occurrence=occurrence, user=people["confirmed"])
    RsvpFactory(occurrence=occurrence, user=people["waitlisted"], seat=Rsvp.Seat.WAITLISTED)
    url = reverse("occurrence_detail", args=[occurrence.pk])

    def who_sees() -> set[str]:
        shown = set()
        for name, person in people.items():
            response = login(person).get(url)
            assert response.status_code == 200
            html = response.content.decode()
            if "GUIDE-QUESTION" in html:
                assert "Discussion guide" in html
                shown.add(name)
            else:
                assert "Discussion guide" not in html
        return shown

    runs = {"host", "facilitator"}
    assert who_sees() == runs
    # During the screening: not yet.
    with time_machine.travel(occurrence.starts_at + timedelta(minutes=60), tick=False):
        assert who_sees() == runs
    # Once the film is over (before the evening ends).
    with time_machine.travel(occurrence.starts_at + timedelta(minutes=95), tick=False):
        assert who_sees() == runs | {"confirmed"}
    with time_machine.travel(occurrence.ends_at + timedelta(days=2), tick=False):
        assert who_sees() == runs | {"confirmed"}


def test_without_a_runtime_the_guide_waits_for_the_end(login):
    event = EventFactory(
        kind=Event.Kind.FILM_NIGHT,
        film=FilmFactory(runtime_minutes=None),
        discussion_guide=GUIDE,
    )
    occurrence = OccurrenceFactory(event=event)
    confirmed = RsvpFactory(occurrence=occurrence, user=UserFactory(language="en")).user
    url = reverse("occurrence_detail", args=[occurrence.pk])
    with time_machine.travel(occurrence.ends_at - timedelta(minutes=1), tick=False):
        assert "GUIDE-QUESTION" not in login(confirmed).get(url).content.decode()
    with time_machine.travel(occurrence.ends_at, tick=False):
        assert "GUIDE-QUESTION" in login(confirmed).get(url).content.decode()


@pytest.mark.parametrize("size", [2, 7])
def test_list_pages_cost_the_same_queries_whatever_their_length(size, login):
    member = UserFactory(language="en")
    for number in range(size):
        FilmFactory(representation=["gay"], subtitle_languages=["es"])
        poll = PollFactory(closes_at=now() + timedelta(days=number + 1) * (1 if number % 2 else -1))
        option = PollOptionFactory(poll=poll)
        Vote.objects.create(poll=poll, option=option, user=member)
    client = login(member)
    client.get(reverse("film_list"))
    expected = {"film_list": FRAME_QUERIES + 2, "poll_list": FRAME_QUERIES + 7}
    for name, queries in expected.items():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse(name)).status_code == 200
        assert len(captured) == queries, (name, [q["sql"] for q in captured])
