"""Every write to membership of groups: joining, leaving, requests to join and invitations to
invitation-only groups. Making, editing, archiving groups and naming their organisers are in
organiser_services.py."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tejido.access.base import AnyUser, is_vetted
from tejido.access.groups import (
    can_invite_to_group,
    can_join_group,
    can_leave_group,
    can_manage_group,
    can_see_group,
    leave_refusal,
)
from tejido.access.members import can_see_member, forget_member_counts
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.errors import Conflict, NotAllowed, NotFound
from tejido.core.models import bilingual
from tejido.groups.models import Group, GroupMembership
from tejido.notifications.services import notify


class AlreadyInGroup(Conflict):
    code = "already_in_group"
    message = _("You are already in this group.")


class RequestPending(Conflict):
    code = "request_pending"
    message = _("You have already asked to join this group; its organisers will decide soon.")


class NoSuchRequest(NotFound):
    code = "no_such_request"
    message = _("There is no such request to join, or it was already decided.")


class InvitationOnly(NotAllowed):
    code = "invitation_only"
    message = _("This group is by invitation only: its organisers invite members to join.")


class GroupArchived(Conflict):
    code = "group_archived"
    message = _("This group is archived: nobody can join it now.")


class LastGroupOrganiser(Conflict):
    code = "last_group_organiser"
    message = _(
        "A group always keeps an organiser. Name another member group organiser first; then "
        "this one can step down or leave."
    )


def lock_group(group: Group) -> Group:
    """Lock the group row so that decisions on its membership run one after another."""
    locked = Group.objects.select_for_update().filter(pk=group.pk).first()
    if locked is None:
        raise NotFound()
    return locked


def _join(*, actor: User, group: Group) -> GroupMembership:
    if not can_see_group(actor, group):
        raise NotFound()
    group = lock_group(group)
    if not can_join_group(actor, group):
        existing = GroupMembership.objects.filter(group=group, user=actor).first()
        if existing is not None and existing.state == GroupMembership.State.REQUESTED:
            raise RequestPending()
        if existing is not None:
            raise AlreadyInGroup()
        if group.archived_at is not None:
            raise GroupArchived()
        raise InvitationOnly()
    state = (
        GroupMembership.State.REQUESTED
        if group.join_policy == Group.JoinPolicy.REQUEST
        else GroupMembership.State.ACTIVE
    )
    membership = GroupMembership.objects.create(group=group, user=actor, state=state)
    forget_member_counts()
    return membership


@transaction.atomic
def join_group(*, actor: User, group: Group) -> GroupMembership:
    """Join a group: at once if it is open to every member; a group that is by request gets a
    request its organisers decide (the membership is REQUESTED until then)."""
    return _join(actor=actor, group=group)


@transaction.atomic
def request_to_join(*, actor: User, group: Group) -> GroupMembership:
    """Ask to join a group that is by request. Asking to join an open group simply joins it:
    there is nobody to ask."""
    return _join(actor=actor, group=group)


@transaction.atomic
def leave_group(*, actor: User, group: Group) -> None:
    """Leave a group, withdraw a request to join it or decline an invitation. Leaving a group
    one is not in does nothing. The group's last organiser may not leave (LastGroupOrganiser):
    the group row is locked, so two organisers leaving at once cannot both go."""
    if not is_vetted(actor):
        raise NotAllowed()
    group = lock_group(group)
    if leave_refusal(actor, group) is not None:
        raise LastGroupOrganiser(leave_refusal(actor, group))
    if can_leave_group(actor, group):
        GroupMembership.objects.filter(group=group.pk, user=actor).delete()
        forget_member_counts()


def _pending_request(*, actor: User, group: Group, member: User) -> tuple[Group, GroupMembership]:
    """Authorise a decision on `member`'s request to join `group` and lock it. Someone who
    may not run the group, a request that does not exist or was decided, and a requester the
    actor may not see all give the same NotFound."""
    if not can_manage_group(actor, group):
        raise NoSuchRequest()
    group = lock_group(group)
    request = (
        GroupMembership.objects.select_for_update()
        .filter(group=group, user=member.pk, state=GroupMembership.State.REQUESTED)
        .first()
    )
    if request is None or not can_see_member(actor, member):
        raise NoSuchRequest()
    return group, request


@transaction.atomic
def approve_join_request(*, actor: User, group: Group, member: User) -> GroupMembership:
    """A network organiser or one of the group's organisers lets `member` in; `member` is
    told, in their own language."""
    group, request = _pending_request(actor=actor, group=group, member=member)
    request.state = GroupMembership.State.ACTIVE
    request.save(update_fields=["state", "updated_at"])
    forget_member_counts()
    record_action(
        actor=actor,
        action="group.approve_request",
        target_user=member,
        target=group,
    )
    notify(
        user=member,
        kind="group_request_approved",
        about=group,
        params={"group": bilingual(group, "name")},
        url=reverse("group_detail", args=[group.slug]),
    )
    return request


@transaction.atomic
def decline_join_request(*, actor: User, group: Group, member: User) -> None:
    """A network organiser or one of the group's organisers declines `member`'s request. The
    request is removed, so the member may ask again later; they are told kindly, with no
    reason and no organiser's name."""
    group, request = _pending_request(actor=actor, group=group, member=member)
    record_action(
        actor=actor,
        action="group.decline_request",
        target_user=member,
        target=group,
    )
    # Told while the request still stands: a hidden group's audience is those in it.
    notify(
        user=member,
        kind="group_request_declined",
        about=group,
        params={"group": bilingual(group, "name")},
        url=reverse("group_list"),
    )
    request.delete()


