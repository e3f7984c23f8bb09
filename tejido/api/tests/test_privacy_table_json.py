"""The privacy table (tejido/access/tests/privacy_table.py) run through the JSON API.

Every row (viewer, subject, field, visible) is checked in what the viewer's token gets back from
`GET /members/{id}`, `GET /members` and the member list of `GET /groups/circle`: the subject's
marker for that field is in the answer exactly when the table says the viewer may see it, and a
hidden field is absent from the member's object (not null, not empty). Then the action rows:
seeing, joining and running the groups, and blocking the subjects.

Viewers whose token can never work (nobody logged in, an applicant, a suspended member) get a
401 everywhere; their tokens were made while they were members, as would happen in life.
"""

import json
from typing import Any

import pytest
from django.test import Client

from tejido.access.tests.privacy_table import (
    FIELDS,
    GROUP_ACTION_TABLE,
    GROUP_ACTIONS,
    MEMBER_ACTION_TABLE,
    MEMBER_ACTIONS,
    SUBJECTS,
    VIEWERS,
    World,
    build_world,
    field_rows,
)
from tejido.accounts.models import AUDIENCED_FIELDS, Block, User
from tejido.accounts.tokens import create_token

pytestmark = pytest.mark.django_db

BASE = "/api/v1"
# Nobody may use the API as these; everything they ask is a 401.
LOCKED_OUT = {"anonymous", "applicant", "suspended"}


def _token_for(user: User | None) -> str | None:
    """A token of `user`, made while they were a member if they are not one now."""
    if user is None:
        return None
    state = User.objects.get(pk=user.pk).state
    User.objects.filter(pk=user.pk).update(state=User.State.MEMBER)
    user.state = User.State.MEMBER
    _, token = create_token(actor=user, name="privacy table")
    User.objects.filter(pk=user.pk).update(state=state)
    user.state = state
    return token


class Viewer:
    def __init__(self, world: World, viewer: str, subject: str | None = None) -> None:
        self.name = viewer
        self.user = world.viewer(viewer, subject)
        self.token = _token_for(self.user)
        self.client = Client()

    def call(self, method: str, path: str) -> Any:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.token}"} if self.token else {}
        if method == "post":
            return self.client.post(BASE + path, "", content_type="application/json", **headers)
        return getattr(self.client, method)(BASE + path, **headers)


def _json(response: Any) -> Any:
    assert response["Content-Type"].startswith("application/json"), response.content
    return json.loads(response.content)


def _check_locked_out(response: Any, failures: list[str], where: str) -> None:
    if response.status_code != 401:
        failures.append(f"{where}: expected 401, got {response.status_code}")


@pytest.fixture
def world() -> World:
    return build_world()


def _answers(world: World, viewer_name: str, subject: str) -> dict[str, Any]:
    viewer = Viewer(world, viewer_name, subject)
    subject_id = world.users[subject].pk
    return {
        "detail": viewer.call("get", f"/members/{subject_id}"),
        "list": viewer.call("get", "/members?limit=100"),
        "group": viewer.call("get", "/groups/circle"),
        "missing": viewer.call("get", "/members/987654321"),
    }


def _object_of(answer_name: str, body: Any, subject_id: int) -> dict[str, Any] | None:
    """The subject's object in an answer, or None when the subject is not in it."""
    if answer_name == "detail":
        return body if isinstance(body, dict) and body.get("id") == subject_id else None
    items = body.get("items", []) if answer_name == "list" else body["members"]["items"]
    found = [item for item in items if item["id"] == subject_id]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize("viewer_name", list(VIEWERS))
