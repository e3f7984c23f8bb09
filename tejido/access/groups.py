"""Groups: which groups a viewer knows of (hidden and archived ones too), who they see in one,
who runs, makes, edits and archives a group, who may join, be invited, leave or be told about it."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tejido.access.base import (
    AnyUser,
    in_good_standing,
    is_organiser,
    is_vetted,
    register_audience,
)
from tejido.access.members import (
    IN_GOOD_STANDING,
    MEMBER_COUNTS_KEY,
    network_organisers,
    people_in_a_block_with,
    visible_members,
)
from tejido.accounts.models import User
from tejido.core.cache import remembered
from tejido.groups.models import Group, GroupMembership


def _memberships_of(user: AnyUser | None) -> QuerySet[GroupMembership, Any]:
    """The groups `user` is in, asked to join or is invited to."""
    return GroupMembership.objects.filter(user=user.pk if user else None).values("group")


def visible_groups(viewer: AnyUser | None) -> QuerySet[Group]:
    """Network organisers know every group, archived ones too. A vetted member knows the listed
    groups that are not archived, and any group they are in, asked to join or are invited to.
    Nobody else knows any."""
    if not is_vetted(viewer):
        return Group.objects.none()
    if is_organiser(viewer):
        return Group.objects.all()
    return Group.objects.filter(
        Q(listed=True, archived_at__isnull=True) | Q(pk__in=_memberships_of(viewer))
    )


def can_see_group(viewer: AnyUser | None, group: Group) -> bool:
    return visible_groups(viewer).filter(pk=group.pk).exists()


@register_audience(Group)
def audience_of_group(group: Group) -> QuerySet[User]:
    """Who may be told about a group: everyone who may see it."""
    if group.listed and group.archived_at is None:
        return User.objects.filter(in_good_standing())
    inside = GroupMembership.objects.filter(group=group.pk).values("user")
    return User.objects.filter(
        Q(pk__in=inside) | Q(pk__in=network_organisers().values("pk")), in_good_standing()
    )


def can_create_group(actor: AnyUser | None) -> bool:
    """Network organisers make groups (and name each one's first organiser)."""
    return is_organiser(actor)


def can_archive_group(actor: AnyUser | None, group: Group) -> bool:
    """Network organisers archive a group, and bring it back."""
    return is_organiser(actor)


def _counted_memberships() -> QuerySet[GroupMembership]:
    """Memberships a group's count includes: active ones of members in good standing."""
    return GroupMembership.objects.filter(
        state=GroupMembership.State.ACTIVE, user__in=User.objects.filter(IN_GOOD_STANDING)
    )


def _counts_by_group(memberships: QuerySet[GroupMembership]) -> dict[int, int]:
    rows = memberships.values("group").annotate(n=Count("pk")).values_list("group", "n")
    return dict(rows)


def member_counts(viewer: AnyUser | None) -> dict[int, int]:
    """Each group's active members the viewer may see, by group id."""
    if not is_vetted(viewer):
        return {}
    assert viewer is not None
    counts = remembered(MEMBER_COUNTS_KEY, lambda: _counts_by_group(_counted_memberships()))
    others = people_in_a_block_with(viewer)
    if others:
        hidden = _counts_by_group(_counted_memberships().filter(user__in=others))
        counts = {group: n - hidden.get(group, 0) for group, n in counts.items()}
    return counts


def active_group_ids(user: AnyUser | None) -> QuerySet[GroupMembership, Any]:
    return GroupMembership.objects.filter(
        user=user.pk if user else None, state=GroupMembership.State.ACTIVE
    ).values("group")


@dataclass(frozen=True)
class GroupRelation:
    """Where someone stands in one group, looked up once (see `group_relation`) for a page that
    asks several of the questions below."""

    user_id: int | None
    group_id: int
    # An active member of the group, in good standing.
    member: bool
    # Such a member with the group organiser role.
    organiser: bool
    network_organiser: bool

    @property
    def runs(self) -> bool:
        """Network organisers, and the group's own organisers, run a group: they see its join
        requests and decide them."""
        return self.network_organiser or self.organiser

    @property
    def sees_all(self) -> bool:
        """The group's own members and network organisers see who is in a group; everyone
        else sees only its organisers, who speak for it."""
        return self.network_organiser or self.member


def group_relation(user: AnyUser | None, group: Group) -> GroupRelation:
    role = None
    if is_vetted(user):
        active = GroupMembership.objects.filter(
            group=group.pk,
            user=user.pk,  # type: ignore[union-attr]
            state=GroupMembership.State.ACTIVE,
        )
        role = active.values_list("role", flat=True).first()
    return GroupRelation(
        user_id=user.pk if user is not None else None,
        group_id=group.pk,
        member=role is not None,
        organiser=role == GroupMembership.Role.ORGANISER,
        network_organiser=is_organiser(user),
    )


def _relation(user: AnyUser | None, group: Group, known: GroupRelation | None) -> GroupRelation:
    """`known` when the caller already looked it up for this very user and group."""
    if known is None:
        return group_relation(user, group)
    if (known.user_id, known.group_id) != (user.pk if user is not None else None, group.pk):
        raise ValueError("A group relation is for the user and group it was looked up for.")
    return known


def can_manage_group(
    actor: AnyUser | None, group: Group, relation: GroupRelation | None = None
) -> bool:
    """Network organisers, and the group's own organisers, run a group."""
    return _relation(actor, group, relation).runs


def sees_all_group_members(
    viewer: AnyUser | None, group: Group, relation: GroupRelation | None = None
) -> bool:
    return _relation(viewer, group, relation).sees_all


def can_edit_group(
    actor: AnyUser | None, group: Group, relation: GroupRelation | None = None
) -> bool:
    """Change a group's names, description, kind, area, join policy and listing: network
    organisers, and the group's own organisers while it is not archived."""
    relation = _relation(actor, group, relation)
    return relation.network_organiser or (relation.organiser and group.archived_at is None)


def can_name_group_organiser(
    actor: AnyUser | None, group: Group, relation: GroupRelation | None = None
) -> bool:
    """Name or remove a group's organisers: as for editing the group."""
    return can_edit_group(actor, group, relation)


def can_invite_to_group(
    actor: AnyUser | None, group: Group, relation: GroupRelation | None = None
) -> bool:
    """Invite members to an invitation-only group that is not archived: those who run it."""
    return (
        group.join_policy == Group.JoinPolicy.INVITATION
        and group.archived_at is None
        and _relation(actor, group, relation).runs
    )


def invitable_groups(actor: AnyUser | None) -> QuerySet[Group]:
    """The groups `actor` may invite members to (see `can_invite_to_group`)."""
    groups = Group.objects.filter(join_policy=Group.JoinPolicy.INVITATION, archived_at__isnull=True)
    if is_organiser(actor):
        return groups
    if not is_vetted(actor):
        return Group.objects.none()
    runs = GroupMembership.objects.filter(
        user=actor.pk,  # type: ignore[union-attr]
        state=GroupMembership.State.ACTIVE,
        role=GroupMembership.Role.ORGANISER,
    )
    return groups.filter(pk__in=runs.values("group"))


def _has_membership(actor: AnyUser | None, group: Group) -> bool:
    return GroupMembership.objects.filter(group=group.pk, user=actor.pk).exists()  # type: ignore[union-attr]


def can_join_group(actor: AnyUser | None, group: Group) -> bool:
    """Join an open group, or ask to join a group that is by request: any vetted member who
    sees it, is not in it and has not asked yet. Invitation-only and archived groups are
    joined only by invitation, or not at all."""
    return (
        group.join_policy != Group.JoinPolicy.INVITATION
        and group.archived_at is None
        and can_see_group(actor, group)
        and not _has_membership(actor, group)
    )


def group_organisers(group: Group) -> QuerySet[GroupMembership]:
    """The group's active organiser memberships of members in good standing: those who keep
    the group going, of whom there must always be one."""
    return GroupMembership.objects.filter(
        group=group.pk,
        state=GroupMembership.State.ACTIVE,
        role=GroupMembership.Role.ORGANISER,
        user__in=User.objects.filter(IN_GOOD_STANDING),
    )


def first_group_organiser_ids(group: Group) -> list[int]:
    """Up to two of the group's organisers: enough to tell whether someone is the last."""
    return list(group_organisers(group).order_by("user").values_list("user", flat=True)[:2])


def is_last_group_organiser(
    user: AnyUser | None, group: Group, organiser_ids: list[int] | None = None
) -> bool:
    """`user` is the group's only organiser: they may not leave, nor be removed as organiser,
    until they name another. `organiser_ids` when the caller already looked them up (see
    `first_group_organiser_ids`)."""
    if user is None or user.pk is None:
        return False
    if organiser_ids is None:
        organiser_ids = first_group_organiser_ids(group)
    return organiser_ids == [user.pk]


LAST_ORGANISER_REASON = _(
    "You are this group's only organiser. Name another member group organiser first; then "
    "you can leave."
)


def leave_refusal(
    actor: AnyUser | None, group: Group, organiser_ids: list[int] | None = None
) -> str | None:
    """Why `actor` may not leave a group they are in, or None when nothing stops them."""
    if is_last_group_organiser(actor, group, organiser_ids):
        return str(LAST_ORGANISER_REASON)
    return None


def can_leave_group(actor: AnyUser | None, group: Group) -> bool:
    """Leave a group, or withdraw a request to join it, or decline an invitation: anyone with
    a membership, except the group's last organiser (see `leave_refusal`)."""
    return (
        is_vetted(actor) and _has_membership(actor, group) and leave_refusal(actor, group) is None
    )


def visible_group_members(
    viewer: AnyUser | None, group: Group, relation: GroupRelation | None = None
) -> QuerySet[User]:
    """A group's active members as the viewer may see them: all of them for its own members
    and network organisers, only its organisers for everyone else; blocks apply as everywhere."""
    memberships = GroupMembership.objects.filter(group=group.pk, state=GroupMembership.State.ACTIVE)
    if not sees_all_group_members(viewer, group, relation):
        memberships = memberships.filter(role=GroupMembership.Role.ORGANISER)
    return visible_members(viewer).filter(pk__in=memberships.values("user"))


def group_organiser_ids(group: Group) -> QuerySet[GroupMembership, Any]:
    """Subquery of the group's active organisers, to split a visible member list by role."""
    return GroupMembership.objects.filter(
        group=group.pk,
        state=GroupMembership.State.ACTIVE,
        role=GroupMembership.Role.ORGANISER,
    ).values("user")


def visible_join_requests(
    viewer: AnyUser | None, group: Group, relation: GroupRelation | None = None
) -> QuerySet[User]:
    """The people asking to join `group`, for those who run it; blocks apply, so a request
    from someone in a block with an organiser is left to the group's other organisers."""
    if not can_manage_group(viewer, group, relation):
        return User.objects.none()
    requests = GroupMembership.objects.filter(group=group.pk, state=GroupMembership.State.REQUESTED)
    return visible_members(viewer).filter(pk__in=requests.values("user"))
