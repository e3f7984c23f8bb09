"""Changing one date of a gathering through the JSON API, or a date and those after it: for
those who run it only (anyone else, and a date that does not exist, the same 404), bad input a
4xx that changes nothing."""

import json
from datetime import timedelta

import pytest

from tejido.accounts.factories import UserFactory
from tejido.api.tests.conftest import assert_error
from tejido.core.clock import now
from tejido.gatherings.event_services import create_event
from tejido.gatherings.factories import HostFactory, RsvpFactory
from tejido.gatherings.models import Event, Occurrence, Rsvp

pytestmark = pytest.mark.django_db


def _series(organiser, *, count=4):
    starts = now().replace(microsecond=0) + timedelta(days=3)
    event = create_event(
        actor=organiser,
        title_es="Cine de los jueves",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        repeats="weekly",
        repeat_count=count,
        capacity=10,
    )
    return event, list(event.occurrences.order_by("starts_at"))


def _iso(moment):
    return moment.isoformat()


def _state(event):
    """What a refused change must leave as it was."""
    return (
        list(Event.objects.values_list("pk", "title_es", "recurrence", "capacity").order_by("pk")),
        list(
            Occurrence.objects.filter(event__in=Event.objects.all())
            .values_list("pk", "event", "starts_at", "ends_at")
            .order_by("pk")
        ),
    )


def test_a_host_moves_one_date_and_the_rest_stay(api, organiser):
    event, dates = _series(organiser)
    host = UserFactory()
    HostFactory(event=event, user=host)
    going = RsvpFactory(occurrence=dates[1], user=UserFactory())
    starts = dates[1].starts_at + timedelta(hours=1)
    response = api(host).patch(
        f"/occurrences/{dates[1].pk}",
        {"starts_at": _iso(starts), "ends_at": _iso(starts + timedelta(hours=3))},
    )
    assert response.status_code == 200, response.content
    body = json.loads(response.content)
    assert (body["id"], body["event_id"]) == (dates[1].pk, event.pk)
    assert "address" not in body
    moved = Occurrence.objects.get(pk=dates[1].pk)
    assert (moved.starts_at, moved.ends_at) == (starts, starts + timedelta(hours=3))
    assert Rsvp.objects.get(pk=going.pk).occurrence_id == moved.pk
    for other in (dates[0], dates[2], dates[3]):
        assert Occurrence.objects.get(pk=other.pk).starts_at == other.starts_at


def test_a_time_left_out_stays(api, organiser):
    _event, dates = _series(organiser)
    later_end = dates[0].ends_at + timedelta(minutes=30)
    body = api(organiser).patch(f"/occurrences/{dates[0].pk}", {"ends_at": _iso(later_end)}).json()
    moved = Occurrence.objects.get(pk=dates[0].pk)
    assert (moved.starts_at, moved.ends_at) == (dates[0].starts_at, later_end)
    assert body["id"] == dates[0].pk


def test_only_those_who_run_it_move_a_date(api, organiser):
    event, dates = _series(organiser)
    attendee = UserFactory()
    RsvpFactory(occurrence=dates[0], user=attendee)
    before = _state(event)
    change = {"starts_at": _iso(dates[0].starts_at + timedelta(hours=1))}
    for person in (attendee, UserFactory()):
        client = api(person)
        refused = assert_error(
            client.patch(f"/occurrences/{dates[0].pk}", change), 404, "not_found"
        )
        missing = assert_error(client.patch("/occurrences/999999", change), 404, "not_found")
        assert refused == missing
    assert _state(event) == before


def test_moving_a_date_checks_its_input(api, organiser):
    event, dates = _series(organiser)
    client = api(organiser)
    path = f"/occurrences/{dates[0].pk}"
    before = _state(event)
    backwards = client.patch(path, {"ends_at": _iso(dates[0].starts_at - timedelta(hours=1))})
    assert_error(backwards, 400, "bad_dates")
    far = assert_error(
        client.patch(path, {"starts_at": "9999-12-31T23:00:00+00:00"}), 400, "invalid"
    )
    assert "starts_at" in far["detail"]
    assert_error(client.patch(path, {"starts_at": "2030-05-10T19:30:00"}), 422, "invalid")
    assert_error(client.patch(path, {"title_es": "x"}), 422, "invalid")
    assert_error(client.patch(path, "[]"), 400, "malformed")
    assert _state(event) == before


def test_this_date_and_the_following_ones_become_a_new_series(api, organiser):
    event, dates = _series(organiser)
    host = UserFactory()
    HostFactory(event=event, user=host)
    going = RsvpFactory(occurrence=dates[2], user=UserFactory())
    response = api(host).patch(
        f"/occurrences/{dates[2].pk}/following", {"title_es": "Cine de verano", "capacity": None}
    )
    assert response.status_code == 200, response.content
    body = json.loads(response.content)
    assert body["id"] != event.pk
    assert (body["title_es"], body["capacity"], body["repeats"] != "") == (
        "Cine de verano",
        None,
        True,
    )
    assert body["next_occurrence_id"] == dates[2].pk
    new = Event.objects.get(pk=body["id"])
    assert list(new.occurrences.order_by("starts_at").values_list("pk", flat=True)) == [
        dates[2].pk,
        dates[3].pk,
    ]
    assert Rsvp.objects.get(pk=going.pk).occurrence.event_id == new.pk
    old = Event.objects.get(pk=event.pk)
    assert (old.title_es, old.capacity) == ("Cine de los jueves", 10)
    assert list(old.occurrences.order_by("starts_at").values_list("pk", flat=True)) == [
        dates[0].pk,
        dates[1].pk,
    ]
    # The hosts run the new series too.
    assert set(new.hosts.values_list("user", flat=True)) == {organiser.pk, host.pk}


def test_from_the_first_date_the_whole_series_changes(api, organiser):
    event, dates = _series(organiser)
    body = api(organiser).patch(f"/occurrences/{dates[0].pk}/following", {"title_es": "Otro"})
    assert body.status_code == 200, body.content
    assert body.json()["id"] == event.pk
    assert Event.objects.count() == 1
    assert Event.objects.get(pk=event.pk).title_es == "Otro"


def test_only_those_who_run_it_change_the_following_dates(api, organiser):
    event, dates = _series(organiser)
    attendee = UserFactory()
    RsvpFactory(occurrence=dates[2], user=attendee)
    before = _state(event)
    for person in (attendee, UserFactory()):
        client = api(person)
        refused = client.patch(f"/occurrences/{dates[2].pk}/following", {"title_es": "Mío"})
        missing = client.patch("/occurrences/999999/following", {"title_es": "Mío"})
        assert assert_error(refused, 404, "not_found") == assert_error(missing, 404, "not_found")
    assert _state(event) == before


def test_changing_the_following_dates_checks_its_input(api, organiser):
    event, dates = _series(organiser)
    client = api(organiser)
    path = f"/occurrences/{dates[2].pk}/following"
    before = _state(event)
    assert_error(client.patch(path, {"capacity": 0}), 422, "invalid")
    assert_error(client.patch(path, {"kind": "rave"}), 422, "invalid")
    assert_error(client.patch(path, {"colour": "red"}), 422, "invalid")
    backwards = client.patch(
        path,
        {
            "starts_at": _iso(dates[2].starts_at),
            "ends_at": _iso(dates[2].starts_at - timedelta(hours=1)),
        },
    )
    assert_error(backwards, 400, "bad_dates")
    assert_error(client.patch(path, {"call_link": "http://insecure.example"}), 400, "invalid")
    assert _state(event) == before