def test_field_rows_through_json(world, viewer_name):
    failures: list[str] = []
    rows = [row for row in field_rows() if row.viewer == viewer_name]
    assert len(rows) == len(SUBJECTS) * len(FIELDS)
    action = dict(zip(MEMBER_ACTIONS, MEMBER_ACTION_TABLE[viewer_name], strict=True))
    for subject in SUBJECTS:
        subject_id = world.users[subject].pk
        answers = _answers(world, viewer_name, subject)
        if viewer_name in LOCKED_OUT:
            for name, response in answers.items():
                _check_locked_out(response, failures, f"{viewer_name} → {subject} ({name})")
        else:
            detail = answers["detail"]
            expected_status = 200 if action["open_profile"] else 404
            if detail.status_code != expected_status:
                failures.append(
                    f"{viewer_name} → {subject}: profile status {detail.status_code}, "
                    f"expected {expected_status}"
                )
            if expected_status == 404 and _json(detail) != _json(answers["missing"]):
                failures.append(f"{viewer_name} → {subject}: hidden differs from missing")
            for name, present in (
                ("list", action["see_in_member_list"]),
                ("group", action["see_in_group_members"]),
            ):
                assert answers[name].status_code == 200, (viewer_name, name)
                listed = _object_of(name, _json(answers[name]), subject_id) is not None
                if listed != present:
                    failures.append(
                        f"{viewer_name} → {subject}: in {name} is {listed}, expected {present}"
                    )
        subject_rows = [row for row in rows if row.subject == subject]
        for row in subject_rows:
            marker = world.marker(subject, row.field)
            for name, shown_here in (
                ("detail", True),
                ("list", action["see_in_member_list"]),
                ("group", action["see_in_group_members"]),
            ):
                response = answers[name]
                expected = row.visible and shown_here and viewer_name not in LOCKED_OUT
                actual = marker in response.content.decode()
                if actual != expected:
                    failures.append(
                        f"{viewer_name} → {subject}.{row.field} via {name}: marker "
                        f"{'shown' if actual else 'missing'}, table says "
                        f"{'visible' if expected else 'hidden'}"
                    )
                if viewer_name in LOCKED_OUT or response.status_code != 200:
                    continue
                card = _object_of(name, _json(response), subject_id) or {}
                if row.field in AUDIENCED_FIELDS and not row.visible and row.field in card:
                    failures.append(
                        f"{viewer_name} → {subject}.{row.field} via {name}: hidden field "
                        f"present as {card[row.field]!r} instead of absent"
                    )
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("viewer_name", [v for v in VIEWERS if v != "self"])
def test_group_action_rows_through_json(world, viewer_name):
    failures: list[str] = []
    viewer = Viewer(world, viewer_name)
    for group in ("open", "circle"):
        allowed = dict(zip(GROUP_ACTIONS, GROUP_ACTION_TABLE[(viewer_name, group)], strict=True))
        seen = viewer.call("get", f"/groups/{group}")
        if viewer_name in LOCKED_OUT:
            _check_locked_out(seen, failures, f"{viewer_name} sees {group}")
            _check_locked_out(viewer.call("get", "/groups"), failures, f"{viewer_name} lists")
        else:
            if (seen.status_code == 200) != allowed["see_group"]:
                failures.append(f"{viewer_name} sees {group}: {seen.status_code}")
            slugs = [g["slug"] for g in _json(viewer.call("get", "/groups?limit=100"))["items"]]
            if (group in slugs) != allowed["see_group"]:
                failures.append(f"{viewer_name} lists {group}: {slugs}")
            if seen.status_code == 200:
                manages = "join_requests" in _json(seen)
                if manages != allowed["manage"]:
                    failures.append(f"{viewer_name} runs {group}: {manages}")
        joined = viewer.call("post", f"/groups/{group}/join")
        if (joined.status_code == 200) != allowed["join"]:
            failures.append(f"{viewer_name} joins {group}: {joined.status_code}")
        if joined.status_code >= 500:
            failures.append(f"{viewer_name} joins {group}: server error")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("viewer_name", list(VIEWERS))
def test_block_rows_through_json(world, viewer_name):
    failures: list[str] = []
    allowed = dict(zip(MEMBER_ACTIONS, MEMBER_ACTION_TABLE[viewer_name], strict=True))["block"]
    for subject in SUBJECTS:
        viewer = Viewer(world, viewer_name, subject)
        target = world.users[subject]
        before = Block.objects.filter(blocker=viewer.user, blocked=target).exists()
        response = viewer.call("post", f"/members/{target.pk}/block")
        created = not before and Block.objects.filter(blocker=viewer.user, blocked=target).exists()
        if created != allowed:
            failures.append(f"{viewer_name} blocks {subject}: created={created}")
        if allowed and response.status_code != 204:
            failures.append(f"{viewer_name} blocks {subject}: {response.status_code}")
        if viewer_name in LOCKED_OUT:
            _check_locked_out(response, failures, f"{viewer_name} blocks {subject}")
        for field_name in FIELDS:
            if world.marker(subject, field_name) in response.content.decode():
                failures.append(f"{viewer_name} blocks {subject}: answer shows {field_name}")
    assert not failures, "\n".join(failures)
