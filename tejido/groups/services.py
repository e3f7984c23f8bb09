"""Every write to groups and membership of them."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tejido.access.base import is_vetted
from tejido.access.groups import can_join_group, can_leave_group, can_manage_group, can_see_group
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


def _lock_group(group: Group) -> Group:
    """Lock the group row so that decisions on its membership run one after another."""
    locked = Group.objects.select_for_update().filter(pk=group.pk).first()
    if locked is None:
        raise NotFound()
    return locked


def _join(*, actor: User, group: Group) -> GroupMembership:
    if not can_see_group(actor, group):
        raise NotFound()
    group = _lock_group(group)
    if not can_join_group(actor, group):
        existing = GroupMembership.objects.get(group=group, user=actor)
        if existing.state == GroupMembership.State.REQUESTED:
            raise RequestPending()
        raise AlreadyInGroup()
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
    """Leave a group, or withdraw a request to join it. Leaving a group one is not in does
    nothing."""
    if not is_vetted(actor):
        raise NotAllowed()
    if can_leave_group(actor, group):
        GroupMembership.objects.filter(group=group.pk, user=actor).delete()
        forget_member_counts()


def _pending_request(*, actor: User, group: Group, member: User) -> tuple[Group, GroupMembership]:
    """Authorise a decision on `member`'s request to join `group` and lock it. Someone who
    may not run the group, a request that does not exist or was decided, and a requester the
    actor may not see all give the same NotFound."""
    if not can_manage_group(actor, group):
        raise NoSuchRequest()
    group = _lock_group(group)
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
    request is removed, so the member may ask again later; no notice is sent."""
    group, request = _pending_request(actor=actor, group=group, member=member)
    request.delete()
    record_action(
        actor=actor,
        action="group.decline_request",
        target_user=member,
        target=group,
    )
