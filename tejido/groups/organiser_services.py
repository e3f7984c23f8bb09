"""Every write that runs a group: making, editing, archiving it, and naming or removing its
organisers. Joining, leaving, requests and invitations are in services.py."""

from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tejido.access.base import AnyUser, is_vetted
from tejido.access.groups import (
    can_archive_group,
    can_create_group,
    can_edit_group,
    can_name_group_organiser,
    can_see_group,
    is_last_group_organiser,
)
from tejido.access.members import can_see_member, forget_member_counts
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from tejido.core.models import bilingual
from tejido.core.text import TextRule
from tejido.groups.models import Group, GroupMembership
from tejido.groups.services import LastGroupOrganiser, lock_group
from tejido.network.models import Area
from tejido.notifications.services import notify

NAME_MAX = Group._meta.get_field("name_es").max_length or 120
DESCRIPTION_MAX = 4000
# Group names follow the one rule for names (no invisible characters); descriptions the one
# rule for text.
GROUP_TEXT_RULES = {
    "name_es": TextRule(NAME_MAX, required=True, name=True),
    "name_en": TextRule(NAME_MAX, name=True),
    "description_es": TextRule(DESCRIPTION_MAX, multiline=True),
    "description_en": TextRule(DESCRIPTION_MAX, multiline=True),
}
SLUG_MAX = Group._meta.get_field("slug").max_length or 50


class AlreadyGroupOrganiser(Conflict):
    code = "already_group_organiser"
    message = _("They are already an organiser of this group.")


class NotInGroup(NotFound):
    code = "not_in_group"
    message = _("Only a member of the group can be named its organiser.")


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The shape of a group's fields, every error reported together."""
    errors: dict[str, Any] = {}
    clean: dict[str, Any] = {}
    for name, value in fields.items():
        try:
            if name in GROUP_TEXT_RULES:
                clean[name] = GROUP_TEXT_RULES[name].clean(value, field=name)
            elif name == "kind" and value not in Group.Kind.values:
                raise InvalidInput(detail={"kind": gettext("Choose local or themed.")})
            elif name == "join_policy" and value not in Group.JoinPolicy.values:
                raise InvalidInput(detail={"join_policy": gettext("Choose who can join.")})
            elif name == "area":
                clean[name] = _area(value)
            else:
                clean[name] = bool(value) if name == "listed" else value
        except InvalidInput as error:
            errors.update(error.detail)
    if errors:
        raise InvalidInput(detail=errors)
    return clean


def _area(value: Area | int | None) -> Area | None:
    """An area, given as itself or by id (from the API), or None for no area."""
    if value is None or isinstance(value, Area):
        return value
    area = Area.objects.filter(pk=value).first() if isinstance(value, int) else None
    if area is None:
        raise InvalidInput(detail={"area": gettext("Choose one of the areas.")})
    return area


