"""Film nights through JSON: the film list, adding a film, the polls, voting and changing a
vote; nobody sees who voted, closing shows the winner."""

from datetime import timedelta

import pytest

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.api.tests.conftest import assert_error
from tejido.core.clock import now
from tejido.gatherings.factories import FilmFactory, PollFactory, PollOptionFactory
from tejido.gatherings.film_services import close_poll, create_poll, make_event_from_winner
from tejido.gatherings.models import Event, Film, Vote
from tejido.groups.factories import GroupFactory

pytestmark = pytest.mark.django_db


def test_add_a_film_and_list_them_filtered(api, member):
    client = api(member)
    created = client.post(
        "/films",
        {
            "title": "Tangerine",
            "year": 2015,
            "original_language": "en",
            "subtitle_languages": ["es"],
            "representation": ["trans_lead"],
        },
    )
    assert created.status_code == 201
    body = created.json()
    assert body["title"] == "Tangerine"
    assert body["representation"] == ["trans_lead"]
    assert "proposed_by" not in body
    FilmFactory(title="Weekend", original_language="en", representation=["gay"])
    page = client.get("/films").json()
    assert page["count"] == 2
    assert [f["title"] for f in client.get("/films?representation=trans_lead").json()["items"]] == [
        "Tangerine"
    ]
    assert client.get("/films?language=es").json()["count"] == 1
    assert client.get("/films?language=zz").status_code == 422
    assert client.post("/films", {"title": "X", "representation": ["nope"]}).status_code == 422
    assert_error(client.post("/films", {"title": " "}), 400, "invalid")
    assert Film.objects.count() == 2


def test_without_a_token_nothing_is_shown(api):
    FilmFactory()
    assert_error(api(None).get("/films"), 401, "unauthenticated")


def test_a_host_creates_a_poll_members_vote_and_the_host_makes_the_film_night(api):
    host = OrganiserFactory()
    ana, bea = UserFactory(), UserFactory()
    first, second = FilmFactory(title="Carol"), FilmFactory(title="Pariah")
    poll = create_poll(
        actor=host, title_es="Marzo", closes_at=now() + timedelta(days=2), films=[first, second]
    )
    one, two = poll.options.order_by("pk")
    ana_api, bea_api = api(ana), api(bea)
    before = ana_api.get(f"/polls/{poll.pk}").json()
    assert [o["votes"] for o in before["options"]] == [None, None]
    assert before["my_vote"] is None
    voted = ana_api.post(f"/polls/{poll.pk}/vote", {"option": one.pk}).json()
    assert voted["my_vote"] == one.pk
    assert [o["votes"] for o in voted["options"]] == [1, 0]
    bea_api.post(f"/polls/{poll.pk}/vote", {"option": one.pk})
    changed = bea_api.post(f"/polls/{poll.pk}/vote", {"option": two.pk}).json()
    assert [o["votes"] for o in changed["options"]] == [1, 1]
    assert Vote.objects.filter(poll=poll).count() == 2
    # Nobody sees who voted for what: no answer names a voter, not even the host's.
    for client in (ana_api, api(host)):
        text = client.get(f"/polls/{poll.pk}").content.decode()
        assert "user" not in text
        for person in (ana, bea):
            assert person.profile.chosen_name not in text
    assert_error(ana_api.post(f"/polls/{poll.pk}/vote", {"option": 999999}), 404, "not_found")
    other = PollOptionFactory()
    assert_error(ana_api.post(f"/polls/{poll.pk}/vote", {"option": other.pk}), 404, "not_found")
    close_poll(actor=host, poll=poll)
    closed = bea_api.get(f"/polls/{poll.pk}").json()
    assert closed["is_open"] is False
    assert closed["winner"]["film"]["title"] == "Carol"
    assert_error(bea_api.post(f"/polls/{poll.pk}/vote", {"option": one.pk}), 409, "poll_closed")
    starts = now() + timedelta(days=7)
    event = make_event_from_winner(
        actor=host, poll=poll, starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    assert event.kind == Event.Kind.FILM_NIGHT
    assert bea_api.get(f"/polls/{poll.pk}").json()["event_id"] == event.pk
    listed = bea_api.get("/polls").json()
    assert poll.pk in [p["id"] for p in listed["items"]]


def test_a_groups_poll_is_not_found_for_others_alike(api, member):
    poll = PollFactory(group=GroupFactory())
    option = PollOptionFactory(poll=poll)
    missing = api(member).get("/polls/999999")
    hidden = api(member).get(f"/polls/{poll.pk}")
    assert_error(missing, 404, "not_found")
    assert hidden.json() == missing.json()
    assert_error(
        api(member).post(f"/polls/{poll.pk}/vote", {"option": option.pk}), 404, "not_found"
    )


@pytest.mark.parametrize("size", [2, 7])
def test_the_lists_cost_the_same_queries_whatever_their_length(
    api, member, size, django_assert_num_queries
):
    for number in range(size):
        FilmFactory(representation=["gay"])
        poll = PollFactory(closes_at=now() + timedelta(days=number + 1) * (1 if number % 2 else -1))
        Vote.objects.create(poll=poll, option=PollOptionFactory(poll=poll), user=member)
    client = api(member)
    client.get("/me")
    # the token; the page of films; how many
    with django_assert_num_queries(3):
        assert client.get("/films").status_code == 200
    # the token; open polls, closed ones; options with films, counts, my votes; how many
    with django_assert_num_queries(7):
        assert client.get("/polls").status_code == 200
