"""Running groups: making, editing, archiving them, naming and removing their organisers,
invitations to invitation-only groups, and the rule that a group always keeps an organiser."""

import pytest
from django.utils import translation

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.accounts.models import User
from tejido.audit.actions import registered_actions
from tejido.audit.models import AuditEntry
from tejido.core.errors import DomainError, InvalidInput, NotAllowed, NotFound
from tejido.core.testing import at_once
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import Group, GroupMembership
from tejido.groups.organiser_services import (
    AlreadyGroupOrganiser,
    NotInGroup,
    archive_group,
    create_group,
    name_group_organiser,
    remove_group_organiser,
    unarchive_group,
    update_group,
)
from tejido.groups.services import (
    AlreadyAsked,
    GroupArchived,
    InvitationOnly,
    LastGroupOrganiser,
    NoSuchInvitation,
    accept_group_invitation,
    decline_group_invitation,
    invite_to_group,
    join_group,
    leave_group,
)
from tejido.network.factories import AreaFactory
from tejido.notifications.models import Notice

ORGANISER = GroupMembership.Role.ORGANISER
State = GroupMembership.State


def _organisers(group: Group) -> set[int]:
    return set(
        GroupMembership.objects.filter(group=group, role=ORGANISER).values_list("user", flat=True)
    )


@pytest.mark.django_db
def test_a_network_organiser_creates_a_group_and_runs_it():
    organiser, area = OrganiserFactory(), AreaFactory()
    group = create_group(
        actor=organiser,
        name_es="  Círculo de lectura ",
        name_en="Reading circle",
        description_es="Leemos.",
        kind=Group.Kind.LOCAL,
        join_policy=Group.JoinPolicy.INVITATION,
        listed=False,
        area=area,
    )
    assert (group.slug, group.name_es, group.area, group.listed) == (
        "circulo-de-lectura",
        "Círculo de lectura",
        area,
        False,
    )
    assert _organisers(group) == {organiser.pk}
    entry = AuditEntry.objects.get()
    group_id = Group.objects.get(slug="circulo-de-lectura").pk
    assert (entry.action, entry.target_kind, entry.target_id) == (
        "group.create",
        "groups.group",
        group_id,
    )
    assert create_group(actor=organiser, name_es="Círculo de lectura").slug == (
        "circulo-de-lectura-2"
    )


@pytest.mark.django_db
def test_the_creator_may_name_another_first_organiser_who_is_told():
    organiser, member = OrganiserFactory(), UserFactory()
    group = create_group(actor=organiser, name_es="Cine", first_organiser=member)
    assert _organisers(group) == {member.pk}
    assert Notice.objects.get(user=member).kind == "group_organiser_named"
    with pytest.raises(InvalidInput) as error:
        create_group(
            actor=organiser, name_es="Otro", first_organiser=UserFactory(state=User.State.SUSPENDED)
        )
    assert "first_organiser" in error.value.detail


@pytest.mark.django_db
def test_only_network_organisers_create_groups():
    for actor in (UserFactory(), None):
        with pytest.raises(NotAllowed):
            create_group(actor=actor, name_es="Nada")
    assert not Group.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name_es": "   "}, "name_es"),
        ({"name_es": "Marisol\u200b"}, "name_es"),
        ({"name_es": "x" * 121}, "name_es"),
        ({"name_es": "Bien", "name_en": "Bad\u202e"}, "name_en"),
        ({"name_es": "Bien", "kind": "secret"}, "kind"),
        ({"name_es": "Bien", "join_policy": "lottery"}, "join_policy"),
        ({"name_es": "Bien", "description_en": "y" * 4001}, "description_en"),
    ],
)
def test_group_fields_are_checked(fields, field):
    with pytest.raises(InvalidInput) as error:
        create_group(actor=OrganiserFactory(), **fields)
    assert field in error.value.detail


@pytest.mark.django_db
def test_group_organisers_edit_their_group_and_the_slug_stays():
    group = GroupFactory(slug="cine")
    runner = UserFactory()
    GroupMembershipFactory(group=group, user=runner, role=ORGANISER)
    update_group(actor=runner, group=group, name_es="Cine queer", listed=False)
    group.refresh_from_db()
    assert (group.slug, group.name_es, group.listed) == ("cine", "Cine queer", False)
    assert AuditEntry.objects.get().detail == {"fields": ["listed", "name_es"]}
    update_group(actor=runner, group=group, name_es="Cine queer")
    assert AuditEntry.objects.count() == 1  # nothing changed, nothing recorded
    with pytest.raises(InvalidInput):
        update_group(actor=runner, group=group, slug="other")
    member = UserFactory()
    GroupMembershipFactory(group=group, user=member)
    with pytest.raises(NotAllowed):
        update_group(actor=member, group=group, name_es="Mío")
    with pytest.raises(NotFound):  # a hidden group is as if it did not exist
        update_group(actor=UserFactory(), group=group, name_es="Mío")


@pytest.mark.django_db
def test_archiving_stops_joining_and_hides_the_group_from_the_list():
    organiser, group = OrganiserFactory(), GroupFactory()
    archive_group(actor=organiser, group=group)
    archive_group(actor=organiser, group=group)
    group.refresh_from_db()
    assert group.archived_at is not None
    with pytest.raises(NotFound):
        join_group(actor=UserFactory(), group=group)
    with pytest.raises(GroupArchived):
        join_group(actor=organiser, group=group)
    unarchive_group(actor=organiser, group=group)
    group.refresh_from_db()
    assert group.archived_at is None
    assert list(AuditEntry.objects.values_list("action", flat=True).order_by("pk")) == [
        "group.archive",
        "group.unarchive",
    ]
    runner = UserFactory()
    GroupMembershipFactory(group=group, user=runner, role=ORGANISER)
    with pytest.raises(NotAllowed):
        archive_group(actor=runner, group=group)


