"""The private calendar feed through the JSON API: its state without its address, making it
(the address shown once), a new address that stops the old one, and stopping it; the address
works as the page's does."""

import pytest
from django.test import Client

from tejido.api.tests.conftest import assert_error
from tejido.gatherings.calendar_services import create_or_renew_feed
from tejido.gatherings.factories import EventFactory, OccurrenceFactory, RsvpFactory
from tejido.gatherings.models import CalendarFeed

pytestmark = pytest.mark.django_db


def _path(url):
    return url.split("://", 1)[1].split("/", 1)[1]


def test_no_feed_at_first(api, member):
    body = api(member).get("/me/calendar-feed").json()
    assert body == {"exists": False, "created_at": None}


def test_making_the_feed_shows_its_address_once(api, member):
    occurrence = OccurrenceFactory(event=EventFactory(title_es="Cena de los jueves"))
    RsvpFactory(occurrence=occurrence, user=member)
    client = api(member)
    made = client.post("/me/calendar-feed")
    assert made.status_code == 201, made.content
    body = made.json()
    assert set(body) == {"url", "webcal_url", "created_at"}
    assert body["webcal_url"].startswith("webcal://")
    assert body["webcal_url"].split("://", 1)[1] == body["url"].split("://", 1)[1]
    feed = Client().get("/" + _path(body["url"]))
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in feed.content.decode()
    state = client.get("/me/calendar-feed")
    assert state.json()["exists"] is True
    assert state.json()["created_at"] is not None
    # The secret is never kept: no later answer holds it.
    secret = _path(body["url"]).rsplit("/", 1)[1].removesuffix(".ics")
    assert secret not in state.content.decode()
    # Making it again would lose the address in the member's calendar app: refused.
    again = assert_error(client.post("/me/calendar-feed"), 409, "feed_exists")
    assert secret not in str(again)
    assert CalendarFeed.objects.filter(user=member).count() == 1


def test_a_new_address_stops_the_old_one(api, member):
    old = create_or_renew_feed(actor=member)
    renewed = api(member).post("/me/calendar-feed/renew")
    assert renewed.status_code == 200, renewed.content
    new_url = renewed.json()["url"]
    assert old not in new_url
    assert Client().get(f"/calendar/{old}.ics").status_code == 404
    assert Client().get("/" + _path(new_url)).status_code == 200


def test_renewing_without_a_feed_makes_one(api, member):
    renewed = api(member).post("/me/calendar-feed/renew")
    assert renewed.status_code == 200, renewed.content
    assert Client().get("/" + _path(renewed.json()["url"])).status_code == 200
    assert CalendarFeed.objects.filter(user=member).count() == 1


def test_stopping_the_feed(api, member):
    secret = create_or_renew_feed(actor=member)
    client = api(member)
    assert client.delete("/me/calendar-feed").status_code == 204
    assert Client().get(f"/calendar/{secret}.ics").status_code == 404
    assert client.get("/me/calendar-feed").json()["exists"] is False
    # Stopping it again does nothing.
    assert client.delete("/me/calendar-feed").status_code == 204


def test_each_member_acts_on_their_own_feed_only(api, member, organiser):
    theirs = create_or_renew_feed(actor=organiser)
    client = api(member)
    assert client.get("/me/calendar-feed").json()["exists"] is False
    assert client.delete("/me/calendar-feed").status_code == 204
    assert client.post("/me/calendar-feed/renew").status_code == 200
    assert client.post("/me/calendar-feed", None).status_code == 409
    assert Client().get(f"/calendar/{theirs}.ics").status_code == 200
    assert CalendarFeed.objects.filter(user=organiser).count() == 1


def test_a_method_it_does_not_take_and_no_token(api, member):
    # The operations take no input: a body is not read, and a method they lack is refused.
    client = api(member)
    assert_error(client.request("put", "/me/calendar-feed", {}), 405, "method_not_allowed")
    assert_error(client.delete("/me/calendar-feed/renew"), 405, "method_not_allowed")
    assert not CalendarFeed.objects.exists()
    for method, path in (
        ("get", "/me/calendar-feed"),
        ("post", "/me/calendar-feed"),
        ("post", "/me/calendar-feed/renew"),
        ("delete", "/me/calendar-feed"),
    ):
        assert_error(api(None).request(method, path), 401, "unauthenticated")


def test_the_operations_are_in_the_document(api):
    document = api(None).get("/openapi.json").json()
    operations = {op["operationId"] for path in document["paths"].values() for op in path.values()}
    assert {
        "get_calendar_feed",
        "post_calendar_feed",
        "post_renew_calendar_feed",
        "delete_calendar_feed",
    } <= operations


def test_the_refusal_is_in_the_members_language(api, member):
    member.language = "es"
    member.save(update_fields=["language"])
    create_or_renew_feed(actor=member)
    body = assert_error(api(member).post("/me/calendar-feed"), 409, "feed_exists")
    assert body["message"].startswith("Ya tienes un calendario suscrito.")
