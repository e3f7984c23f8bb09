"""Support circles' JSON API: my circles, a facilitator's intake queue and deciding a place;
the same 404 for a queue that is not yours as for one that does not exist."""

import json

import pytest

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.api.tests.conftest import assert_error
from tejido.support.factories import CircleFactory, FacilitatorFactory, PlaceFactory
from tejido.support.models import Place
from tejido.support.place_services import ask_for_place

pytestmark = pytest.mark.django_db


def _json(response, status=200):
    assert response.status_code == status, response.content
    return json.loads(response.content)


def test_my_circles(api):
    member = UserFactory()
    circle = CircleFactory(name_es="Familias")
    PlaceFactory(circle=circle, user=member)
    CircleFactory(name_es="Otro")
    body = _json(api(member).get("/support/circles/mine"))
    assert [(item["name"], item["my_state"]) for item in body["items"]] == [("Familias", "member")]


def test_a_facilitator_reads_the_queue_and_decides(api):
    circle = CircleFactory(size_limit=2)
    facilitator = FacilitatorFactory(circle=circle).user
    member = UserFactory(profile__chosen_name="Quien")
    place = ask_for_place(actor=member, circle=circle, answers=["ANSWER"], agreed=True)
    client = api(facilitator)
    body = _json(client.get(f"/support/circles/{circle.pk}/intake"))
    assert body["items"][0]["chosen_name"] == "Quien"
    assert body["items"][0]["answers"][0]["answer"] == "ANSWER"
    decided = _json(
        client.post(f"/support/circles/{circle.pk}/intake/{place.pk}", {"decision": "accept"})
    )
    assert decided == {"place_id": place.pk, "state": "member"}
    again = client.post(f"/support/circles/{circle.pk}/intake/{place.pk}", {"decision": "decline"})
    assert_error(again, 409, "place_decided")
    assert Place.objects.get().state == "member"


def test_a_queue_not_yours_is_a_404_like_a_missing_one(api):
    circle = CircleFactory()
    FacilitatorFactory(circle=circle)
    place = ask_for_place(actor=UserFactory(), circle=circle, answers=["SECRET"], agreed=True)
    for someone in (UserFactory(), OrganiserFactory()):
        client = api(someone)
        for path in (f"/support/circles/{circle.pk}/intake", "/support/circles/999999/intake"):
            response = client.get(path)
            assert_error(response, 404, "not_found")
            assert b"SECRET" not in response.content
        decide = client.post(
            f"/support/circles/{circle.pk}/intake/{place.pk}", {"decision": "accept"}
        )
        assert_error(decide, 404, "not_found")
