"""The aid board's JSON API: the board with its filters, asking and offering, a request with its
matches and suggestions, offering to help, answering, the thread and contact details, an
organiser's dispatch; errors in the one shape, missing and forbidden alike."""

import json
from datetime import timedelta

import pytest

from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.aid.factories import AidOfferFactory, AidRequestFactory
from tejido.aid.models import AidRequest, Match, MatchState
from tejido.api.tests.conftest import assert_error
from tejido.core.clock import now

pytestmark = pytest.mark.django_db


def _json(response, status=200):
    assert response.status_code == status, response.content
    return json.loads(response.content)


def test_the_board_and_its_filters(api):
    member = UserFactory()
    AidRequestFactory(title="Comida", category="food")
    AidRequestFactory(title="Oculta", visibility="organisers")
    client = api(member)
    body = _json(client.get("/aid/requests"))
    assert [item["title"] for item in body["items"]] == ["Comida"]
    assert body["count"] == 1
    assert _json(client.get("/aid/requests?category=tech"))["count"] == 0
    assert _json(client.get("/aid/requests?q=comida"))["count"] == 1
    assert_error(client.get("/aid/requests?category=nope"), 422, "invalid")
    assert_error(client.get("/aid/requests?limt=5"), 422, "invalid")


def test_the_board_narrows_to_one_urgency(api):
    AidRequestFactory(title="Hoy", urgency="today")
    AidRequestFactory(title="Hoy, tecnología", urgency="today", category="tech")
    AidRequestFactory(title="Esta semana", urgency="week")
    AidRequestFactory(title="Cuando sea", urgency="whenever")
    client = api(UserFactory())

    def titles(query: str) -> list[str]:
        body = _json(client.get(f"/aid/requests?{query}"))
        assert body["count"] == len(body["items"])
        return sorted(item["title"] for item in body["items"])

    assert titles("") == ["Cuando sea", "Esta semana", "Hoy", "Hoy, tecnología"]
    assert titles("urgency=today") == ["Hoy", "Hoy, tecnología"]
    assert titles("urgency=whenever") == ["Cuando sea"]
    assert titles("urgency=today&category=tech") == ["Hoy, tecnología"]
    assert titles("urgency=week&category=tech") == []
    assert_error(client.get("/aid/requests?urgency=soon"), 422, "invalid")


def test_asking_for_help_and_the_daily_limit(api):
    member = UserFactory()
    start = now().replace(microsecond=0) + timedelta(days=2)
    end = start + timedelta(hours=2)
    client = api(member)
    body = _json(
        client.post(
            "/aid/requests",
            {
                "category": "legal",
                "title": "Name change",
                "windows": [{"starts_at": start.isoformat(), "ends_at": end.isoformat()}],
            },
        ),
        201,
    )
    assert body["visibility"] == "organisers"
    assert body["can_edit"] is True
    assert body["requester"]["is_self"] is True
    assert len(body["windows"]) == 1
    for n in range(2):
        _json(client.post("/aid/requests", {"category": "food", "title": f"Food {n}"}), 201)
    assert_error(
        client.post("/aid/requests", {"category": "food", "title": "More"}),
        409,
        "too_many_requests",
    )
    assert_error(client.post("/aid/requests", {"category": "food", "title": ""}), 422, "invalid")
    assert_error(client.post("/aid/requests", {"category": "money", "title": "x"}), 400, "invalid")


def test_changing_and_closing_a_request(api):
    request = AidRequestFactory()
    client = api(request.requester)
    body = _json(client.patch(f"/aid/requests/{request.pk}", {"urgency": "today"}))
    assert body["urgency"] == "today"
    assert_error(
        api(UserFactory()).patch(f"/aid/requests/{request.pk}", {"urgency": "today"}),
        404,
        "not_found",
    )
    body = _json(client.post(f"/aid/requests/{request.pk}/close"))
    assert body["state"] == "closed"
    assert_error(
        client.patch(f"/aid/requests/{request.pk}", {"title": "x"}), 409, "request_finished"
    )


def test_an_anonymous_requester_is_absent_for_members(api):
    request = AidRequestFactory(anonymous=True)
    body = _json(api(UserFactory()).get(f"/aid/requests/{request.pk}"))
    assert "requester" not in body
    body = _json(api(OrganiserFactory()).get(f"/aid/requests/{request.pk}"))
    assert body["requester"]["id"] == request.requester_id
    # A profile field the viewer may not see is absent, never null, in lists too.
    listed = _json(api(OrganiserFactory()).get("/aid/requests"))["items"][0]["requester"]
    assert "area" not in listed
    assert None not in listed.values()


