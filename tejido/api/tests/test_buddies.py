"""Peer buddies' JSON API: status, opting in and out, suggestions, proposing, answering, the
thread and ending; missing and forbidden alike, errors in the one shape."""

import json

import pytest

from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.api.tests.conftest import assert_error
from tejido.buddies.factories import BuddyPairFactory, BuddyProfileFactory

pytestmark = pytest.mark.django_db


def _json(response, status=200):
    assert response.status_code == status, response.content
    return json.loads(response.content)


def test_a_pair_from_opt_in_to_its_end(api):
    me, helper = UserFactory(), UserFactory()
    BuddyProfileFactory(user=helper, seeking=False, offering=True, languages=["es", "en"])
    mine = api(me)
    assert _json(mine.get("/buddies"))["opted_in"] is False
    assert _json(mine.get("/buddies/suggestions")) == []
    body = _json(mine.request("put", "/buddies/opt-in", {"seeking": True, "languages": ["en"]}))
    assert body["opted_in"]
    assert body["languages"] == ["en"]
    found = _json(mine.get("/buddies/suggestions"))
    assert found == [
        {
            "id": helper.pk,
            "chosen_name": helper.profile.chosen_name,
            "their_role": "buddy",
            "reasons": found[0]["reasons"],
        }
    ]
    assert len(found[0]["reasons"]) == 1
    pair = _json(mine.post("/buddies/pairs", {"other_id": helper.pk, "role": "seeker"}), 201)
    pair_id = pair["pair"]["id"]
    assert pair["pair"]["state"] == "proposed"
    assert "messages" not in pair
    theirs = api(helper)
    assert _json(theirs.get("/buddies"))["waiting_for_me"][0]["id"] == pair_id
    accepted = _json(theirs.post(f"/buddies/pairs/{pair_id}/answer", {"decision": "accept"}))
    assert accepted["pair"]["state"] == "active"
    assert accepted["messages"] == []
    written = _json(mine.post(f"/buddies/pairs/{pair_id}/messages", {"body": "Hello!"}), 201)
    assert written["body"] == "Hello!"
    assert written["is_mine"]
    read = _json(theirs.get(f"/buddies/pairs/{pair_id}"))
    assert [m["body"] for m in read["messages"]] == ["Hello!"]
    ended = _json(theirs.post(f"/buddies/pairs/{pair_id}/end"))
    assert ended["pair"]["state"] == "ended"
    assert "messages" not in ended
    assert_error(
        mine.post(f"/buddies/pairs/{pair_id}/messages", {"body": "?"}), 409, "buddies_pair_over"
    )
    assert mine.delete("/buddies/opt-in").status_code == 204
    assert _json(mine.get("/buddies"))["opted_in"] is False


def test_bad_input_and_a_pair_not_ones_own(api):
    pair = BuddyPairFactory()
    for outsider in (UserFactory(), OrganiserFactory()):
        client = api(outsider)
        missing = assert_error(client.get("/buddies/pairs/999999"), 404, "not_found")
        assert assert_error(client.get(f"/buddies/pairs/{pair.pk}"), 404, "not_found") == missing
        assert_error(client.post(f"/buddies/pairs/{pair.pk}/end"), 404, "not_found")
    client = api(pair.seeker)
    assert_error(
        client.request("put", "/buddies/opt-in", {"seeking": True, "languages": []}), 400, "invalid"
    )
    assert_error(
        client.request("put", "/buddies/opt-in", {"topics": ["x"], "nope": 1}), 422, "invalid"
    )
    assert_error(
        client.post(f"/buddies/pairs/{pair.pk}/answer", {"decision": "maybe"}), 422, "invalid"
    )
    assert_error(client.post(f"/buddies/pairs/{pair.pk}/messages", {"body": ""}), 422, "invalid")
    BlockFactory(blocker=pair.buddy, blocked=pair.seeker)
    assert_error(client.get(f"/buddies/pairs/{pair.pk}"), 404, "not_found")
