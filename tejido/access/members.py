"""Members: who sees whom, who may do what to a member, who may be told about one, and the
viewer-shaped card that every page, API answer and email shows instead of a raw user.

Blocks, standing and field audiences are applied here and nowhere else; `can_see_member` is
an `.exists()` on `visible_members`. A field the viewer may not see is absent from the card,
not blank-but-present."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from tejido.access.base import (
    AnyUser,
    Audience,
    Viewer,
    in_good_standing,
    is_organiser,
    is_vetted,
    may_sign_in,
    reaches,
    register_audience,
)
from tejido.accounts.choices import language_name
from tejido.accounts.models import AUDIENCED_FIELDS, Block, Profile, User
from tejido.core.cache import forget, remembered
from tejido.groups.models import GroupMembership
from tejido.support.models import Place, PlaceState

# --- who sees whom -------------------------------------------------------------------------------


def blocked_ids(user: AnyUser) -> QuerySet[Block]:
    """Subquery of everyone `user` has blocked or been blocked by: they are mutually invisible."""
    return Block.objects.filter(Q(blocker=user.pk) | Q(blocked=user.pk))


def not_in_a_block_with(viewer: AnyUser, field: str = "pk") -> Q:
    """The person in `field` is in no block with the viewer, in either direction (the viewer
    is never hidden from themselves: no one can block themselves).

    Two NOT EXISTS, one a direction, each looking up the pair in the blocks' unique index: the
    planner knows them for what they are (anti-joins that leave nearly everyone), and walks a
    list's own index or looks people up by key. As `NOT IN` a list of the viewer's blocks, it
    took them to keep half the members, and on PostgreSQL scanned every member to find a
    group's 200."""
    person = OuterRef(field)
    return ~Exists(Block.objects.filter(blocker=viewer.pk, blocked=person)) & ~Exists(
        Block.objects.filter(blocker=person, blocked=viewer.pk)
    )


def someone_to_see(viewer: AnyUser, field: str) -> Q:
    """The person in `field` is in good standing and in no block with the viewer."""
    return in_good_standing(f"{field}__") & not_in_a_block_with(viewer, field)


def in_a_block(first: int | None, second: int) -> bool:
    """Whether two people are in a block, whoever made it."""
    return Block.objects.filter(
        Q(blocker=first, blocked=second) | Q(blocker=second, blocked=first)
    ).exists()


def people_in_a_block_with(viewer: AnyUser) -> set[int]:
    pairs = blocked_ids(viewer).values_list("blocker", "blocked")
    return {person for pair in pairs for person in pair} - {viewer.pk}


# Vetted members in good standing, with a profile to show.
IN_GOOD_STANDING = in_good_standing() & Q(profile__isnull=False)


def visible_members(viewer: AnyUser | None) -> QuerySet[User]:
    """Members the viewer may see in any member-facing list, profile, search or API answer:
    members in good standing, less anyone in a block with the viewer. Only vetted members see
    anyone."""
    if not is_vetted(viewer):
        return User.objects.none()
    assert viewer is not None
    return User.objects.filter(IN_GOOD_STANDING & not_in_a_block_with(viewer))


def visible_profiles(viewer: AnyUser | None) -> QuerySet[Profile]:
    """The profiles of `visible_members(viewer)`, the same rule from the profiles' side, for
    a list in name order that walks their name index (as an EXISTS over `visible_members` it
    joined each profile to its member and then to its profile again). The standing is a
    subquery on purpose: as a condition on the joined member, SQLite took every member by
    the standing index and sorted them all for one page (17 ms instead of 5 at 10,000)."""
    if not is_vetted(viewer):
        return Profile.objects.none()
    assert viewer is not None
    standing = User.objects.filter(in_good_standing(), pk=OuterRef("user_id"))
    return Profile.objects.filter(Exists(standing), not_in_a_block_with(viewer, "user"))


def can_see_member(viewer: AnyUser | None, member: User) -> bool:
    return visible_members(viewer).filter(pk=member.pk).exists()


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
    others = people_in_a_block_with(viewer)
    if others:
        total -= User.objects.filter(IN_GOOD_STANDING, pk__in=others).count()
    return total


