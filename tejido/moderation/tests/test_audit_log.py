"""The audit log as organisers read it: newest first, by chosen name, paginated, and for
organisers only."""

import pytest
from django.utils import translation

from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.core.errors import NotFound
from tejido.moderation.selectors import describe_action, list_audit_entries
from tejido.moderation.services import record_action

pytestmark = pytest.mark.django_db


def test_entries_newest_first_with_names_and_labels():
    organiser = OrganiserFactory(profile__chosen_name="Orla")
    target = UserFactory(profile__chosen_name="Tomás")
    record_action(actor=organiser, action="area.add", target="Norte")
    record_action(actor=organiser, action="member.suspend", target_user=target, target="x")

    with translation.override("en"):
        page = list_audit_entries(viewer=organiser)

    assert [row.action for row in page] == ["member.suspend", "area.add"]
    newest = page.items[0]
    assert (newest.actor_name, newest.target_name) == ("Orla", "Tomás")
    assert str(newest.action_label) == "Suspended a member"
    assert page.items[1].target == "Norte"


def test_an_unknown_action_shows_its_code_and_features_can_name_theirs(organiser, monkeypatch):
    from tejido.moderation import selectors

    monkeypatch.setattr(selectors, "ACTION_LABELS", dict(selectors.ACTION_LABELS))
    record_action(actor=organiser, action="events.cancel")
    assert list_audit_entries(viewer=organiser).items[0].action_label == "events.cancel"
    describe_action("events.cancel", "Cancelled an event")
    assert list_audit_entries(viewer=organiser).items[0].action_label == "Cancelled an event"


def test_someone_in_a_block_with_the_viewer_is_a_hidden_member(organiser):
    hidden = UserFactory(profile__chosen_name="Blocked Bea")
    BlockFactory(blocker=hidden, blocked=organiser)
    record_action(actor=OrganiserFactory(), action="member.roles", target_user=hidden)

    with translation.override("en"):
        row = list_audit_entries(viewer=organiser).items[0]

    assert row.target_name == "Hidden member"
    assert "Bea" not in str(row)


def test_pages_of_fifty(organiser):
    for number in range(55):
        record_action(actor=organiser, action="area.add", target=f"Area {number}")
    first = list_audit_entries(viewer=organiser, page=1)
    second = list_audit_entries(viewer=organiser, page="2")
    beyond = list_audit_entries(viewer=organiser, page="99")
    junk = list_audit_entries(viewer=organiser, page="abc")
    assert (len(first), len(second)) == (50, 5)
    assert first.items[0].target == "Area 54"
    assert first.has_next
    assert not second.has_next
    assert second.has_previous
    assert beyond.number == 2
    assert junk.number == 1


def test_only_organisers_read_the_log(member, applicant):
    for viewer in (member, applicant, None):
        with pytest.raises(NotFound):
            list_audit_entries(viewer=viewer)
