"""The audit log as organisers read it: newest first, by chosen name, every action and target
in the reader's language, paginated, and for organisers only."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.audit.actions import UnknownAction, register_actions, registered_actions
from tejido.audit.selectors import list_audit_entries
from tejido.audit.services import record_action
from tejido.core.errors import NotFound
from tejido.groups.factories import GroupFactory
from tejido.membership.factories import InvitationFactory
from tejido.network.factories import AreaFactory

pytestmark = pytest.mark.django_db


def test_entries_newest_first_with_names_and_labels_in_the_readers_language():
    organiser = OrganiserFactory(profile__chosen_name="Orla")
    target = UserFactory(profile__chosen_name="Tomás")
    record_action(actor=organiser, action="area.add", target=AreaFactory(name="Norte"))
    record_action(actor=organiser, action="member.suspend", target_user=target)

    with translation.override("en"):
        page = list_audit_entries(viewer=organiser)
    assert [row.action for row in page] == ["member.suspend", "area.add"]
    newest = page.items[0]
    assert (newest.actor_name, newest.target_name) == ("Orla", "Tomás")
    assert newest.action_label == "Suspended a member"
    assert page.items[1].target_name == "Norte"


def test_targets_read_in_the_readers_language_and_survive_their_deletion(organiser, translations):
    group = GroupFactory(name_es="Cineclub", name_en="Film club")
    invitation = InvitationFactory(created_by=organiser)
    area = AreaFactory(name="Sur")
    record_action(actor=organiser, action="group.approve_request", target=group)
    record_action(actor=organiser, action="invitation.revoke", target=invitation)
    record_action(actor=organiser, action="area.delete", target=area)
    area.delete()

    with translation.override("es"):
        spanish = [(r.action_label, r.target_name) for r in list_audit_entries(viewer=organiser)]
    with translation.override("en"):
        english = [(r.action_label, r.target_name) for r in list_audit_entries(viewer=organiser)]
    assert spanish[0][1] == "Sur"
    assert spanish[1] == (
        "Revocó un enlace de invitación",
        f"enlace de invitación n.º {invitation.pk}",
    )
    assert spanish[2][1] == "Cineclub"
    assert english[1] == ("Revoked an invitation link", f"invitation link no. {invitation.pk}")
    assert english[2] == ("Let someone into a group", "Film club")


def test_an_action_without_a_label_cannot_be_recorded(organiser):
    with pytest.raises(UnknownAction):
        record_action(actor=organiser, action="events.cancel")


def test_every_registered_action_has_a_label_in_both_languages(translations):
    assert registered_actions(), "no app registered its audit actions"
    for code, label in registered_actions().items():
        with translation.override("en"):
            english = str(label)
        with translation.override("es"):
            spanish = str(label)
        assert english, code
        assert spanish != english, code


def test_a_code_registered_twice_must_mean_the_same():
    label = registered_actions()["area.add"]
    register_actions({"area.add": label})
    with pytest.raises(ValueError, match="twice"):
        register_actions({"area.add": _("Something else")})


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
        record_action(actor=organiser, action="area.add", target=AreaFactory(name=f"Area {number}"))
    first = list_audit_entries(viewer=organiser, page=1)
    second = list_audit_entries(viewer=organiser, page="2")
    beyond = list_audit_entries(viewer=organiser, page="99")
    junk = list_audit_entries(viewer=organiser, page="abc")
    assert (len(first), len(second)) == (50, 5)
    assert first.items[0].target_name == "Area 54"
    assert first.has_next
    assert not second.has_next
    assert second.has_previous
    assert beyond.number == 2
    assert junk.number == 1


def test_only_organisers_read_the_log(member, applicant):
    for viewer in (member, applicant, None):
        with pytest.raises(NotFound):
            list_audit_entries(viewer=viewer)
