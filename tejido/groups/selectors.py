"""Every read of groups, always shaped by the viewer."""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Case, Exists, F, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import get_language

from tejido.access.base import AnyUser
from tejido.access.groups import (
    active_group_ids,
    can_edit_group,
    can_invite_to_group,
    can_manage_group,
    can_name_group_organiser,
    first_group_organiser_ids,
    group_organiser_ids,
    group_relation,
    invitable_groups,
    leave_refusal,
    member_counts,
    sees_all_group_members,
    visible_group_members,
    visible_groups,
    visible_join_requests,
)
from tejido.access.members import MemberCard, member_cards, with_card_columns
from tejido.core.errors import NotFound
from tejido.core.paging import ListPage, paginate
from tejido.groups.models import Group, GroupMembership

GROUP_MEMBERS_PER_PAGE = 50
GROUPS_PER_PAGE = 20


def list_my_groups(*, viewer: AnyUser) -> QuerySet[Group]:
    return visible_groups(viewer).filter(pk__in=active_group_ids(viewer))


def list_my_groups_and_invitations(*, viewer: AnyUser) -> tuple[list[Group], list[Group]]:
    """The groups the viewer is in, and those they are invited to and have not answered yet,
    for their home page: one query."""
    mine = GroupMembership.objects.filter(
        user=viewer.pk, state__in=[GroupMembership.State.ACTIVE, GroupMembership.State.INVITED]
    ).values("group")
    ordered = _with_my_state(visible_groups(viewer).filter(pk__in=mine), viewer)
    groups = list(ordered.order_by(_name_in_language(), "pk"))
    invited = [g for g in groups if g.my_state == GroupMembership.State.INVITED]  # type: ignore[attr-defined]
    return [g for g in groups if g not in invited], invited


def list_groups_to_invite(*, viewer: AnyUser, member_id: int) -> QuerySet[Group]:
    """The invitation-only groups the viewer runs that `member` is not in, asked to join or
    invited to yet, for the "Invite to a group" form on their profile."""
    theirs = GroupMembership.objects.filter(user=member_id).values("group")
    return invitable_groups(viewer).exclude(pk__in=theirs).order_by("name_es")


def get_group_to_invite(*, viewer: AnyUser, member_id: int, slug: str) -> Group:
    group = list_groups_to_invite(viewer=viewer, member_id=member_id).filter(slug=slug).first()
    if group is None:
        raise NotFound()
    return group


def list_all_groups(*, viewer: AnyUser) -> list[Group]:
    """Every group the viewer knows of, archived ones last, for the organiser area; each with
    `member_count`."""
    archived_last = Case(When(archived_at__isnull=True, then=Value(0)), default=Value(1))
    groups = visible_groups(viewer).select_related("area")
    ordered = groups.order_by(archived_last, _name_in_language(), "pk")
    return _with_member_counts(list(ordered), viewer)


def _name_in_language() -> Lower:
    """A group's name in the active language, for sorting alphabetically."""
    if (get_language() or "es")[:2] == "en":
        return Lower(Coalesce(NullIf(F("name_en"), Value("")), F("name_es")))
    return Lower(F("name_es"))


def _with_my_state(groups: QuerySet[Group], viewer: AnyUser | None) -> QuerySet[Group]:
    """Annotate `my_state`: the viewer's membership state in each group ("active",
    "requested"), or None when they are not in it."""
    mine = GroupMembership.objects.filter(
        group=OuterRef("pk"), user=viewer.pk if viewer is not None else None
    )
    return groups.annotate(my_state=Subquery(mine.values("state")[:1]))


def _with_member_counts(groups: list[Group], viewer: AnyUser | None) -> list[Group]:
    """Set each group's `member_count`: its active members the viewer may see."""
    counts = member_counts(viewer)
    for group in groups:
        group.member_count = counts.get(group.pk, 0)  # type: ignore[attr-defined]
    return groups


