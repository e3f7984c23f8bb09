"""Running groups through the pages: the organiser area's list of groups, making, editing and
archiving a group, naming and removing group organisers, the last organiser's sentence,
hidden groups, and invitations to invitation-only groups."""

from typing import cast

import pytest
from django.urls import reverse
from django.utils import timezone

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.audit.models import AuditEntry
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import Group, GroupMembership

pytestmark = pytest.mark.django_db

ORGANISER = GroupMembership.Role.ORGANISER


def _named(name: str, **kwargs) -> User:
    user = cast(User, UserFactory(language="en", **kwargs))
    user.profile.chosen_name = name
    user.profile.save()
    return user


def _runs(group: Group, user: User) -> User:
    GroupMembershipFactory(group=group, user=user, role=ORGANISER)
    return user


def test_the_organiser_area_lists_every_group_with_an_empty_state(login):
    client = login(OrganiserFactory(language="en"))
    page = client.get(reverse("organise_groups")).content.decode()
    assert "No groups yet." in page
    assert reverse("organise_group_new") in page
    GroupFactory(name_en="Hidden circle", listed=False)
    GroupFactory(name_en="Old club", archived_at=timezone.now())
    page = client.get(reverse("organise_groups")).content.decode()
    assert "Hidden circle" in page
    assert "Old club" in page
    assert "Archived" in page
    assert "Bring back" in page


def test_a_network_organiser_creates_a_group_from_the_page(login):
    organiser = OrganiserFactory(language="en")
    client = login(organiser)
    assert client.get(reverse("organise_group_new")).status_code == 200
    answer = client.post(
        reverse("organise_group_new"),
        {
            "name_es": "Círculo de lectura",
            "name_en": "Reading circle",
            "description_es": "",
            "description_en": "We read.",
            "kind": "themed",
            "join_policy": "invitation",
            "listed": "",
        },
        follow=True,
    )
    page = answer.content.decode()
    assert answer.redirect_chain[-1][0] == reverse("group_detail", args=["circulo-de-lectura"])
    assert "was created, with you as its organiser" in page
    assert "This group is hidden" in page
    group = Group.objects.get()
    assert (group.join_policy, group.listed) == ("invitation", False)
    # The only organiser is told why they cannot leave instead of being shown the button.
    assert "You are this group&#x27;s only organiser" in page
    assert reverse("group_leave", args=[group.slug]) not in page


def test_a_group_form_with_errors_says_what_to_fix(login):
    client = login(OrganiserFactory(language="en"))
    answer = client.post(
        reverse("organise_group_new"),
        {"name_es": "Bad\u200bname", "kind": "themed", "join_policy": "open"},
    )
    assert answer.status_code == 400
    assert "invisible or formatting characters" in answer.content.decode()
    assert not Group.objects.exists()


def test_group_organisers_edit_their_group_others_get_404(login):
    group = GroupFactory(slug="cine", name_en="Film")
    runner = _runs(group, _named("Runner"))
    client = login(runner)
    assert client.get(reverse("group_edit", args=["cine"])).status_code == 200
    answer = client.post(
        reverse("group_edit", args=["cine"]),
        {"name_es": "Cine", "name_en": "Queer film", "kind": "themed", "join_policy": "request"},
        follow=True,
    )
    assert "The group was saved." in answer.content.decode()
    group.refresh_from_db()
    assert (group.slug, group.name_en, group.join_policy, group.listed) == (
        "cine",
        "Queer film",
        "request",
        False,
    )
    member = UserFactory()
    GroupMembershipFactory(group=group, user=member)
    assert login(member).get(reverse("group_edit", args=["cine"])).status_code == 404


def test_archiving_and_bringing_back_from_the_organiser_area(login):
    group = GroupFactory(name_en="Film")
    client = login(OrganiserFactory(language="en"))
    page = client.post(
        reverse("organise_group_archive", args=[group.slug]), follow=True
    ).content.decode()
    assert "is archived" in page
    group.refresh_from_db()
    assert group.archived_at is not None
    assert login(UserFactory()).get(reverse("group_detail", args=[group.slug])).status_code == 404
    client.post(reverse("organise_group_unarchive", args=[group.slug]))
    group.refresh_from_db()
    assert group.archived_at is None
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == [
        "group.archive",
        "group.unarchive",
    ]


def test_a_hidden_group_answers_a_non_member_as_a_missing_one(login, assert_same_answer):
    GroupFactory(slug="secret", listed=False)
    client = login(UserFactory())
    hidden = client.get(reverse("group_detail", args=["secret"]))
    missing = client.get(reverse("group_detail", args=["no-such-group"]))
    assert hidden.status_code == 404
    assert_same_answer(hidden, missing)
    for name in ("group_join", "group_leave", "group_invitation_answer"):
        assert_same_answer(
            client.post(reverse(name, args=["secret"])),
            client.post(reverse(name, args=["no-such-group"])),
        )