def test_missing_and_forbidden_are_the_same_404(api):
    member = UserFactory()
    hidden = AidRequestFactory(visibility="organisers")
    offer = AidOfferFactory()
    BlockFactory(blocker=offer.helper, blocked=member)
    client = api(member)
    for path in (
        f"/aid/requests/{hidden.pk}",
        "/aid/requests/999999",
        f"/aid/offers/{offer.pk}",
        "/aid/offers/999999",
        "/aid/matches/999999",
    ):
        assert_error(client.get(path), 404, "not_found")


def test_offering_help_answering_and_the_thread(api):
    request = AidRequestFactory()
    helper = UserFactory()
    helper_api, asker_api = api(helper), api(request.requester)
    body = _json(helper_api.post(f"/aid/requests/{request.pk}/help", {"message": "Puedo"}), 201)
    match_id = body["id"]
    assert body["messages"][0]["body"] == "Puedo"
    assert body["request"]["id"] == request.pk
    assert_error(helper_api.post(f"/aid/requests/{request.pk}/help", {}), 409, "already_offered")
    assert_error(
        helper_api.post(f"/aid/matches/{match_id}/answer", {"decision": "accept"}),
        409,
        "no_such_match",
    )
    body = _json(asker_api.post(f"/aid/matches/{match_id}/answer", {"decision": "accept"}))
    assert body["state"] == "accepted"
    written = _json(asker_api.post(f"/aid/matches/{match_id}/messages", {"body": "Gracias"}), 201)
    assert written["is_mine"] is True
    assert written["author"]["is_self"] is True
    _json(helper_api.request("put", f"/aid/matches/{match_id}/contact", {"contact": "600"}))
    body = _json(
        asker_api.request("put", f"/aid/matches/{match_id}/contact", {"contact": "Signal"})
    )
    assert body["contacts"] == {"requester": "Signal", "helper": "600"}
    assert_error(api(UserFactory()).get(f"/aid/matches/{match_id}"), 404, "not_found")
    body = _json(helper_api.post(f"/aid/matches/{match_id}/withdraw"))
    assert body["state"] == "withdrawn"
    assert AidRequest.objects.get().state == "open"


def test_the_requester_asks_a_suggested_helper(api):
    request = AidRequestFactory()
    offer = AidOfferFactory()
    client = api(request.requester)
    body = _json(client.get(f"/aid/requests/{request.pk}"))
    assert [s["offer"]["id"] for s in body["suggestions"]] == [offer.pk]
    assert body["suggestions"][0]["reasons"]
    body = _json(client.post(f"/aid/requests/{request.pk}/ask", {"offer_id": offer.pk}), 201)
    assert body["proposed_by"] == "requester"
    body = _json(
        api(offer.helper).post(f"/aid/matches/{body['id']}/answer", {"decision": "decline"})
    )
    assert body["state"] == MatchState.DECLINED


def test_an_organiser_dispatches_and_members_may_not(api):
    request = AidRequestFactory(category="housing", visibility="organisers")
    offer = AidOfferFactory(category="housing")
    assert_error(
        api(UserFactory()).post(f"/aid/requests/{request.pk}/dispatch", {"offer_id": offer.pk}),
        404,
        "not_found",
    )
    body = _json(
        api(OrganiserFactory()).post(
            f"/aid/requests/{request.pk}/dispatch", {"offer_id": offer.pk}
        ),
        201,
    )
    assert body["dispatched"] is True
    assert body["messages"] == []
    assert Match.objects.get().state == MatchState.ACCEPTED


def test_offers_open_change_and_close(api):
    helper = UserFactory()
    client = api(helper)
    body = _json(client.post("/aid/offers", {"category": "tech", "title": "Phones"}), 201)
    offer_id = body["id"]
    assert body["suggestions"] == []
    body = _json(client.patch(f"/aid/offers/{offer_id}", {"title": "Phones and laptops"}))
    assert body["title"] == "Phones and laptops"
    assert _json(api(UserFactory()).get("/aid/offers"))["count"] == 1
    body = _json(client.post(f"/aid/offers/{offer_id}/close"))
    assert body["state"] == "closed"
    assert_error(client.post(f"/aid/offers/{offer_id}/close"), 409, "offer_not_open")
