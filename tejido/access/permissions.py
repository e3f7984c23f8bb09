"""`can_<verb>_<noun>(actor, obj)`: what someone may do. Services enforce these; views and
templates ask the same questions to decide what to offer."""

from tejido.access.audience import AnyUser, is_organiser, is_vetted
from tejido.access.visibility import can_see_member, is_group_member
from tejido.accounts.models import User
from tejido.groups.models import Group, GroupMembership


def can_manage_network(actor: AnyUser | None) -> bool:
    """Review applications and invitations, manage members, settings and the audit log."""
    return is_organiser(actor)


def can_block_member(actor: AnyUser | None, target: User) -> bool:
    return is_vetted(actor) and actor.pk != target.pk and can_see_member(actor, target)  # type: ignore[union-attr]


def can_join_group(actor: AnyUser | None, group: Group) -> bool:
    return is_vetted(actor) and not GroupMembership.objects.filter(
        group=group, user=actor.pk  # type: ignore[union-attr]
    ).exists()


def can_leave_group(actor: AnyUser | None, group: Group) -> bool:
    return is_vetted(actor) and GroupMembership.objects.filter(
        group=group, user=actor.pk  # type: ignore[union-attr]
    ).exists()


def can_manage_group(actor: AnyUser | None, group: Group) -> bool:
    """Network organisers, and the group's own organisers, run a group."""
    if is_organiser(actor):
        return True
    return is_group_member(actor, group) and GroupMembership.objects.filter(
        group=group, user=actor.pk, role=GroupMembership.Role.ORGANISER  # type: ignore[union-attr]
    ).exists()


def can_use_api(actor: AnyUser | None) -> bool:
    return is_vetted(actor)
