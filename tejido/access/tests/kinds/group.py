"""A group hidden from non-members: its name and description reach only those in it, those
invited to it and the network's organisers."""

from django.urls import reverse

from tejido.access.groups import visible_groups
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User

FIELDS = {"name": "the group's name", "description": "what the group is about"}


def _build() -> KindWorld:
    from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
    from tejido.groups.factories import GroupFactory, GroupMembershipFactory
    from tejido.groups.models import GroupMembership

    markers = {name: marker("group", name) for name in FIELDS}
    group = GroupFactory(
        slug="kept-quiet",
        listed=False,
        name_es=markers["name"],
        name_en=markers["name"],
        description_es=markers["description"],
        description_en=markers["description"],
    )
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "member": UserFactory(),
        "group_member": UserFactory(),
        "invited": UserFactory(),
        "organiser": OrganiserFactory(),
    }
    GroupMembershipFactory(group=group, user=viewers["group_member"])
    GroupMembershipFactory(
        group=group, user=viewers["invited"], state=GroupMembership.State.INVITED
    )
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse("group_detail", args=[group.slug]),
        api=lambda relation: f"/groups/{group.slug}",
        extra={"group": group},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    group = visible_groups(viewer).filter(pk=world.extra["group"].pk).first()
    return f"{group.name_es} {group.description_es}" if group is not None else ""


EVERYTHING = frozenset(FIELDS)
register(
    PrivacyKind(
        name="group",
        relations={
            "anonymous": "not logged in",
            "applicant": "applied, not vetted yet",
            "member": "a vetted member not in the group",
            "group_member": "an active member of the group",
            "invited": "invited to the group, not in it yet",
            "organiser": "a network organiser",
        },
        fields=FIELDS,
        sees={"group_member": EVERYTHING, "invited": EVERYTHING, "organiser": EVERYTHING},
        build=_build,
        policy=_policy,
    )
)