# Invitations to invitation-only groups ------------------------------------------------------


class AlreadyAsked(Conflict):
    code = "already_asked"
    message = _("%(name)s is already in this group, has asked to join it or is invited to it.")


class NoSuchInvitation(NotFound):
    code = "no_such_invitation"
    message = _("There is no such invitation to this group, or it was already answered.")


@transaction.atomic
def invite_to_group(*, actor: AnyUser, group: Group, member: User) -> GroupMembership:
    """One who runs an invitation-only group invites `member` to it; `member` is told and
    accepts or declines. Someone the actor may not see is as if they did not exist."""
    if not can_see_group(actor, group):
        raise NotFound()
    group = lock_group(group)
    if not can_invite_to_group(actor, group):
        raise NotAllowed()
    if not can_see_member(actor, member):
        raise NotFound()
    assert isinstance(actor, User)
    if GroupMembership.objects.filter(group=group, user=member.pk).exists():
        raise AlreadyAsked(AlreadyAsked.message % {"name": member.profile.chosen_name})
    membership = GroupMembership.objects.create(
        group=group, user=member, state=GroupMembership.State.INVITED
    )
    record_action(actor=actor, action="group.invite", target_user=member, target=group)
    notify(
        user=member,
        kind="group_invitation",
        about=group,
        params={"group": bilingual(group, "name")},
        url=reverse("group_detail", args=[group.slug]),
    )
    return membership


def _my_invitation(*, actor: AnyUser, group: Group) -> tuple[Group, GroupMembership]:
    if not is_vetted(actor):
        raise NoSuchInvitation()
    group = lock_group(group)
    invitation = (
        GroupMembership.objects.select_for_update()
        .filter(group=group, user=actor.pk, state=GroupMembership.State.INVITED)
        .first()
    )
    if invitation is None:
        raise NoSuchInvitation()
    return group, invitation


@transaction.atomic
def accept_group_invitation(*, actor: AnyUser, group: Group) -> GroupMembership:
    """Accept an invitation to a group: one is in it at once (not while it is archived)."""
    group, invitation = _my_invitation(actor=actor, group=group)
    if group.archived_at is not None:
        raise GroupArchived()
    invitation.state = GroupMembership.State.ACTIVE
    invitation.save(update_fields=["state", "updated_at"])
    forget_member_counts()
    return invitation


@transaction.atomic
def decline_group_invitation(*, actor: AnyUser, group: Group) -> None:
    """Decline an invitation to a group. Nobody is told; the organisers may invite again."""
    _group, invitation = _my_invitation(actor=actor, group=group)
    invitation.delete()
