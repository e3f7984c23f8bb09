"""`can_<verb>_<noun>(actor, obj)`: what someone may do. Services enforce these; views and
templates ask the same questions to decide what to offer."""

from tejido.access.audience import AnyUser, is_organiser, is_vetted
from tejido.access.visibility import GroupRelation, can_see_group, can_see_member, runs_group
from tejido.accounts.models import User
from tejido.groups.models import Group, GroupMembership


def can_manage_network(actor: AnyUser | None) -> bool:
    """Review applications and invitations, manage members, settings and the audit log."""
    return is_organiser(actor)


def can_edit_profile(actor: AnyUser | None) -> bool:
    """Applicants (whom organisers get to know by their profile) and vetted members keep their
    own profile and settings; suspended and removed people change nothing."""
    return bool(
        actor
        and actor.is_authenticated
        and actor.state in (User.State.APPLICANT, User.State.MEMBER)
    )


def can_block_member(actor: AnyUser | None, target: User) -> bool:
    """Any vetted member may block anyone they can see, except themselves."""
    return is_vetted(actor) and actor.pk != target.pk and can_see_member(actor, target)  # type: ignore[union-attr]


def _has_membership(actor: AnyUser | None, group: Group) -> bool:
    return GroupMembership.objects.filter(group=group.pk, user=actor.pk).exists()  # type: ignore[union-attr]


def can_join_group(actor: AnyUser | None, group: Group) -> bool:
    """Join an open group, or ask to join a group that is by request: any vetted member who is
    not in it and has not asked yet."""
    return can_see_group(actor, group) and not _has_membership(actor, group)


def can_leave_group(actor: AnyUser | None, group: Group) -> bool:
    """Leave a group, or withdraw a request to join it."""
    return is_vetted(actor) and _has_membership(actor, group)


def can_manage_group(
    actor: AnyUser | None, group: Group, relation: GroupRelation | None = None
) -> bool:
    """Network organisers, and the group's own organisers, run a group."""
    return runs_group(actor, group, relation)


def can_use_api(actor: AnyUser | None) -> bool:
    return is_vetted(actor)