def test_naming_and_removing_group_organisers_from_the_group_page(login):
    group = GroupFactory(slug="cine")
    runner = _runs(group, _named("Runner"))
    member = _named("Alba")
    GroupMembershipFactory(group=group, user=member)
    client = login(runner)
    page = client.get(reverse("group_detail", args=["cine"])).content.decode()
    assert "Make group organiser" in page
    assert "The only organiser: name another before removing them." in page
    action = reverse("group_organiser", args=["cine", member.pk])
    page = client.post(action, {"decision": "name"}, follow=True).content.decode()
    assert "Alba is now an organiser of this group." in page
    assert "Remove as group organiser" in page
    assert reverse("group_leave", args=["cine"]) in page  # no longer the only organiser
    page = client.post(
        reverse("group_organiser", args=["cine", runner.pk]), {"decision": "remove"}, follow=True
    ).content.decode()
    assert "Runner is no longer an organiser" in page
    # Now a plain member, Runner no longer sees the buttons.
    assert "Make group organiser" not in page
    page = login(member).post(action, {"decision": "remove"}, follow=True).content.decode()
    assert "A group always keeps an organiser." in page
    assert GroupMembership.objects.get(user=member).role == ORGANISER


def test_the_last_organiser_cannot_leave_through_the_form_either(login):
    group = GroupFactory(slug="cine")
    runner = _runs(group, _named("Runner"))
    page = login(runner).post(reverse("group_leave", args=["cine"]), follow=True).content.decode()
    assert "only organiser" in page
    assert GroupMembership.objects.filter(user=runner).exists()


def test_plain_members_cannot_name_organisers(login, assert_same_answer):
    group = GroupFactory(slug="cine")
    _runs(group, UserFactory())
    member, other = UserFactory(language="en"), UserFactory()
    GroupMembershipFactory(group=group, user=member)
    GroupMembershipFactory(group=group, user=other)
    client = login(member)
    page = client.post(reverse("group_organiser", args=["cine", other.pk]), {"decision": "name"})
    # Not theirs to do: the 404 page, as for a group that does not exist.
    assert_same_answer(page, client.get("/groups/no-such-group/"))
    assert GroupMembership.objects.get(user=other).role == GroupMembership.Role.MEMBER


def test_inviting_from_a_profile_and_accepting_from_home(login):
    group = GroupFactory(
        slug="circle", name_en="Circle", join_policy=Group.JoinPolicy.INVITATION, listed=False
    )
    runner = _runs(group, _named("Runner"))
    guest = _named("Guest")
    client = login(runner)
    profile = client.get(reverse("member_detail", args=[guest.pk])).content.decode()
    assert "Invite to a group" in profile
    page = client.post(
        reverse("member_group_invite", args=[guest.pk]), {"group": "circle"}, follow=True
    ).content.decode()
    assert "You invited Guest to Circle." in page
    assert "Invite to a group" not in page  # already invited: nothing left to invite to
    assert (
        client.post(reverse("member_group_invite", args=[guest.pk]), {"group": "circle"})
    ).status_code == 404
    guests = login(guest)
    home = guests.get(reverse("home")).content.decode()
    assert "Invitations to groups" in home
    assert "Circle" in home
    group_page = guests.get(reverse("group_detail", args=["circle"])).content.decode()
    assert "Accept the invitation" in group_page
    page = guests.post(
        reverse("group_invitation_answer", args=["circle"]), {"decision": "accept"}, follow=True
    ).content.decode()
    assert "Welcome to Circle!" in page
    assert GroupMembership.objects.get(user=guest).state == GroupMembership.State.ACTIVE


def test_declining_an_invitation(login):
    group = GroupFactory(slug="circle", join_policy=Group.JoinPolicy.INVITATION)
    guest = _named("Guest")
    GroupMembershipFactory(group=group, user=guest, state=GroupMembership.State.INVITED)
    client = login(guest)
    page = client.post(
        reverse("group_invitation_answer", args=["circle"]), {"decision": "decline"}, follow=True
    ).content.decode()
    assert "You declined the invitation" in page
    assert "This group is by invitation only" in page
    assert not GroupMembership.objects.filter(user=guest).exists()
    again = client.post(
        reverse("group_invitation_answer", args=["circle"]), {"decision": "accept"}, follow=True
    )
    assert "There is no such invitation" in again.content.decode()


def test_group_organising_pages_speak_spanish(login, translations):
    client = login(OrganiserFactory(language="es"))
    page = client.get(reverse("organise_groups")).content.decode()
    assert "Grupo nuevo" in page
    assert "Crear el grupo" in client.get(reverse("organise_group_new")).content.decode()


def test_the_group_list_marks_hidden_and_invited_groups_for_those_who_see_them(login):
    me = _named("Me")
    hidden = GroupFactory(name_en="Quiet circle", listed=False)
    GroupMembershipFactory(group=hidden, user=me)
    invited = GroupFactory(name_en="Families", join_policy=Group.JoinPolicy.INVITATION)
    GroupMembershipFactory(group=invited, user=me, state=GroupMembership.State.INVITED)
    page = login(me).get(reverse("group_list")).content.decode()
    assert "Quiet circle" in page
    assert "Hidden" in page
    assert "You are invited" in page
    assert "Quiet circle" not in login(_named("Other")).get(reverse("group_list")).content.decode()


def test_an_invitation_link_cannot_bring_anyone_into_an_archived_group(login):
    GroupFactory(name_es="Archivado", name_en="Archived one", archived_at=timezone.now())
    GroupFactory(name_es="Vivo", name_en="Alive")
    page = login(OrganiserFactory(language="en")).get(reverse("organise_invitations"))
    assert "Alive" in page.content.decode()
    assert "Archived one" not in page.content.decode()
