"""The privacy table (privacy_table.py) run directly against tejido.access and through the HTML
pages that show members: a member's page, the member list and a group's page."""

import re
from dataclasses import asdict

import pytest
from django.test import Client
from django.urls import reverse

from tejido.access.groups import (
    can_join_group,
    can_manage_group,
    can_see_group,
    visible_group_members,
)
from tejido.access.members import (
    MemberCard,
    can_block_member,
    can_see_member,
    member_cards,
    visible_members,
)
from tejido.access.tests.privacy_table import (
    FIELDS,
    GROUP_ACTION_TABLE,
    MEMBER_ACTION_TABLE,
    REACH,
    SEES_MEMBER,
    SUBJECTS,
    VIEWERS,
    World,
    build_world,
    field_rows,
    group_action_rows,
    member_action_rows,
)
from tejido.accounts.models import AUDIENCED_FIELDS, Profile

pytestmark = pytest.mark.django_db


# --- the table itself ------------------------------------------------------------------------


def test_every_audienced_profile_field_has_a_row_in_the_table():
    audienced_in_table = {name for name, rule in FIELDS.items() if rule == "audience"}
    assert set(AUDIENCED_FIELDS) == audienced_in_table, (
        "A profile field with an audience needs its rule in privacy_table.FIELDS"
    )


def test_every_profile_field_is_in_the_table_or_known_to_be_internal():
    internal = {"id", "user", "created_at", "updated_at", "sort_name"}
    audiences = {f"{name}_audience" for name in AUDIENCED_FIELDS}
    model_fields = {f.name for f in Profile._meta.get_fields()}
    unknown = model_fields - set(FIELDS) - internal - audiences
    assert not unknown, f"Profile fields missing from the privacy table: {sorted(unknown)}"


def test_the_tables_cover_every_viewer_and_subject():
    assert set(REACH) == set(VIEWERS) == set(SEES_MEMBER) == set(MEMBER_ACTION_TABLE)
    assert {viewer for viewer, _group in GROUP_ACTION_TABLE} == set(VIEWERS) - {"self"}
    assert all(len(reach) == len(SUBJECTS) for reach in REACH.values())
    rows = field_rows()
    assert len(rows) == len(VIEWERS) * len(SUBJECTS) * len(FIELDS)
    assert len({(r.viewer, r.subject, r.field) for r in rows}) == len(rows)


def test_markers_are_unique_and_none_contains_another(world: World):
    markers = [world.marker(s, f) for s in SUBJECTS for f in FIELDS]
    assert len(set(markers)) == len(markers)
    for a in markers:
        assert not any(a != b and a in b for b in markers)


# --- the world -------------------------------------------------------------------------------


@pytest.fixture
def world() -> World:
    return build_world()


def _card_text(card: MemberCard) -> str:
    return repr(asdict(card)) + " ".join(card.language_names)


def _mismatches(rows, seen) -> list[str]:
    return [f"{row}: got {seen(row)}" for row in rows if seen(row) != row[3]]


# --- directly against tejido.access ----------------------------------------------------------


def test_fields_directly_through_access(world: World):
    def seen(row) -> bool:
        viewer = world.viewer(row.viewer, row.subject)
        subject = world.users[row.subject]
        if not can_see_member(viewer, subject):
            return False
        card = member_cards(viewer, [subject])[0]
        return world.marker(row.subject, row.field) in _card_text(card)

    assert _mismatches(field_rows(), seen) == []


def test_member_actions_directly_through_access(world: World):
    circle = world.groups["circle"]

    def seen(row) -> bool:
        viewer = world.viewer(row.viewer, row.target)
        subject = world.users[row.target]
        if row.action == "see_in_member_list":
            return visible_members(viewer).filter(pk=subject.pk).exists()
        if row.action == "open_profile":
            return can_see_member(viewer, subject)
        if row.action == "block":
            return can_block_member(viewer, subject)
        assert row.action == "see_in_group_members"
        return visible_group_members(viewer, circle).filter(pk=subject.pk).exists()

    assert _mismatches(member_action_rows(), seen) == []


def test_group_actions_directly_through_access(world: World):
    checks = {"see_group": can_see_group, "join": can_join_group, "manage": can_manage_group}

    def seen(row) -> bool:
        return checks[row.action](world.viewer(row.viewer), world.groups[row.target])

    assert _mismatches(group_action_rows(), seen) == []


# --- through the HTML pages ------------------------------------------------------------------


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _get(user, url: str):
    return _client(user).get(url)


