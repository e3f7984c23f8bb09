"""Support circles' JSON API: my circles, a facilitator's intake queue and deciding a place;
the same 404 for a queue that is not yours as for one that does not exist."""

import json

import pytest

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.api.tests.conftest import assert_error
from tejido.support.factories import CircleFactory, FacilitatorFactory, PlaceFactory
from tejido.support.models import KeepApart, Place
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


def _keep_apart(first, second):
    low, high = sorted((first.pk, second.pk))
    KeepApart.objects.create(first_id=low, second_id=high)


def test_the_queue_warns_who_cannot_be_placed_without_saying_why(api):
    circle = CircleFactory()
    facilitator = FacilitatorFactory(circle=circle).user
    inside = PlaceFactory(circle=circle).user
    apart = ask_for_place(
        actor=UserFactory(profile__chosen_name="Aparte"), circle=circle, answers=["A"], agreed=True
    )
    free = ask_for_place(
        actor=UserFactory(profile__chosen_name="Libre"), circle=circle, answers=["B"], agreed=True
    )
    _keep_apart(inside, apart.user)
    client = api(facilitator)
    items = _json(client.get(f"/support/circles/{circle.pk}/intake"))["items"]
    by_place = {item["place_id"]: item for item in items}
    assert by_place[apart.pk]["cannot_be_placed"] is True
    assert by_place[apart.pk]["chosen_name"] == "Aparte"
    assert by_place[free.pk]["cannot_be_placed"] is False
    assert not any(item["unnamed"] for item in items)
    assert inside.profile.chosen_name not in json.dumps(items)
    refused = client.post(f"/support/circles/{circle.pk}/intake/{apart.pk}", {"decision": "accept"})
    assert_error(refused, 409, "cannot_be_placed")


def test_a_facilitator_kept_apart_gets_the_request_unnamed(api):
    circle = CircleFactory()
    facilitator = FacilitatorFactory(circle=circle).user
    member = UserFactory(profile__chosen_name="Nadie Sabe")
    place = ask_for_place(actor=member, circle=circle, answers=["APART-ANSWER"], agreed=True)
    _keep_apart(facilitator, member)
    client = api(facilitator)
    response = client.get(f"/support/circles/{circle.pk}/intake")
    assert _json(response)["items"] == [
        {
            "place_id": place.pk,
            "member_id": None,
            "chosen_name": "",
            "state": "asked",
            "asked_at": None,
            "answers": [],
            "cannot_be_placed": True,
            "unnamed": True,
        }
    ]
    assert b"Nadie Sabe" not in response.content
    assert b"APART-ANSWER" not in response.content
    mine = _json(api(member).get("/support/circles/mine"))["items"]
    assert mine[0]["facilitators"] == []
    declined = client.post(
        f"/support/circles/{circle.pk}/intake/{place.pk}", {"decision": "decline"}
    )
    assert _json(declined) == {"place_id": place.pk, "state": "declined"}