@pytest.mark.django_db
def test_naming_and_removing_group_organisers():
    group, runner, member = GroupFactory(), UserFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=runner, role=ORGANISER)
    GroupMembershipFactory(group=group, user=member)
    name_group_organiser(actor=runner, group=group, member=member)
    assert _organisers(group) == {runner.pk, member.pk}
    assert Notice.objects.get(user=member).kind == "group_organiser_named"
    with pytest.raises(AlreadyGroupOrganiser):
        name_group_organiser(actor=runner, group=group, member=member)
    with pytest.raises(NotInGroup):
        name_group_organiser(actor=runner, group=group, member=UserFactory())
    remove_group_organiser(actor=member, group=group, member=runner)
    assert _organisers(group) == {member.pk}
    with pytest.raises(NotInGroup):
        remove_group_organiser(actor=member, group=group, member=runner)
    with pytest.raises(LastGroupOrganiser) as refused, translation.override("en"):
        remove_group_organiser(actor=OrganiserFactory(), group=group, member=member)
    assert "Name another member group organiser first" in str(refused.value)
    assert _organisers(group) == {member.pk}
    with pytest.raises(NotAllowed):
        name_group_organiser(actor=runner, group=group, member=runner)
    assert [e.action for e in AuditEntry.objects.order_by("pk")] == [
        "group.organiser_named",
        "group.organiser_removed",
    ]


@pytest.mark.django_db
def test_the_last_organiser_cannot_leave():
    group, runner = GroupFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=runner, role=ORGANISER)
    with pytest.raises(LastGroupOrganiser) as refused, translation.override("en"):
        leave_group(actor=runner, group=group)
    assert "only organiser" in str(refused.value.message)
    assert _organisers(group) == {runner.pk}


@pytest.mark.django_db
def test_invitations_to_an_invitation_only_group():
    group = GroupFactory(join_policy=Group.JoinPolicy.INVITATION, listed=False)
    runner, guest = UserFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=runner, role=ORGANISER)
    with pytest.raises(InvitationOnly):
        join_group(actor=OrganiserFactory(), group=group)
    invite_to_group(actor=runner, group=group, member=guest)
    assert Notice.objects.get(user=guest).kind == "group_invitation"
    with pytest.raises(AlreadyAsked):
        invite_to_group(actor=runner, group=group, member=guest)
    accept_group_invitation(actor=guest, group=group)
    assert GroupMembership.objects.get(user=guest).state == State.ACTIVE
    with pytest.raises(NoSuchInvitation):
        accept_group_invitation(actor=guest, group=group)
    other = UserFactory()
    invite_to_group(actor=runner, group=group, member=other)
    decline_group_invitation(actor=other, group=group)
    assert not GroupMembership.objects.filter(user=other).exists()
    with pytest.raises(NoSuchInvitation):
        decline_group_invitation(actor=None, group=group)
    with pytest.raises(NotAllowed):
        invite_to_group(actor=guest, group=group, member=other)
    with pytest.raises(NotFound):
        invite_to_group(actor=other, group=group, member=UserFactory())
    assert AuditEntry.objects.filter(action="group.invite").count() == 2


@pytest.mark.django_db
def test_an_invitation_cannot_be_accepted_while_the_group_is_archived():
    group = GroupFactory(join_policy=Group.JoinPolicy.INVITATION)
    guest = UserFactory()
    GroupMembershipFactory(group=group, user=guest, state=State.INVITED)
    archive_group(actor=OrganiserFactory(), group=group)
    with pytest.raises(GroupArchived):
        accept_group_invitation(actor=guest, group=group)


def test_every_group_action_has_a_label():
    for action in (
        "group.create",
        "group.update",
        "group.archive",
        "group.unarchive",
        "group.organiser_named",
        "group.organiser_removed",
        "group.invite",
    ):
        assert action in registered_actions()


@pytest.mark.django_db(transaction=True)
def test_two_organisers_leaving_at_once_leave_one_behind():
    group = GroupFactory()
    first, second = UserFactory(), UserFactory()
    for user in (first, second):
        GroupMembershipFactory(group=group, user=user, role=ORGANISER)
    outcomes = at_once(
        lambda: leave_group(actor=first, group=group),
        lambda: leave_group(actor=second, group=group),
        refused=DomainError,
    )
    assert outcomes == ["done", "refused"]
    assert len(_organisers(group)) == 1


@pytest.mark.django_db(transaction=True)
def test_two_organisers_removing_each_other_at_once_leave_one():
    group = GroupFactory()
    first, second = UserFactory(), UserFactory()
    for user in (first, second):
        GroupMembershipFactory(group=group, user=user, role=ORGANISER)
    outcomes = at_once(
        lambda: remove_group_organiser(actor=first, group=group, member=second),
        lambda: remove_group_organiser(actor=second, group=group, member=first),
        refused=DomainError,
    )
    # The second to run is no longer an organiser, so it may not remove anyone.
    assert outcomes == ["done", "refused"]
    assert len(_organisers(group)) == 1
