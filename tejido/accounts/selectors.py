"""Every read of members and profiles, always shaped by the viewer. Other people come out as
viewer-shaped cards (tejido.access.members), never as raw users or profiles."""

from collections.abc import Iterator
from typing import overload

from django.core.paginator import Page, Paginator
from django.db.models import Exists, F, OuterRef, QuerySet

from tejido.access.base import AnyUser, Viewer
from tejido.access.members import (
    BlockedMemberCard,
    MemberCard,
    blocked_member_cards,
    member_card,
    member_cards,
    members_blocked_by,
    profiles_with_card_columns,
    visible_member_count,
    visible_members,
)
from tejido.accounts.models import PROFILE_NAME_SEARCH, Profile, User
from tejido.core import search
from tejido.core.errors import NotFound

# The longest search a member can type; anything past it is ignored.
MAX_QUERY_LENGTH = 80
MEMBERS_PER_PAGE = 25


class MemberList:
    """Everyone the viewer may see, by chosen name as people expect it ("Álex" among the A's,
    "Léa" before "Lucía"), optionally those whose chosen name has a word starting with each
    word of `query` ("alex pe" finds "Álex Peña"): a sequence to count and slice (a
    paginator takes it), each slice ready for `member_cards` (profile, area and verification
    fetched alongside)."""

    def __init__(self, viewer: AnyUser | None, query: str = "") -> None:
        self.viewer = viewer
        self.query = query.strip()[:MAX_QUERY_LENGTH]

    def _ordered(self) -> QuerySet[Profile]:
        # Asked from the profiles' side, the database walks their name index and stops after
        # a slice; asked from the users' side, it sorts every member first.
        visible = visible_members(self.viewer).filter(pk=OuterRef("user_id"))
        profiles = Profile.objects.filter(Exists(visible))
        if self.query:
            profiles = search.matching(profiles, PROFILE_NAME_SEARCH, self.query)
        return profiles.order_by("sort_name", "user_id")

    def count(self) -> int:
        if self.query:
            return self._ordered().count()
        return visible_member_count(self.viewer)

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> User: ...
    @overload
    def __getitem__(self, index: slice) -> list[User]: ...
    def __getitem__(self, index: int | slice) -> User | list[User]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        profiles = profiles_with_card_columns(self._ordered())[index]
        # Each user comes with its profile already attached (a one-to-one fetched alongside).
        return [profile.user for profile in profiles]

    def __iter__(self) -> Iterator[User]:
        return iter(self[:])


def list_members(*, viewer: AnyUser | None, query: str = "") -> MemberList:
    return MemberList(viewer, query)


def list_member_page(
    *, viewer: AnyUser | None, query: str = "", page: int | str | None = 1
) -> tuple[Page, list[MemberCard]]:
    """One page of `list_members` and the cards on it. A page number out of range or not a
    number gives the nearest page, never an error."""
    paginator: Paginator[User] = Paginator(
        list_members(viewer=viewer, query=query), MEMBERS_PER_PAGE
    )
    current = paginator.get_page(page)
    return current, member_cards(viewer, current.object_list)


def get_member(*, viewer: AnyUser | None, member_id: int) -> User:
    """A member the viewer may see; a hidden, blocked, suspended, applicant or missing member
    raises the same NotFound."""
    member = (
        visible_members(viewer)
        .select_related("profile__area", "professional")
        .filter(pk=member_id)
        .first()
    )
    if member is None:
        raise NotFound()
    return member


def get_member_card(*, viewer: AnyUser | None, member_id: int) -> MemberCard:
    return member_cards(viewer, [get_member(viewer=viewer, member_id=member_id)])[0]


def get_own_profile(*, viewer: User) -> Profile | None:
    """The viewer's own profile, to edit; None when they have not made one yet."""
    return Profile.objects.select_related("area").filter(user=viewer.pk).first()


def get_profile_preview(*, viewer: User, as_audience: str) -> MemberCard:
    """The viewer's own card as `as_audience` (one of redaction.PREVIEW_AUDIENCES) sees it."""
    me = (
        User.objects.select_related("profile__area", "professional")
        .filter(pk=viewer.pk, profile__isnull=False)
        .first()
    )
    if me is None:
        raise NotFound()
    return member_card(Viewer(user=viewer), me, as_audience=as_audience)


def list_my_blocks(*, viewer: AnyUser | None) -> list[BlockedMemberCard]:
    """The people the viewer has blocked, newest first, to undo a block."""
    blocked = (
        members_blocked_by(viewer)
        .select_related("profile")
        .annotate(blocked_at=F("blocks_received__created_at"))
        .order_by("-blocked_at", "-pk")
    )
    return blocked_member_cards(blocked)


def get_blocked_member(*, viewer: AnyUser | None, member_id: int) -> User:
    """Someone the viewer has blocked, to unblock them; anyone else raises NotFound."""
    member = members_blocked_by(viewer).filter(pk=member_id).first()
    if member is None:
        raise NotFound()
    return member


def get_member_to_block(*, viewer: AnyUser | None, member_id: int) -> User:
    """A member the viewer may block: one they see, or one they have already blocked (so that
    blocking twice is harmless). Anyone else raises NotFound."""
    try:
        return get_member(viewer=viewer, member_id=member_id)
    except NotFound:
        return get_blocked_member(viewer=viewer, member_id=member_id)