def network_organisers() -> QuerySet[User]:
    """Everyone who may manage the network (see network.can_manage_network): the audience of
    organiser notices and the set that must never become empty."""
    return User.objects.filter(in_good_standing(), is_organiser=True)


def members_blocked_by(viewer: AnyUser | None) -> QuerySet[User]:
    """The people the viewer has blocked, for the viewer's own list of blocks (to undo them).
    Nobody ever sees who has blocked them."""
    if not is_vetted(viewer):
        return User.objects.none()
    assert viewer is not None
    return User.objects.filter(blocks_received__blocker=viewer.pk, profile__isnull=False)


def managed_people(viewer: AnyUser | None) -> QuerySet[User]:
    """Everyone network organisers manage (applicants, members, suspended and removed people),
    for organisers only, less anyone in a block with the viewer. Nobody else manages anyone."""
    if not is_organiser(viewer):
        return User.objects.none()
    assert viewer is not None
    return User.objects.filter(not_in_a_block_with(viewer))


@register_audience(User)
def audience_of_member(member: User) -> QuerySet[User]:
    """Who may be told about a member: the member themself, and the network's organisers who
    are in no block with them (a warning, an approval, a change of standing)."""
    organisers = network_organisers().filter(not_in_a_block_with(member))
    return User.objects.filter(Q(pk=member.pk) | Q(pk__in=organisers.values("pk")))


# --- what one may do -----------------------------------------------------------------------------


def can_edit_profile(actor: AnyUser | None) -> bool:
    """Applicants (whom organisers get to know by their profile) and vetted members keep their
    own profile and settings; suspended and removed people change nothing."""
    return may_sign_in(actor)


def can_block_member(actor: AnyUser | None, target: User) -> bool:
    """Any vetted member may block anyone they can see, except themselves."""
    return is_vetted(actor) and actor.pk != target.pk and can_see_member(actor, target)  # type: ignore[union-attr]


def can_use_api(actor: AnyUser | None) -> bool:
    return is_vetted(actor)


def viewer_for(viewer: AnyUser | None, subject_ids: Iterable[int] = ()) -> Viewer:
    """The viewer's standing towards the given members, in one query. None for the viewer's own
    card (`reaches` shows them everything of their own), and none for the groups an organiser
    shares with them (organisers see what is for a shared group anyway)."""
    if not is_vetted(viewer):
        return Viewer(user=viewer)
    assert viewer is not None
    ids = [pk for pk in subject_ids if pk != viewer.pk]
    if not ids:
        return Viewer(user=viewer)
    shared: Iterable[int] = ()
    if not is_organiser(viewer):
        mine = GroupMembership.objects.filter(user=viewer.pk, state=GroupMembership.State.ACTIVE)
        shared = GroupMembership.objects.filter(
            group__in=mine.values("group"),
            state=GroupMembership.State.ACTIVE,
            user__in=ids,
        ).values_list("user", flat=True)
    return Viewer(user=viewer, shared_with=frozenset(shared), facilitated=_facilitated(viewer, ids))


def _facilitated(viewer: AnyUser | None, ids: list[int]) -> frozenset[int]:
    """Those among `ids` with a place (in it, or asked for one) in a circle the viewer
    facilitates. Only someone named a facilitator (the flag that naming sets) pays the query."""
    if not getattr(viewer, "is_facilitator", False):
        return frozenset()
    places = Place.objects.filter(
        circle__facilitators__user=viewer.pk,  # type: ignore[union-attr]
        state__in=(PlaceState.MEMBER, PlaceState.ASKED),
        user__in=ids,
    )
    return frozenset(places.values_list("user", flat=True))


# --- the card ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberCard:
    id: int
    chosen_name: str
    is_self: bool
    roles: tuple[str, ...]
    fields: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        # Templates may ask for any profile field; an unseen one is simply missing.
        if name in AUDIENCED_FIELDS:
            return self.fields.get(name)
        raise AttributeError(name)

    @property
    def language_names(self) -> list[str]:
        """The languages the viewer may see, by their translated names."""
        return [language_name(code) for code in self.fields.get("languages") or ()]


def _roles(user: User) -> tuple[str, ...]:
    roles = []
    if user.is_organiser:
        roles.append("organiser")
    if user.is_facilitator:
        roles.append("facilitator")
    if hasattr(user, "professional"):
        roles.append("professional")
    return tuple(roles)


