"""The demo network's calendar is alive, in both languages: a monthly potluck whose sheet is
half filled, a film night with its club's vote still open, an art workshop that is full with a
waitlist, a volunteering day with roles to take, and a past gathering whose attendance was
recorded; and the pages show them."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Sum
from django.test import Client
from django.urls import reverse

from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.demo import content
from tejido.gatherings.models import Event, Occurrence, Poll, Rsvp, Slot, Vote

pytestmark = pytest.mark.django_db


def _first(event: Event) -> Occurrence:
    occurrence = event.occurrences.order_by("starts_at").first()
    assert occurrence is not None
    return occurrence


def _one(**fields) -> Event:
    return Event.objects.get(**fields)


def test_the_calendar_is_alive_in_both_languages():
    call_command("seed_demo", stdout=StringIO())
    moment = now()
    events = Event.objects.exclude(visibility=Event.Visibility.CIRCLE)
    assert events.count() >= 6
    for event in events:
        assert event.title_es, event.pk
        assert event.title_en, event.pk
        assert event.title_es != event.title_en, event.title_es
        assert event.description_es
        assert event.description_en

    # The monthly potluck: a series, its next date's sheet half filled.
    potluck = _one(kind=Event.Kind.POTLUCK)
    assert potluck.recurrence.startswith("FREQ=MONTHLY")
    assert potluck.occurrences.filter(starts_at__gt=moment).count() >= 2
    slots = Slot.objects.filter(occurrence=_first(potluck)).annotate(claimed=Count("claims"))
    wanted = slots.aggregate(total=Sum("wanted"))["total"]
    claimed = sum(slot.claimed for slot in slots)
    assert 0 < claimed < wanted
    assert {"main", "dessert", "drinks", "tableware"} <= {slot.course for slot in slots}
    assert any(slot.claimed == slot.wanted for slot in slots)  # something covered
    assert any(slot.claimed == 0 for slot in slots)  # something nobody signed up for yet

    # The film night, with its guide, and the film club's vote still open.
    film_night = _one(kind=Event.Kind.FILM_NIGHT)
    assert film_night.discussion_guide
    assert film_night.starts_at > moment
    poll = Poll.objects.get(group=film_night.group)
    assert poll.closes_at > moment
    assert poll.event is None
    assert poll.options.count() >= 3
    votes = Vote.objects.filter(poll=poll)
    assert votes.count() >= 3
    assert votes.values("option").distinct().count() >= 2

    # The art workshop: every seat taken, people waiting.
    workshop = _one(kind=Event.Kind.ART_WORKSHOP)
    date = _first(workshop)
    seats = Rsvp.objects.filter(occurrence=date)
    assert workshop.capacity
    assert seats.filter(seat=Rsvp.Seat.CONFIRMED).count() == workshop.capacity
    assert seats.filter(seat=Rsvp.Seat.WAITLISTED).count() >= 2
    assert Slot.objects.filter(occurrence=date, course=Slot.Course.MATERIAL).exists()

    # The volunteering day, with roles to take.
    volunteering = _one(kind=Event.Kind.VOLUNTEERING)
    roles = Slot.objects.filter(occurrence=_first(volunteering), course=Slot.Course.ROLE)
    assert roles.count() >= 2
    assert roles.filter(claims__isnull=False).exists()

    # A past gathering, its attendance recorded: some came, some did not.
    past = Occurrence.objects.filter(event__in=events, ends_at__lt=moment).get()
    answers = Rsvp.objects.filter(occurrence=past)
    assert answers.filter(attended=True).exists()
    assert answers.filter(attended=False).exists()
    assert not answers.filter(attended__isnull=True).exists()

    # The pages: the list in each language, the potluck's sheet, the workshop's waitlist.
    member = User.objects.get(email=content.MEMBER_EMAIL)
    client = Client()
    client.force_login(member)
    for language in ("es", "en"):
        member.language = language
        member.save(update_fields=["language"])
        listing = client.get(reverse("event_list")).content.decode()
        for event in (potluck, film_night, workshop, volunteering):
            assert getattr(event, f"title_{language}") in listing, (language, event.kind)
        other = "en" if language == "es" else "es"
        assert getattr(potluck, f"title_{other}") not in listing
    page = client.get(reverse("occurrence_detail", args=[_first(potluck).pk])).content.decode()
    assert 'id="sheet"' in page
    assert "Still needed" in page
    page = client.get(reverse("occurrence_detail", args=[date.pk])).content.decode()
    assert "waitlist" in page
    mine = client.get(reverse("my_events"), {"past": "1"}).content.decode()
    assert past.event.title_en in mine
