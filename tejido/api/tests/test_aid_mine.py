"""The aid board as it concerns the member, through the JSON API: their requests and offers with
suggestions (their offers' are the requests they could help with), the matches they help in,
answering a follow-up, and the organisers' dispatch queue; at constant queries."""

import json

import pytest

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.aid.factories import AidOfferFactory, AidRequestFactory
from tejido.aid.match_services import answer_match, offer_help
from tejido.aid.models import AidRequest, FollowUp, RequestState
from tejido.api.tests.conftest import assert_error
from tejido.core.clock import now

pytestmark = pytest.mark.django_db


def _json(response, status=200):
    assert response.status_code == status, response.content
    return json.loads(response.content)


def test_my_requests_and_offers_with_what_they_could_meet(api):
    member = UserFactory()
    AidRequestFactory(requester=member, title="Necesito comida", category="food")
    AidOfferFactory(helper=member, title="Cocino los domingos", category="food")
    AidOfferFactory(title="Llevo comida", category="food")
    AidRequestFactory(title="Su necesidad", category="food")
    AidRequestFactory(title="Oculta", category="food", visibility="organisers")
    body = _json(api(member).get("/aid/mine"))
    assert [mine["request"]["title"] for mine in body["requests"]] == ["Necesito comida"]
    assert [s["offer"]["title"] for s in body["requests"][0]["suggestions"]] == ["Llevo comida"]
    (offer,) = body["offers"]
    assert offer["offer"]["title"] == "Cocino los domingos"
    # The requests this offer could meet, with the reasons in words: never a hidden one.
    assert [s["request"]["title"] for s in offer["suggestions"]] == ["Su necesidad"]
    assert all(s["reasons"] for s in offer["suggestions"])
    assert body["helping"] == body["follow_ups"] == []
    assert _json(api(UserFactory()).get("/aid/mine"))["requests"] == []
    assert_error(api(None).get("/aid/mine"), 401, "unauthenticated")


def test_a_follow_up_is_answered_once_by_its_own_side(api):
    requester, helper = UserFactory(), UserFactory()
    request = AidRequestFactory(requester=requester)
    match = offer_help(actor=helper, request=request)
    answer_match(actor=requester, match=match, accept=True)
    follow_up = FollowUp.objects.create(match=match, user=requester, asked_at=now())
    mine = api(requester)
    assert [f["id"] for f in _json(mine.get("/aid/mine"))["follow_ups"]] == [follow_up.pk]
    path = f"/aid/follow-ups/{follow_up.pk}"
    assert_error(mine.post(path, {"happened": "perhaps"}), 422, "invalid")
    assert_error(mine.post(path, {"happened": True, "feedback": "x" * 2001}), 422, "invalid")
    missing = api(helper).post("/aid/follow-ups/999999", {"happened": True})
    assert_error(missing, 404, "not_found")
    assert api(helper).post(path, {"happened": True}).content == missing.content
    body = _json(mine.post(path, {"happened": True, "feedback": "Muy bien"}))
    assert (body["happened"], body["feedback"], body["is_mine"]) == (True, "Muy bien", True)
    assert AidRequest.objects.get().state == RequestState.FULFILLED
    assert mine.post(path, {"happened": False}).content == missing.content


def test_the_dispatch_queue_is_for_organisers_only(api):
    AidRequestFactory(title="Casa", category="housing", visibility="organisers")
    AidOfferFactory(title="Habitación", category="housing")
    body = _json(api(OrganiserFactory()).get("/aid/dispatch"))
    assert body["count"] == 1
    (row,) = body["items"]
    assert row["request"]["title"] == "Casa"
    assert [s["offer"]["title"] for s in row["suggestions"]] == ["Habitación"]
    assert _json(api(OrganiserFactory()).get("/aid/dispatch?category=food"))["count"] == 0
    refused = api(UserFactory()).get("/aid/dispatch")
    assert_error(refused, 404, "not_found")
    assert refused.content == api(UserFactory()).get("/aid/nothing-here").content


@pytest.mark.parametrize("size", [2, 6])
def test_mine_and_the_queue_cost_the_same_queries_at_any_size(api, size, django_assert_num_queries):
    member, organiser = UserFactory(), OrganiserFactory()
    for _ in range(size):
        AidRequestFactory(requester=member)
        AidOfferFactory(helper=member)
        AidRequestFactory()
        AidOfferFactory()
    mine, queue = api(member), api(organiser)
    # Each: the token, its last use and the code of conduct; then what the pages aid_mine and
    # aid_dispatch read (listed in tejido/web/tests/test_aid_queries.py), here without the
    # filter form's areas: 23 and 9 on this network.
    with django_assert_num_queries(3 + 23):
        mine.get("/aid/mine")
    with django_assert_num_queries(3 + 9):
        queue.get("/aid/dispatch")
