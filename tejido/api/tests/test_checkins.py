"""Check-ins' JSON API: one's choice, snooze, opt-out; the team's view and reaching out; the
thread and done; missing and forbidden alike."""

import json
from datetime import timedelta

import pytest

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.api.tests.conftest import assert_error
from tejido.checkins import services
from tejido.checkins.models import CheckinChoice
from tejido.core.clock import now

pytestmark = pytest.mark.django_db


def _json(response, status=200):
    assert response.status_code == status, response.content
    return json.loads(response.content)


def test_a_check_in_through_the_api(api):
    member, helper = UserFactory(), UserFactory()
    services.add_to_team(actor=OrganiserFactory(), member_id=helper.pk)
    mine = api(member)
    assert _json(mine.get("/check-ins"))["opted_in"] is False
    body = _json(mine.request("put", "/check-ins/choice", {"weeks": 3}))
    assert body["weeks"] == 3
    assert "team" not in body
    assert_error(mine.request("put", "/check-ins/choice", {"weeks": 20}), 422, "invalid")
    CheckinChoice.objects.filter(user=member).update(
        last_seen_on=services.today() - timedelta(weeks=4), due_since=now()
    )
    team = api(helper)
    status = _json(team.get("/check-ins"))
    assert status["team"]["due"] == [
        {
            "id": member.pk,
            "chosen_name": member.profile.chosen_name,
            "due_since": status["team"]["due"][0]["due_since"],
        }
    ]
    taken = _json(team.post("/check-ins/take", {"member_id": member.pk, "body": "Hola"}), 201)
    checkin_id = taken["checkin"]["id"]
    assert [m["body"] for m in taken["messages"]] == ["Hola"]
    assert_error(
        team.post("/check-ins/take", {"member_id": member.pk, "body": "Hola"}), 404, "not_found"
    )
    reply = _json(mine.post(f"/check-ins/{checkin_id}/messages", {"body": "Bien"}), 201)
    assert reply["is_mine"] is True
    assert _json(mine.get(f"/check-ins/{checkin_id}"))["checkin"]["my_side"] == "member"
    assert_error(mine.post(f"/check-ins/{checkin_id}/done"), 409, "checkins_over")
    done = _json(team.post(f"/check-ins/{checkin_id}/done"))
    assert done["checkin"]["state"] == "done"
    snoozed = _json(mine.post("/check-ins/snooze", {"weeks": 2}))
    assert snoozed["snoozed_until"] is not None
    assert mine.delete("/check-ins/choice").status_code == 204
    for outsider in (UserFactory(), OrganiserFactory()):
        client = api(outsider)
        missing = assert_error(client.get("/check-ins/999999"), 404, "not_found")
        assert assert_error(client.get(f"/check-ins/{checkin_id}"), 404, "not_found") == missing
        assert_error(
            client.post("/check-ins/take", {"member_id": member.pk, "body": "x"}), 404, "not_found"
        )