def _free_slug(name: str) -> str:
    """A slug made from the name that no group has yet: "circulo", then "circulo-2" …"""
    base = slugify(name)[:SLUG_MAX].strip("-") or "group"
    taken = set(Group.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        suffix = f"-{n}"
        candidate = base[: SLUG_MAX - len(suffix)].rstrip("-") + suffix
    return candidate


def _first_organiser(actor: User, chosen: User | None) -> User:
    if chosen is None or chosen.pk == actor.pk:
        return actor
    if not is_vetted(chosen) or not can_see_member(actor, chosen):
        raise InvalidInput(detail={"first_organiser": gettext("Choose a member in good standing.")})
    return chosen


@transaction.atomic
def create_group(
    *,
    actor: AnyUser,
    name_es: str,
    name_en: str = "",
    description_es: str = "",
    description_en: str = "",
    kind: str = Group.Kind.THEMED,
    join_policy: str = Group.JoinPolicy.OPEN,
    listed: bool = True,
    area: Area | int | None = None,
    first_organiser: User | None = None,
) -> Group:
    """A network organiser makes a group and names its first organiser: themself unless they
    name another member. The slug comes from the Spanish name and never changes after."""
    if not can_create_group(actor):
        raise NotAllowed()
    assert isinstance(actor, User)
    fields = _clean_fields(
        {
            "name_es": name_es,
            "name_en": name_en,
            "description_es": description_es,
            "description_en": description_en,
            "kind": kind,
            "join_policy": join_policy,
            "listed": listed,
            "area": area,
        }
    )
    organiser = _first_organiser(actor, first_organiser)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                group = Group.objects.create(slug=_free_slug(fields["name_es"]), **fields)
            break
        except IntegrityError:
            # Another group took the same slug a moment ago: pick the next free one.
            continue
    else:
        raise Conflict()
    GroupMembership.objects.create(
        group=group,
        user=organiser,
        role=GroupMembership.Role.ORGANISER,
        state=GroupMembership.State.ACTIVE,
    )
    forget_member_counts()
    record_action(actor=actor, action="group.create", target_user=organiser, target=group)
    if organiser.pk != actor.pk:
        _tell_new_organiser(group, organiser)
    return group


def _authorised(actor: AnyUser, group: Group, allowed: Any) -> User:
    """The actor, when `allowed(actor, group)`; a group they may not see is NotFound, one they
    see but may not run NotAllowed."""
    if not can_see_group(actor, group):
        raise NotFound()
    if not allowed(actor, group):
        raise NotAllowed()
    assert isinstance(actor, User)
    return actor


@transaction.atomic
def update_group(*, actor: AnyUser, group: Group, **changes: Any) -> Group:
    """Change any of a group's names, descriptions, kind, join policy, listing and area. Its
    slug stays, so links to it keep working."""
    editor = _authorised(actor, group, can_edit_group)
    unknown = set(changes) - {
        "name_es",
        "name_en",
        "description_es",
        "description_en",
        "kind",
        "join_policy",
        "listed",
        "area",
    }
    if unknown:
        raise InvalidInput(
            detail={name: gettext("This field cannot be changed.") for name in unknown}
        )
    fields = _clean_fields(changes)
    group = lock_group(group)
    changed = sorted(name for name, value in fields.items() if getattr(group, name) != value)
    for name, value in fields.items():
        setattr(group, name, value)
    if changed:
        group.save(update_fields=[*changed, "updated_at"])
        record_action(
            actor=editor,
            action="group.update",
            target=group,
            detail={"fields": changed},
        )
    return group


def _set_archived(*, actor: AnyUser, group: Group, archived: bool) -> Group:
    organiser = _authorised(actor, group, can_archive_group)
    group = lock_group(group)
    if (group.archived_at is not None) != archived:
        group.archived_at = now() if archived else None
        group.save(update_fields=["archived_at", "updated_at"])
        record_action(
            actor=organiser,
            action="group.archive" if archived else "group.unarchive",
            target=group,
        )
    return group


@transaction.atomic
def archive_group(*, actor: AnyUser, group: Group) -> Group:
    """Archive a group: it leaves the list, nobody joins it, its members still see it."""
    return _set_archived(actor=actor, group=group, archived=True)


@transaction.atomic
def unarchive_group(*, actor: AnyUser, group: Group) -> Group:
    return _set_archived(actor=actor, group=group, archived=False)


def _tell_new_organiser(group: Group, member: User) -> None:
    notify(
        user=member,
        kind="group_organiser_named",
        about=group,
        params={"group": bilingual(group, "name")},
        url=reverse("group_detail", args=[group.slug]),
    )


def _active_membership(actor: User, group: Group, member: User) -> GroupMembership:
    membership = (
        GroupMembership.objects.select_for_update()
        .filter(group=group, user=member.pk, state=GroupMembership.State.ACTIVE)
        .first()
    )
    if membership is None or not can_see_member(actor, member):
        raise NotInGroup()
    return membership


@transaction.atomic
def name_group_organiser(*, actor: AnyUser, group: Group, member: User) -> GroupMembership:
    """Make an active member of the group one of its organisers; they are told."""
    naming = _authorised(actor, group, can_name_group_organiser)
    group = lock_group(group)
    membership = _active_membership(naming, group, member)
    if membership.role == GroupMembership.Role.ORGANISER:
        raise AlreadyGroupOrganiser()
    membership.role = GroupMembership.Role.ORGANISER
    membership.save(update_fields=["role", "updated_at"])
    record_action(
        actor=naming,
        action="group.organiser_named",
        target_user=member,
        target=group,
    )
    if member.pk != naming.pk:
        _tell_new_organiser(group, member)
    return membership


@transaction.atomic
def remove_group_organiser(*, actor: AnyUser, group: Group, member: User) -> GroupMembership:
    """Make one of the group's organisers a plain member again (they stay in the group).
    Refused for the last organiser: the group row is locked, so two removals at once cannot
    leave the group with none."""
    removing = _authorised(actor, group, can_name_group_organiser)
    group = lock_group(group)
    membership = _active_membership(removing, group, member)
    if membership.role != GroupMembership.Role.ORGANISER:
        raise NotInGroup(gettext("They are not an organiser of this group."))
    if is_last_group_organiser(member, group):
        raise LastGroupOrganiser()
    membership.role = GroupMembership.Role.MEMBER
    membership.save(update_fields=["role", "updated_at"])
    record_action(
        actor=removing,
        action="group.organiser_removed",
        target_user=member,
        target=group,
    )
    return membership