def test_fields_through_member_pages(world: World):
    pages: dict[tuple[str, str], str] = {}
    for viewer_name in VIEWERS:
        for subject in SUBJECTS:
            user = world.viewer(viewer_name, subject)
            url = reverse("member_detail", args=[world.users[subject].pk])
            pages[viewer_name, subject] = _get(user, url).content.decode()

    def seen(row) -> bool:
        return world.marker(row.subject, row.field) in pages[row.viewer, row.subject]

    assert _mismatches(field_rows(), seen) == []


def _neutral(page: str, response) -> str:
    """The page without what differs between any two requests: the CSRF token and the path."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return page.replace(response.request["PATH_INFO"], "")


def test_member_page_answers_alike_when_hidden_or_missing(world: World):
    missing = reverse("member_detail", args=[999999])
    for viewer_name in VIEWERS:
        for subject in SUBJECTS:
            user = world.viewer(viewer_name, subject)
            response = _get(user, reverse("member_detail", args=[world.users[subject].pk]))
            allowed = MEMBER_ACTION_TABLE[viewer_name][1]
            if user is None:
                assert response.status_code == 302
            elif allowed:
                assert response.status_code == 200
            else:
                hidden = response.content.decode()
                absent = _get(user, missing)
                if absent.status_code == 302:  # a suspended member is logged out at once
                    assert response.status_code == 302
                else:
                    assert (response.status_code, absent.status_code) == (404, 404)
                    assert _neutral(hidden, response) == _neutral(absent.content.decode(), absent)


def test_fields_and_actions_through_the_member_list(world: World):
    url = reverse("member_list")
    pages = {v: _get(world.viewer(v), url).content.decode() for v in VIEWERS if v != "self"}
    # "self" is each subject looking at the list.
    for subject in SUBJECTS:
        pages[f"self:{subject}"] = _get(world.users[subject], url).content.decode()

    def page_for(viewer: str, subject: str) -> str:
        return pages[f"self:{subject}" if viewer == "self" else viewer]

    def listed(row) -> bool:
        marker = world.marker(row.target, "chosen_name")
        return marker in page_for(row.viewer, row.target)

    rows = [r for r in member_action_rows() if r.action == "see_in_member_list"]
    assert _mismatches(rows, listed) == []

    # The list shows pronouns as their audience allows, and no other field.
    def field_seen(row) -> bool:
        return world.marker(row.subject, row.field) in page_for(row.viewer, row.subject)

    shown_on_list = {"chosen_name", "pronouns"}
    expected = [r if r.field in shown_on_list else r._replace(visible=False) for r in field_rows()]
    assert _mismatches(expected, field_seen) == []


def test_actions_and_fields_through_the_group_page(world: World):
    url = reverse("group_detail", args=["circle"])
    pages = {v: _get(world.viewer(v), url) for v in VIEWERS if v != "self"}
    for subject in SUBJECTS:
        pages[f"self:{subject}"] = _get(world.users[subject], url)

    def page_for(viewer: str, subject: str) -> str:
        return pages[f"self:{subject}" if viewer == "self" else viewer].content.decode()

    def listed(row) -> bool:
        return world.marker(row.target, "chosen_name") in page_for(row.viewer, row.target)

    rows = [r for r in member_action_rows() if r.action == "see_in_group_members"]
    assert _mismatches(rows, listed) == []

    # A group's page shows a member's pronouns as their audience allows, nothing else of them.
    def field_seen(row) -> bool:
        return world.marker(row.subject, row.field) in page_for(row.viewer, row.subject)

    expected = []
    for row in field_rows():
        in_list = MEMBER_ACTION_TABLE[row.viewer][3]
        shown = row.field in {"chosen_name", "pronouns"} and in_list and row.visible
        expected.append(row._replace(visible=shown))
    assert _mismatches(expected, field_seen) == []


def test_member_actions_offered_on_the_member_page(world: World):
    def offered(row) -> bool:
        if row.action != "block":
            return row.allowed  # covered by the tests above
        viewer = world.viewer(row.viewer, row.target)
        target = world.users[row.target]
        page = _get(viewer, reverse("member_detail", args=[target.pk])).content.decode()
        return reverse("member_block", args=[target.pk]) in page

    assert _mismatches(member_action_rows(), offered) == []


def test_group_actions_through_the_group_pages(world: World):
    def seen(row) -> bool:
        viewer = world.viewer(row.viewer)
        group = world.groups[row.target]
        response = _get(viewer, reverse("group_detail", args=[group.slug]))
        if row.action == "see_group":
            return response.status_code == 200
        page = response.content.decode()
        if row.action == "join":
            return reverse("group_join", args=[group.slug]) in page
        assert row.action == "manage"
        return 'id="requests-heading"' in page

    assert _mismatches(group_action_rows(), seen) == []