def _field_value(profile: Profile, name: str) -> Any:
    if name == "area":
        return profile.area.name if profile.area is not None else ""
    return getattr(profile, name)


# The audiences a member can preview their own profile as, narrowest first.
PREVIEW_AUDIENCES = (Audience.ORGANISERS, Audience.SHARED_GROUP, Audience.MEMBERS)
_ORDER: list[str] = [
    Audience.ONLY_ME,
    Audience.FACILITATORS,
    Audience.ORGANISERS,
    Audience.SHARED_GROUP,
    Audience.MEMBERS,
]


def _audience_covers(field_audience: str, preview_audience: str) -> bool:
    """Previewing as `preview_audience`: a field is shown when its audience is at least as wide.
    Organisers also see everything meant for a shared group or all members."""
    return _ORDER.index(field_audience) >= _ORDER.index(preview_audience)


def member_card(viewer: Viewer, user: User, *, as_audience: str | None = None) -> MemberCard:
    """The card of `user` as `viewer` sees it. `as_audience` previews one's own profile as that
    audience would see it; it is only for one's own card."""
    if as_audience is not None and (viewer.id != user.pk or as_audience not in PREVIEW_AUDIENCES):
        raise ValueError("A member previews only their own card, as one of PREVIEW_AUDIENCES.")
    profile = user.profile
    shown: dict[str, Any] = {}
    for name in AUDIENCED_FIELDS:
        audience = getattr(profile, f"{name}_audience")
        if as_audience is not None:
            visible = _audience_covers(audience, as_audience)
        else:
            visible = reaches(audience, viewer, user.pk)
        value = _field_value(profile, name)
        if visible and value:
            shown[name] = value
    return MemberCard(
        id=user.pk,
        chosen_name=profile.chosen_name,
        is_self=viewer.id == user.pk and as_audience is None,
        roles=_roles(user),
        fields=shown,
    )


# The columns member_card reads, from the profile's side and from the member's: a card list
# fetches these and no others (the password hash, the address and the settings stay behind).
_PROFILE_COLUMNS = (
    "chosen_name",
    *(name for name in AUDIENCED_FIELDS if name != "area"),
    *(f"{name}_audience" for name in AUDIENCED_FIELDS),
    "area__name",
)
_USER_COLUMNS = ("is_organiser", "is_facilitator", "professional__id")


def with_card_columns(users: QuerySet[User]) -> QuerySet[User]:
    """`users` fetched ready for `member_cards`: their profile, area and verification
    alongside, and only the columns a card reads."""
    return users.select_related("profile__area", "professional").only(
        *_USER_COLUMNS, *(f"profile__{column}" for column in _PROFILE_COLUMNS)
    )


def profiles_with_card_columns(profiles: QuerySet[Profile]) -> QuerySet[Profile]:
    """The same from the profiles' side: each profile's `user` is ready for `member_cards`."""
    return profiles.select_related("area", "user__professional").only(
        *_PROFILE_COLUMNS, *(f"user__{column}" for column in _USER_COLUMNS)
    )


def member_cards(viewer_user: Any, users: Iterable[User]) -> list[MemberCard]:
    """Cards for a list of members, with the viewer's relations looked up in one query. Pass
    users fetched by `with_card_columns` (or `profiles_with_card_columns`)."""
    users = list(users)
    viewer = viewer_for(viewer_user, [u.pk for u in users])
    return [member_card(viewer, u) for u in users]


@dataclass(frozen=True)
class BlockedMemberCard:
    """Someone the viewer blocked, as their own list of blocks shows them: a name to recognise
    and the date, nothing else."""

    id: int
    chosen_name: str
    blocked_at: datetime


def blocked_member_cards(users: Iterable[User]) -> list[BlockedMemberCard]:
    """Pass users from `members_blocked_by(viewer)` annotated with `blocked_at` and fetched
    with select_related("profile")."""
    return [
        BlockedMemberCard(
            id=u.pk,
            chosen_name=u.profile.chosen_name,
            blocked_at=u.blocked_at,  # type: ignore[attr-defined]
        )
        for u in users
    ]
