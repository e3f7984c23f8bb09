"""A member, with one field at each audience, seen by each kind of viewer."""

from django.urls import reverse

from tejido.access.members import can_see_member, member_cards
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import Audience, User

FIELDS = {
    "chosen_name": "their chosen name, which whoever may see them sees",
    "email": "their address, which no member-facing output holds",
    "pronouns": "for all vetted members",
    "bio": "for members of a group they are in",
    "accessibility_needs": "for organisers",
    "identity_tags": "only for themself",
}
AUDIENCES = {
    "pronouns": Audience.MEMBERS,
    "bio": Audience.SHARED_GROUP,
    "accessibility_needs": Audience.ORGANISERS,
    "identity_tags": Audience.ONLY_ME,
}


def _build() -> KindWorld:
    from tejido.accounts.factories import (
        ApplicantFactory,
        BlockFactory,
        OrganiserFactory,
        UserFactory,
    )
    from tejido.groups.factories import GroupFactory, GroupMembershipFactory

    markers = {name: marker("member", name) for name in FIELDS}
    markers["email"] += "@example.org"
    subject = UserFactory(
        email=markers["email"],
        profile__chosen_name=markers["chosen_name"],
        **{f"profile__{name}": markers[name] for name in AUDIENCES},
        **{f"profile__{name}_audience": audience for name, audience in AUDIENCES.items()},
    )
    shared, blocked = UserFactory(), UserFactory()
    group = GroupFactory()
    for person in (subject, shared, blocked):
        GroupMembershipFactory(group=group, user=person)
    BlockFactory(blocker=subject, blocked=blocked)
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "member": UserFactory(),
        "shared_group": shared,
        "blocked": blocked,
        "suspended": UserFactory(state=User.State.SUSPENDED),
        "organiser": OrganiserFactory(),
        "self": subject,
    }
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse("member_detail", args=[subject.pk]),
        api=lambda relation: f"/members/{subject.pk}",
        extra={"subject": subject},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    subject = world.extra["subject"]
    if not can_see_member(viewer, subject):
        return ""
    return repr(member_cards(viewer, [subject])[0])


SEEN_BY_MEMBERS = frozenset({"chosen_name", "pronouns"})
register(
    PrivacyKind(
        name="member",
        relations={
            "anonymous": "not logged in",
            "applicant": "applied, not vetted yet",
            "member": "a vetted member with no relation to them",
            "shared_group": "a member of a group they are in",
            "blocked": "someone they blocked",
            "suspended": "a suspended member",
            "organiser": "a network organiser",
            "self": "the member themself",
        },
        fields=FIELDS,
        sees={
            "member": SEEN_BY_MEMBERS,
            "shared_group": SEEN_BY_MEMBERS | {"bio"},
            "organiser": SEEN_BY_MEMBERS | {"bio", "accessibility_needs"},
            "self": SEEN_BY_MEMBERS | {"bio", "accessibility_needs", "identity_tags"},
        },
        build=_build,
        policy=_policy,
    )
)
