"""Running film polls through the JSON API: opening one, closing it, and turning the winner
into a film night; for those who may make events there only (anyone else, and a poll that does
not exist, the same 404), bad input a 4xx that changes nothing."""

from datetime import timedelta

import pytest

from tejido.accounts.factories import UserFactory
from tejido.api.tests.conftest import assert_error
from tejido.core.clock import now
from tejido.gatherings.factories import FilmFactory, PollFactory, PollOptionFactory
from tejido.gatherings.models import Event, Poll, PollOption, Vote
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.notifications.models import Notice

pytestmark = pytest.mark.django_db


def _in(days=3):
    return (now() + timedelta(days=days)).replace(microsecond=0).isoformat()


def _closed_with_a_winner(**poll_fields):
    poll = PollFactory(closes_at=now() - timedelta(hours=1), **poll_fields)
    option = PollOptionFactory(poll=poll, film=FilmFactory(title="Carol"))
    PollOptionFactory(poll=poll)
    Vote.objects.create(poll=poll, option=option, user=UserFactory())
    return poll


def test_an_organiser_opens_a_poll(api, organiser):
    films = [FilmFactory(title="Pariah"), FilmFactory(title="Tangerine")]
    response = api(organiser).post(
        "/polls",
        {"title_es": "¿Qué vemos?", "closes_at": _in(), "films": [f.pk for f in films]},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["title"], body["is_open"], body["group"]) == ("¿Qué vemos?", True, None)
    assert [o["film"]["title"] for o in body["options"]] == ["Pariah", "Tangerine"]
    assert Poll.objects.get(pk=body["id"]).created_by == organiser


def test_a_group_organiser_opens_polls_for_their_group_only(api, member):
    group, other = GroupFactory(slug="cine"), GroupFactory(slug="otros")
    GroupMembershipFactory(group=group, user=member, role="organiser")
    client = api(member)
    made = client.post("/polls", {"title_es": "Cine", "closes_at": _in(), "group": "cine"})
    assert made.status_code == 201, made.content
    assert made.json()["group"] == group.name
    refused = client.post("/polls", {"title_es": "Cine", "closes_at": _in(), "group": other.slug})
    missing = client.post("/polls", {"title_es": "Cine", "closes_at": _in(), "group": "nope"})
    network = client.post("/polls", {"title_es": "Cine", "closes_at": _in()})
    bodies = [assert_error(r, 404, "not_found") for r in (refused, missing, network)]
    assert bodies[0] == bodies[1] == bodies[2]
    assert Poll.objects.count() == 1


def test_opening_a_poll_checks_its_input(api, organiser):
    client = api(organiser)
    untitled = assert_error(client.post("/polls", {"closes_at": _in()}), 400, "invalid")
    assert "title_es" in untitled["detail"]
    past = assert_error(
        client.post("/polls", {"title_es": "x", "closes_at": _in(-1)}), 400, "invalid"
    )
    assert "closes_at" in past["detail"]
    too_long = client.post("/polls", {"title_es": "x", "closes_at": _in(91)})
    assert "closes_at" in assert_error(too_long, 400, "invalid")["detail"]
    unknown = client.post("/polls", {"title_es": "x", "closes_at": _in(), "films": [999999]})
    assert "films" in assert_error(unknown, 400, "invalid")["detail"]
    naive = client.post("/polls", {"title_es": "x", "closes_at": "2030-03-01T20:00:00"})
    assert_error(naive, 422, "invalid")
    assert_error(
        client.post("/polls", {"title_es": "x", "closes_at": _in(), "x": 1}), 422, "invalid"
    )
    assert_error(client.post("/polls", {"title_es": "x"}), 422, "invalid")
    assert not Poll.objects.exists()


