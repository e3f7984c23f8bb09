"""One queryset builder per kind of thing. Blocks, membership state, suspension and group
membership are applied here and nowhere else; `can_see_*` is an `.exists()` on the same builder.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from tejido.access.audience import AnyUser, Viewer, is_organiser, is_vetted
from tejido.accounts.models import Block, User
from tejido.core.cache import forget, remembered
from tejido.groups.models import Group, GroupMembership


def blocked_ids(user: AnyUser) -> QuerySet[Block]:
    """Subquery of everyone `user` has blocked or been blocked by: they are mutually invisible."""
    return Block.objects.filter(Q(blocker=user.pk) | Q(blocked=user.pk))


def _not_in_a_block(viewer: AnyUser) -> Q:
    """Not in a block with the viewer, in either direction (the viewer is never hidden from
    themselves)."""
    blocks = blocked_ids(viewer)
    in_a_block = Q(pk__in=blocks.values("blocked")) | Q(pk__in=blocks.values("blocker"))
    return ~(in_a_block & ~Q(pk=viewer.pk))


def _people_in_a_block_with(viewer: AnyUser) -> set[int]:
    pairs = blocked_ids(viewer).values_list("blocker", "blocked")
    return {person for pair in pairs for person in pair} - {viewer.pk}


# Vetted members in good standing, with a profile to show.
IN_GOOD_STANDING = Q(state=User.State.MEMBER, profile__isnull=False)


def visible_members(viewer: AnyUser | None) -> QuerySet[User]:
    """Members the viewer may see in any member-facing list, profile, search or API answer:
    members in good standing, less anyone in a block with the viewer. Only vetted members see
    anyone."""
    if not is_vetted(viewer):
        return User.objects.none()
    assert viewer is not None
    return User.objects.filter(IN_GOOD_STANDING & _not_in_a_block(viewer))


# Counts that every list shows are cached for everyone (they change only when someone joins or
# leaves a group or changes standing, and those services call forget_member_counts); each
# viewer's blocks are taken off live, so a count never reveals someone hidden by a block.
IN_GOOD_STANDING_KEY = "tejido:members-in-good-standing"
MEMBER_COUNTS_KEY = "tejido:group-member-counts"


def forget_member_counts() -> None:
    """Call after any change to who is active in a group or who is in good standing."""
    forget(IN_GOOD_STANDING_KEY)
    forget(MEMBER_COUNTS_KEY)


def visible_member_count(viewer: AnyUser | None) -> int:
    """How many members `visible_members(viewer)` holds."""
    if not is_vetted(viewer):
        return 0
    assert viewer is not None
    total = remembered(IN_GOOD_STANDING_KEY, User.objects.filter(IN_GOOD_STANDING).count)
    others = _people_in_a_block_with(viewer)
    if others:
        total -= User.objects.filter(IN_GOOD_STANDING, pk__in=others).count()
    return total


def network_organisers() -> QuerySet[User]:
    """Everyone who may manage the network (see permissions.can_manage_network): the audience
    of organiser notices and the set that must never become empty."""
    return User.objects.filter(state=User.State.MEMBER, is_organiser=True)


def can_see_member(viewer: AnyUser | None, member: User) -> bool:
    return visible_members(viewer).filter(pk=member.pk).exists()


def members_blocked_by(viewer: AnyUser | None) -> QuerySet[User]:
    """The people the viewer has blocked, for the viewer's own list of blocks (to undo them).
    Nobody ever sees who has blocked them."""
    if not is_vetted(viewer):
        return User.objects.none()
    assert viewer is not None
    return User.objects.filter(blocks_received__blocker=viewer.pk, profile__isnull=False)


def visible_groups(viewer: AnyUser | None) -> QuerySet[Group]:
    """Every vetted member knows which groups exist; nobody else does."""
    if not is_vetted(viewer):
        return Group.objects.none()
    return Group.objects.all()


def can_see_group(viewer: AnyUser | None, group: Group) -> bool:
    return visible_groups(viewer).filter(pk=group.pk).exists()


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
    others = _people_in_a_block_with(viewer)
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


def runs_group(user: AnyUser | None, group: Group, relation: GroupRelation | None = None) -> bool:
    return _relation(user, group, relation).runs


def sees_all_group_members(
    viewer: AnyUser | None, group: Group, relation: GroupRelation | None = None
) -> bool:
    return _relation(viewer, group, relation).sees_all


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
    if not runs_group(viewer, group, relation):
        return User.objects.none()
    requests = GroupMembership.objects.filter(group=group.pk, state=GroupMembership.State.REQUESTED)
    return visible_members(viewer).filter(pk__in=requests.values("user"))


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


def managed_people(viewer: AnyUser | None) -> QuerySet[User]:
    """Everyone network organisers manage (applicants, members, suspended and removed people),
    for organisers only, less anyone in a block with the viewer. Nobody else manages anyone."""
    if not is_organiser(viewer):
        return User.objects.none()
    assert viewer is not None
    return User.objects.filter(_not_in_a_block(viewer))