def _ordered_groups(viewer: AnyUser | None) -> QuerySet[Group]:
    """The groups the viewer may see with `my_state`, local ones first, then by name."""
    groups = _with_my_state(visible_groups(viewer), viewer).select_related("area")
    local_first = Case(When(kind=Group.Kind.LOCAL, then=Value(0)), default=Value(1))
    return groups.order_by(local_first, _name_in_language(), "pk")


def list_groups(
    *, viewer: AnyUser | None, offset: int = 0, limit: int | None = None
) -> list[Group]:
    """The groups the viewer may see, local ones first, each with `member_count` and
    `my_state`: all of them, or `limit` from `offset`."""
    end = None if limit is None else offset + limit
    return _with_member_counts(list(_ordered_groups(viewer)[offset:end]), viewer)


def count_groups(*, viewer: AnyUser | None) -> int:
    return visible_groups(viewer).count()


def list_group_page(*, viewer: AnyUser | None, page: int | str | None = 1) -> ListPage[Group]:
    """One page of `list_groups`."""
    return paginate(
        _ordered_groups(viewer),
        page,
        lambda groups: _with_member_counts(groups, viewer),
        per_page=GROUPS_PER_PAGE,
    )


def get_group(*, viewer: AnyUser | None, slug: str) -> Group:
    """A group the viewer may see, with `member_count` and `my_state`; else NotFound."""
    groups = _with_my_state(visible_groups(viewer), viewer)
    group = groups.select_related("area").filter(slug=slug).first()
    if group is None:
        raise NotFound()
    return _with_member_counts([group], viewer)[0]


@dataclass(frozen=True)
class GroupMemberEntry:
    card: MemberCard
    is_group_organiser: bool


@dataclass(frozen=True)
class GroupPage:
    """What a group's page shows the viewer."""

    group: Group
    sees_all_members: bool
    members: Page
    entries: list[GroupMemberEntry]
    can_manage: bool
    join_requests: list[MemberCard] = field(default_factory=list)
    can_edit: bool = False
    can_name_organisers: bool = False
    can_invite: bool = False
    # Why the viewer may not leave (they are its only organiser), or None.
    leave_refusal: str | None = None
    # The group's organisers, counted up to two (one means removing them is refused).
    organiser_count: int = 0


def get_group_page(*, viewer: AnyUser | None, slug: str, page: int | str | None = 1) -> GroupPage:
    """A group with the members the viewer may see (organisers first, 50 a page) and, for
    those who run it, the requests to join."""
    group = get_group(viewer=viewer, slug=slug)
    relation = group_relation(viewer, group)
    can_manage = can_manage_group(viewer, group, relation)
    sees_all = sees_all_group_members(viewer, group, relation)
    members = (
        with_card_columns(visible_group_members(viewer, group, relation))
        .annotate(is_group_organiser=Exists(group_organiser_ids(group).filter(user=OuterRef("pk"))))
        .order_by("-is_group_organiser", "profile__sort_name", "pk")
    )
    current = Paginator(members, GROUP_MEMBERS_PER_PAGE).get_page(page)
    requesters = []
    if can_manage:
        requesters = list(
            with_card_columns(visible_join_requests(viewer, group, relation)).order_by(
                "profile__sort_name", "pk"
            )
        )
    # Who runs the group, for its organisers' buttons and the last one's sentence about leaving.
    organiser_ids = first_group_organiser_ids(group) if can_manage else []
    on_page = list(current.object_list)
    cards = member_cards(viewer, [*on_page, *requesters])
    entries = [
        GroupMemberEntry(card=card, is_group_organiser=bool(user.is_group_organiser))  # type: ignore[attr-defined]
        for card, user in zip(cards, on_page, strict=False)
    ]
    return GroupPage(
        group=group,
        sees_all_members=sees_all,
        members=current,
        entries=entries,
        can_manage=can_manage,
        join_requests=cards[len(on_page) :],
        can_edit=can_edit_group(viewer, group, relation),
        can_name_organisers=can_name_group_organiser(viewer, group, relation),
        can_invite=can_invite_to_group(viewer, group, relation),
        leave_refusal=leave_refusal(viewer, group, organiser_ids) if relation.organiser else None,
        organiser_count=len(organiser_ids),
    )
