"""One queryset builder per kind of thing. Blocks, membership state, suspension and group
membership are applied here and nowhere else; `can_see_*` is an `.exists()` on the same builder.
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from tejido.access.audience import AnyUser, Viewer, is_organiser, is_vetted
from tejido.accounts.models import Block, User
from tejido.groups.models import Group, GroupMembership


def blocked_ids(user: AnyUser) -> QuerySet[Block]:
    """Subquery of everyone `user` has blocked or been blocked by: they are mutually invisible."""
    return Block.objects.filter(Q(blocker=user.pk) | Q(blocked=user.pk))


def _hidden_from(user: AnyUser) -> Q:
    blocks = blocked_ids(user)
    return Q(pk__in=blocks.values("blocked")) | Q(pk__in=blocks.values("blocker"))


def _excluding_blocks(qs: QuerySet[User], viewer: AnyUser) -> QuerySet[User]:
    return qs.exclude(_hidden_from(viewer) & ~Q(pk=viewer.pk))


def visible_members(viewer: AnyUser | None) -> QuerySet[User]:
    """Members the viewer may see in any member-facing list, profile, search or API answer."""
    if not is_vetted(viewer):
        return User.objects.none()
    assert viewer is not None
    return _excluding_blocks(User.objects.filter(state=User.State.MEMBER), viewer)


def can_see_member(viewer: AnyUser | None, member: User) -> bool:
    return visible_members(viewer).filter(pk=member.pk).exists()


def visible_groups(viewer: AnyUser | None) -> QuerySet[Group]:
    """Every vetted member knows which groups exist; nobody else does."""
    if not is_vetted(viewer):
        return Group.objects.none()
    return Group.objects.all()


def can_see_group(viewer: AnyUser | None, group: Group) -> bool:
    return visible_groups(viewer).filter(pk=group.pk).exists()


def active_group_ids(user: AnyUser | None) -> QuerySet[GroupMembership]:
    return GroupMembership.objects.filter(
        user=user.pk if user else None, state=GroupMembership.State.ACTIVE
    ).values("group")


def visible_group_members(viewer: AnyUser | None, group: Group) -> QuerySet[User]:
    """A group's members as the viewer may see them: all of them for its own members and
    network organisers, only its organisers for everyone else."""
    members = visible_members(viewer).filter(
        group_memberships__group=group, group_memberships__state=GroupMembership.State.ACTIVE
    )
    if is_organiser(viewer) or is_group_member(viewer, group):
        return members
    return members.filter(group_memberships__role=GroupMembership.Role.ORGANISER)


def is_group_member(user: AnyUser | None, group: Group) -> bool:
    return (
        is_vetted(user) and active_group_ids(user).filter(group=group.pk).exists()
    )


def viewer_for(viewer: AnyUser | None, subject_ids: Iterable[int] = ()) -> Viewer:
    """The viewer's standing towards the given members, in one query."""
    ids = list(subject_ids)
    if not is_vetted(viewer) or not ids:
        return Viewer(user=viewer)
    shared = GroupMembership.objects.filter(
        group__in=active_group_ids(viewer),
        state=GroupMembership.State.ACTIVE,
        user__in=ids,
    ).values_list("user", flat=True)
    return Viewer(user=viewer, shared_with=frozenset(shared))
