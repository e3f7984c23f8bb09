"""The JSON API of circles' sessions: my sessions to come, and a session's attendance for its
facilitators, read and recorded; anyone else gets the same 404 as for a session that does not
exist. The gatherings' own API never lists a circle's session."""

import json

import pytest

from tejido.api.tests.conftest import api, assert_error  # noqa: F401  (the fixture)
from tejido.support.models import Attendance
from tejido.support.tests.conftest import SESSION_ADDRESS, SESSION_TITLE

pytestmark = pytest.mark.django_db


def _body(response):
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def test_my_sessions(world, api):  # noqa: F811
    sessions = _body(api(world.member).get("/support/sessions"))
    assert sessions[0]["id"] == world.upcoming.pk
    assert sessions[0]["title"] == SESSION_TITLE
    assert SESSION_ADDRESS not in json.dumps(sessions)
    assert _body(api(world.organiser).get("/support/sessions")) == []


def test_the_facilitator_reads_and_records_attendance(world, api):  # noqa: F811
    client = api(world.facilitator)
    url = f"/support/sessions/{world.past.pk}/attendance"
    rows = _body(client.get(url))
    assert {row["present"] for row in rows} == {None}
    assert len(rows) == 2
    place = world.place_of(world.member).pk
    rows = _body(client.post(url, {"marks": [{"place_id": place, "present": True}]}))
    assert {row["place_id"]: row["present"] for row in rows}[place] is True
    assert Attendance.objects.get().present
    assert_error(
        client.post(url, {"marks": [{"place_id": 999999, "present": True}]}), 404, "not_found"
    )
    assert client.post(url, {"marks": []}).status_code in (400, 422)
    upcoming = f"/support/sessions/{world.upcoming.pk}/attendance"
    assert_error(
        client.post(upcoming, {"marks": [{"place_id": place, "present": True}]}),
        409,
        "attendance_not_yet",
    )


def test_nobody_else_reads_attendance(world, api):  # noqa: F811
    for user in (world.member, world.organiser, world.stranger):
        client = api(user)
        url = f"/support/sessions/{world.past.pk}/attendance"
        missing = assert_error(client.get("/support/sessions/999999/attendance"), 404, "not_found")
        assert assert_error(client.get(url), 404, "not_found") == missing
        body = {"marks": [{"place_id": world.place_of(world.member).pk, "present": True}]}
        assert_error(client.post(url, body), 404, "not_found")
    assert not Attendance.objects.exists()


def test_the_gatherings_api_hides_the_session(world, api):  # noqa: F811
    for user in (world.organiser, world.stranger):
        listed = api(user).get("/events").content.decode()
        assert SESSION_TITLE not in listed
        assert api(user).get(f"/occurrences/{world.upcoming.pk}").status_code == 404
    assert SESSION_TITLE not in api(world.member).get("/events").content.decode()


@pytest.mark.parametrize("size", [2, 8])
def test_the_attendance_costs_the_same(world, api, django_assert_num_queries, size):  # noqa: F811
    from tejido.accounts.factories import UserFactory
    from tejido.support.tests.conftest import add_member

    for _ in range(size):
        add_member(world.circle, UserFactory())
    client = api(world.facilitator)
    # The token with its member, its last use, the code of conduct; the session and whether
    # the viewer facilitates it (2); the places (with that again), their attendance, their
    # members' cards and the groups shared with them.
    with django_assert_num_queries(10):
        rows = _body(client.get(f"/support/sessions/{world.past.pk}/attendance"))
    assert len(rows) == size + 2
