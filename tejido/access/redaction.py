"""Viewer-shaped cards: what templates, API schemas and emails receive instead of a raw user.
A field the viewer may not see is absent from the card, not blank-but-present."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from tejido.access.audience import Audience, Viewer, reaches
from tejido.access.visibility import viewer_for
from tejido.accounts.models import AUDIENCED_FIELDS, Profile, User
from tejido.accounts.profile_choices import language_name


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


_ORDER: list[str] = [Audience.ONLY_ME, Audience.ORGANISERS, Audience.SHARED_GROUP, Audience.MEMBERS]


def _audience_covers(field_audience: str, preview_audience: str) -> bool:
    """Previewing as `preview_audience`: a field is shown when its audience is at least as wide.
    Organisers also see everything meant for a shared group or all members."""
    return _ORDER.index(field_audience) >= _ORDER.index(preview_audience)


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
