"""The private calendar feed through the JSON API: its state without its address, and stopping
it. Making an address is the settings page's alone, after a fresh login (an address outlives
the token that could have made it)."""

import pytest
from django.test import Client

from tejido.api.tests.conftest import assert_error
from tejido.gatherings.calendar_services import create_or_renew_feed
from tejido.gatherings.models import CalendarFeed

pytestmark = pytest.mark.django_db


def test_no_feed_at_first(api, member):
    body = api(member).get("/me/calendar-feed").json()
    assert body == {"exists": False, "created_at": None}


def test_the_state_never_holds_the_address(api, member):
    secret = create_or_renew_feed(actor=member)
    answer = api(member).get("/me/calendar-feed")
    assert answer.json()["exists"] is True
    assert answer.json()["created_at"] is not None
    assert secret not in answer.content.decode()


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
    assert Client().get(f"/calendar/{theirs}.ics").status_code == 200
    assert CalendarFeed.objects.filter(user=organiser).count() == 1


def test_a_token_cannot_make_an_address(api, member):
    client = api(member)
    assert_error(client.post("/me/calendar-feed"), 405, "method_not_allowed")
    assert client.post("/me/calendar-feed/renew").status_code == 404
    assert not CalendarFeed.objects.exists()
    for method in ("get", "delete"):
        assert_error(api(None).request(method, "/me/calendar-feed"), 401, "unauthenticated")


def test_the_operations_are_in_the_document(api):
    document = api(None).get("/openapi.json").json()
    operations = {op["operationId"] for path in document["paths"].values() for op in path.values()}
    assert {"get_calendar_feed", "delete_calendar_feed"} <= operations
    assert not {"post_calendar_feed", "post_renew_calendar_feed"} & operations
