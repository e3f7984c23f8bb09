"""A film night's discussion guide in one date's answer (present only while the viewer may read
it, as on the page), and the upcoming list without the gatherings that carry content notes."""

import json
from datetime import timedelta

import pytest
import time_machine

from tejido.accounts.factories import UserFactory
from tejido.gatherings.factories import (
    EventFactory,
    FilmFactory,
    HostFactory,
    OccurrenceFactory,
    RsvpFactory,
)
from tejido.gatherings.models import Event, Host, Rsvp

pytestmark = pytest.mark.django_db

GUIDE = "1. What would you change? GUIDE-QUESTION"


def _body(response):
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def test_the_guide_is_in_the_answer_only_while_one_may_read_it(api):
    event = EventFactory(
        kind=Event.Kind.FILM_NIGHT,
        film=FilmFactory(runtime_minutes=90),
        discussion_guide=GUIDE,
    )
    occurrence = OccurrenceFactory(event=event)
    people = {name: UserFactory() for name in ("host", "facilitator", "confirmed", "waitlisted")}
    people["other"] = UserFactory()
    HostFactory(event=event, user=people["host"])
    HostFactory(event=event, user=people["facilitator"], role=Host.Role.FACILITATOR)
    RsvpFactory(occurrence=occurrence, user=people["confirmed"])
    RsvpFactory(occurrence=occurrence, user=people["waitlisted"], seat=Rsvp.Seat.WAITLISTED)
    clients = {name: api(person) for name, person in people.items()}

    def who_reads() -> set[str]:
        readers = set()
        for name, client in clients.items():
            response = client.get(f"/occurrences/{occurrence.pk}")
            body = _body(response)
            if "discussion_guide" in body:
                assert body["discussion_guide"] == GUIDE
                readers.add(name)
            else:
                assert "GUIDE-QUESTION" not in response.content.decode()
        return readers

    runs = {"host", "facilitator"}
    assert who_reads() == runs
    with time_machine.travel(occurrence.starts_at + timedelta(minutes=89), tick=False):
        assert who_reads() == runs
    with time_machine.travel(occurrence.starts_at + timedelta(minutes=90), tick=False):
        assert who_reads() == runs | {"confirmed"}


def test_a_gathering_without_a_guide_has_no_guide_key(api):
    occurrence = OccurrenceFactory()
    host = HostFactory(event=occurrence.event).user
    assert "discussion_guide" not in _body(api(host).get(f"/occurrences/{occurrence.pk}"))


def test_the_list_leaves_out_gatherings_with_content_notes_when_asked(api, member):
    quiet = OccurrenceFactory(event=EventFactory())
    OccurrenceFactory(event=EventFactory(content_notes="Violence."))
    OccurrenceFactory(
        event=EventFactory(kind="film_night", film=FilmFactory(content_notes="Grief."))
    )
    gentle = OccurrenceFactory(event=EventFactory(kind="film_night", film=FilmFactory()))
    client = api(member)

    def ids(query: str) -> set[int]:
        return {item["id"] for item in _body(client.get(f"/events?{query}"))["items"]}

    assert len(ids("")) == 4
    assert ids("without_content_notes=false") == ids("")
    assert ids("without_content_notes=true") == {quiet.pk, gentle.pk}
    assert ids("without_content_notes=true&kind=film_night") == {gentle.pk}
    response = client.get("/events?without_content_notes=maybe")
    assert response.status_code == 422


def test_the_filter_is_in_the_openapi_document(api):
    schema = json.loads(api(None).get("/openapi.json").content)
    names = {p["name"] for p in schema["paths"]["/api/v1/events"]["get"]["parameters"]}
    assert "without_content_notes" in names
    detail = schema["components"]["schemas"]["OccurrenceDetailOut"]["properties"]
    assert "discussion_guide" in detail
