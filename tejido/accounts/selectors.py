"""Every read of members and profiles, always shaped by the viewer. Other people come out as
viewer-shaped cards (tejido.access.members), never as raw users or profiles."""

from collections.abc import Iterator
from typing import overload

from django.db.models import F, Q, QuerySet, Subquery

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
    visible_profiles,
)
from tejido.accounts.models import PROFILE_NAME_SEARCH, Profile, User
from tejido.core import search
from tejido.core.errors import NotFound
from tejido.core.paging import ListPage

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
        profiles = visible_profiles(self.viewer)
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
        return self._users(self._ordered()[index])

    def __iter__(self) -> Iterator[User]:
        return iter(self[:])

    @staticmethod
    def _users(profiles: QuerySet[Profile]) -> list[User]:
        # Each user comes with its profile already attached (a one-to-one fetched alongside).
        return [profile.user for profile in profiles_with_card_columns(profiles)]

    def after(self, member_id: int, limit: int) -> list[User]:
        """Up to `limit` members just after `member_id`: the database starts from their place
        in the name index, so a page deep in the list costs what the first one costs (an
        offset would have it walk every member before the page). Nobody if the list does not
        hold them (someone the viewer may not see gives no place: where their name sorts
        would tell something about them)."""
        return self._from(member_id, limit, backwards=False)

    def before(self, member_id: int, limit: int) -> list[User]:
        """Up to `limit` members just before `member_id`, in the list's order; as `after`."""
        return self._from(member_id, limit, backwards=True)[::-1]

    def _from(self, member_id: int, limit: int, *, backwards: bool) -> list[User]:
        # The member themself comes first, if the list holds them; their name is looked up
        # alone (a subquery of the list would repeat its conditions three times over).
        name = Subquery(Profile.objects.filter(user_id=member_id).values("sort_name")[:1])
        if backwards:
            place = Q(sort_name__lte=name) & (Q(sort_name__lt=name) | Q(user_id__lte=member_id))
            rows = self._ordered().filter(place).order_by("-sort_name", "-user_id")
        else:
            place = Q(sort_name__gte=name) & (Q(sort_name__gt=name) | Q(user_id__gte=member_id))
            rows = self._ordered().filter(place)
        users = self._users(rows[: limit + 1])
        if not users or users[0].pk != member_id:
            return []
        return users[1:]


def list_members(*, viewer: AnyUser | None, query: str = "") -> MemberList:
    return MemberList(viewer, query)


def _page_number(page: int | str | None) -> int:
    try:
        return max(1, int(page or 1))
    except (TypeError, ValueError):
        return 1


def _member_id(value: str | None) -> int | None:
    """A member id from a page's link; anything else is no id."""
    if value is None or not (value.isascii() and value.isdigit()) or len(value) > 18:
        return None
    return int(value)


def list_member_page(
    *,
    viewer: AnyUser | None,
    query: str = "",
    page: int | str | None = 1,
    after: str | None = None,
    before: str | None = None,
) -> tuple[ListPage[User], list[MemberCard]]:
    """One page of `list_members` and the cards on it.

    A page's links name the member it goes on from: "Next page" the last member on it
    (`after`), "Previous page" the first (`before`). Page 400 is then found from its
    neighbour's place in the name index, not by counting the 9,975 members before it, and
    `page` only numbers it. A page number alone, or a member no longer in the list, gives that
    page by counting; out of range or not a number, the nearest page, never an error."""
    members = list_members(viewer=viewer, query=query)
    count = members.count()
    num_pages = max(1, -(-count // MEMBERS_PER_PAGE))
    number = _page_number(page)
    rows: list[User] = []
    if number > 1 and (start := _member_id(after)) is not None:
        rows = members.after(start, MEMBERS_PER_PAGE + 1)
        more = len(rows) > MEMBERS_PER_PAGE
    elif number > 1 and (end := _member_id(before)) is not None:
        rows, more = members.before(end, MEMBERS_PER_PAGE), True
        if 0 < len(rows) < MEMBERS_PER_PAGE:
            # Less than a page before it: that is the start of the list, its first page.
            rows, number = [], 1
    if rows:
        # The count may lag a few seconds behind the list: the page keeps its link's number,
        # and whether a page follows is what the list says.
        num_pages = max(num_pages, number + 1) if more else number
    else:
        number = min(number, num_pages)
        offset = (number - 1) * MEMBERS_PER_PAGE
        rows, more = members[offset : offset + MEMBERS_PER_PAGE], number < num_pages
    items = rows[:MEMBERS_PER_PAGE]
    listed = ListPage(
        items=items,
        number=number,
        num_pages=num_pages,
        count=count,
        after=items[-1].pk if more and items else None,
        before=items[0].pk if number > 2 and items else None,
    )
    return listed, member_cards(viewer, items)


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
