"""Viewer-shaped cards: what templates, API schemas and emails receive instead of a raw user.
A field the viewer may not see is absent from the card, not blank-but-present."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tejido.access.audience import Viewer, reaches
from tejido.access.visibility import viewer_for
from tejido.accounts.models import AUDIENCED_FIELDS, Profile, User


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
        return profile.area.name if profile.area_id else ""
    return getattr(profile, name)


def member_card(viewer: Viewer, user: User, *, as_audience: str | None = None) -> MemberCard:
    """The card of `user` as `viewer` sees it. `as_audience` previews one's own profile as that
    audience would see it."""
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


_ORDER = ["only_me", "organisers", "shared_group", "members"]


def _audience_covers(field_audience: str, preview_audience: str) -> bool:
    """Previewing as `preview_audience`: a field is shown when its audience is at least as wide.
    Organisers also see everything meant for a shared group or all members."""
    return _ORDER.index(field_audience) >= _ORDER.index(preview_audience)


def member_cards(viewer_user: Any, users: Iterable[User]) -> list[MemberCard]:
    """Cards for a list of members, with the viewer's relations looked up in one query. Pass
    users fetched with select_related("profile__area", "professional")."""
    users = list(users)
    viewer = viewer_for(viewer_user, [u.pk for u in users])
    return [member_card(viewer, u) for u in users]