def test_those_who_run_a_poll_close_it_and_voters_are_told(api, organiser):
    poll = PollFactory(created_by=organiser)
    option = PollOptionFactory(poll=poll, film=FilmFactory(title="Carol"))
    voter = UserFactory()
    Vote.objects.create(poll=poll, option=option, user=voter)
    response = api(organiser).post(f"/polls/{poll.pk}/close")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["is_open"] is False
    assert body["winner"]["film"]["title"] == "Carol"
    assert Notice.objects.filter(user=voter).exists()
    assert_error(api(organiser).post(f"/polls/{poll.pk}/close"), 409, "poll_closed")


def test_nobody_else_closes_a_poll(api, member):
    open_poll = PollFactory()
    hidden = PollFactory(group=GroupFactory())
    client = api(member)
    answers = [
        assert_error(client.post(f"/polls/{pk}/close"), 404, "not_found")
        for pk in (open_poll.pk, hidden.pk, 999999)
    ]
    assert answers[0] == answers[1] == answers[2]
    assert Poll.objects.filter(closes_at__lte=now()).count() == 0


def test_the_winner_becomes_a_film_night_once(api, organiser):
    poll = _closed_with_a_winner()
    client = api(organiser)
    starts = now().replace(microsecond=0) + timedelta(days=7)
    times = {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=2)).isoformat()}
    response = client.post(f"/polls/{poll.pk}/event", times)
    assert response.status_code == 201, response.content
    body = response.json()
    event = Event.objects.get(pk=body["id"])
    assert (event.kind, event.title_es, event.film.title) == ("film_night", "Carol", "Carol")
    assert (body["kind"], body["visibility"]) == ("film_night", "network")
    assert body["next_occurrence_id"] == event.occurrences.get().pk
    assert client.get(f"/polls/{poll.pk}").json()["event_id"] == event.pk
    assert_error(client.post(f"/polls/{poll.pk}/event", times), 409, "event_already_made")
    assert Event.objects.count() == 1


def test_no_film_night_before_the_poll_closes_or_without_votes(api, organiser):
    starts = now().replace(microsecond=0) + timedelta(days=7)
    times = {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=2)).isoformat()}
    open_poll = PollFactory()
    Vote.objects.create(poll=open_poll, option=PollOptionFactory(poll=open_poll), user=organiser)
    client = api(organiser)
    assert_error(client.post(f"/polls/{open_poll.pk}/event", times), 409, "poll_still_open")
    empty = PollFactory(closes_at=now() - timedelta(hours=1))
    PollOptionFactory(poll=empty)
    assert_error(client.post(f"/polls/{empty.pk}/event", times), 409, "no_winner")
    assert not Event.objects.exists()


def test_nobody_else_makes_the_film_night(api, member):
    starts = now().replace(microsecond=0) + timedelta(days=7)
    times = {"starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=2)).isoformat()}
    client = api(member)
    answers = [
        assert_error(client.post(f"/polls/{poll.pk}/event", times), 404, "not_found")
        for poll in (_closed_with_a_winner(), _closed_with_a_winner(group=GroupFactory()))
    ]
    answers.append(assert_error(client.post("/polls/999999/event", times), 404, "not_found"))
    assert answers[0] == answers[1] == answers[2]
    assert not Event.objects.exists()


def test_making_the_film_night_checks_its_input(api, organiser):
    poll = _closed_with_a_winner()
    client = api(organiser)
    starts = now().replace(microsecond=0) + timedelta(days=7)
    path = f"/polls/{poll.pk}/event"
    backwards = {
        "starts_at": starts.isoformat(),
        "ends_at": (starts - timedelta(hours=1)).isoformat(),
    }
    assert_error(client.post(path, backwards), 400, "bad_dates")
    far = {"starts_at": "9999-01-01T20:00:00+00:00", "ends_at": "9999-01-01T22:00:00+00:00"}
    assert_error(client.post(path, far), 400, "invalid")
    assert_error(client.post(path, {"starts_at": starts.isoformat()}), 422, "invalid")
    assert_error(client.post(path, {"starts_at": "tomorrow", "ends_at": "later"}), 422, "invalid")
    assert not Event.objects.exists()
    assert Poll.objects.get(pk=poll.pk).event_id is None
    assert PollOption.objects.filter(poll=poll).count() == 2
