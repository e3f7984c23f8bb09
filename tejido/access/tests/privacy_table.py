"""The privacy table: who may see which field of a member, and who may do what, written down as
plain data and run through every interface (directly against tejido.access, through the HTML
pages, and through the JSON API in tejido/api/tests/test_privacy_table_json.py).

How to use it from another interface:

    world = build_world()
    for viewer_name, subject_name, field, visible in field_rows():
        viewer = world.viewer(viewer_name, subject_name)   # None for "anonymous"
        subject = world.users[subject_name]
        marker = world.marker(subject_name, field)          # a unique string planted there
        ...fetch the subject as `viewer` and assert (marker in output) == visible

and likewise `member_action_rows()` and `group_action_rows()`.

Viewers are named by their relation to the subjects (see VIEWERS); "self" stands for the subject
itself. There is one subject per audience setting: subject "only_me" has every audienced field
set to Audience.ONLY_ME, and so on. Every field of every subject holds its own marker string
(languages holds a one-item list with the marker as its code; area is an Area named with the
marker; email is the subject's address), so a test looks for the marker in whatever it renders.
The email address is never part of anything member-facing, not even for the member themself.
"""

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from tejido.accounts.models import AUDIENCED_FIELDS, Audience, User

# ---------------------------------------------------------------------------------------------
# The data: edit these tables, never the code below, when a rule changes.
# ---------------------------------------------------------------------------------------------

# Who looks, by their relation to the subjects (who are all active members of group "circle").
VIEWERS = {
    "anonymous": "not logged in",
    "applicant": "applied, not vetted yet",
    "member": "vetted member with no relation to the subjects",
    "shared": "vetted member, active in the subjects' group",
    "requested": "vetted member who asked to join the subjects' group (pending)",
    "group_organiser": "organiser of the subjects' group (not a network organiser)",
    "blocker": "in the subjects' group, and has blocked every subject",
    "blocked": "in the subjects' group, and every subject has blocked them",
    "suspended": "was in the subjects' group, now suspended",
    "facilitator": "trained facilitator with no relation to the subjects",
    "circle_facilitator": "facilitator of a support circle every subject has a place in",
    "organiser": "network organiser with no relation to the subjects",
    "self": "the subject themself",
}

# The subjects: every audienced field of each is set to this audience.
SUBJECTS = {
    "only_me": Audience.ONLY_ME,
    "organisers": Audience.ORGANISERS,
    "shared_group": Audience.SHARED_GROUP,
    "members": Audience.MEMBERS,
    "facilitators": Audience.FACILITATORS,
}

# Whether a field with each audience reaches each viewer:
# ("facilitators" is the audience "facilitators of my circles": the facilitators of the support
# circles the subject is in or asked a place in, and nobody else, not the network organisers.)
#                          only_me organisers shared_group members facilitators
REACH = {
    "anonymous":          (False,  False,     False,       False,  False),
    "applicant":          (False,  False,     False,       False,  False),
    "member":             (False,  False,     False,       True,   False),
    "shared":             (False,  False,     True,        True,   False),
    "requested":          (False,  False,     False,       True,   False),
    "group_organiser":    (False,  False,     True,        True,   False),
    "blocker":            (False,  False,     False,       False,  False),
    "blocked":            (False,  False,     False,       False,  False),
    "suspended":          (False,  False,     False,       False,  False),
    "facilitator":        (False,  False,     False,       True,   False),
    "circle_facilitator": (False,  False,     False,       True,   True),
    "organiser":          (False,  True,      True,        True,   False),
    "self":               (True,   True,      True,        True,   True),
}  # fmt: skip

# Whether the viewer may see the subject at all: in lists, their profile, their chosen name.
SEES_MEMBER = {
    "anonymous": False,
    "applicant": False,
    "member": True,
    "shared": True,
    "requested": True,
    "group_organiser": True,
    "blocker": False,
    "blocked": False,
    "suspended": False,
    "facilitator": True,
    "circle_facilitator": True,
    "organiser": True,
    "self": True,
}

# Every field of a member and the rule that decides who sees it:
#   "member"   - whoever may see the member at all (SEES_MEMBER)
#   "never"    - nobody, on any member-facing output, the member included
#   "audience" - the field's own audience setting (REACH)
FIELDS = {
    "chosen_name": "member",
    "email": "never",
    "pronouns": "audience",
    "languages": "audience",
    "area": "audience",
    "bio": "audience",
    "interests": "audience",
    "skills": "audience",
    "accessibility_needs": "audience",
    "dietary_needs": "audience",
    "identity_tags": "audience",
    # Structured diet and allergies: never shown on anyone's card; a potluck's cooks get them
    # only counted, without names, where the dietary needs' audience reaches them
    # (tejido/access/tests/test_sheets.py).
    "diet": "never",
    "allergies": "never",
}

# What a viewer may do to or see of a subject:
#                          see_in_member_list open_profile block see_in_group_members
MEMBER_ACTIONS = ("see_in_member_list", "open_profile", "block", "see_in_group_members")
MEMBER_ACTION_TABLE = {
    "anonymous":       (False, False, False, False),
    "applicant":       (False, False, False, False),
    "member":          (True,  True,  True,  False),
    "shared":          (True,  True,  True,  True),
    "requested":       (True,  True,  True,  False),
    "group_organiser": (True,  True,  True,  True),
    "blocker":         (False, False, False, False),
    "blocked":         (False, False, False, False),
    "suspended":       (False, False, False, False),
    "facilitator":     (True,  True,  True,  False),
    "circle_facilitator": (True, True,  True,  False),
    "organiser":       (True,  True,  True,  True),
    "self":            (True,  True,  False, True),
}  # fmt: skip

# The groups: "circle" (by request) holds the subjects; "open" (open to all) has nobody in it.
# What a viewer may do with each:
#                 see_group join manage
GROUP_ACTIONS = ("see_group", "join", "manage")
GROUP_ACTION_TABLE = {
    ("anonymous", "open"):         (False, False, False),
    ("anonymous", "circle"):       (False, False, False),
    ("applicant", "open"):         (False, False, False),
    ("applicant", "circle"):       (False, False, False),
    ("member", "open"):            (True,  True,  False),
    ("member", "circle"):          (True,  True,  False),
    ("shared", "open"):            (True,  True,  False),
    ("shared", "circle"):          (True,  False, False),
    ("requested", "open"):         (True,  True,  False),
    ("requested", "circle"):       (True,  False, False),
    ("group_organiser", "open"):   (True,  True,  False),
    ("group_organiser", "circle"): (True,  False, True),
    ("blocker", "open"):           (True,  True,  False),
    ("blocker", "circle"):         (True,  False, False),
    ("blocked", "open"):           (True,  True,  False),
    ("blocked", "circle"):         (True,  False, False),
    ("suspended", "open"):         (False, False, False),
    ("suspended", "circle"):       (False, False, False),
    ("facilitator", "open"):       (True,  True,  False),
    ("facilitator", "circle"):     (True,  True,  False),
    ("circle_facilitator", "open"):   (True,  True,  False),
    ("circle_facilitator", "circle"): (True,  True,  False),
    ("organiser", "open"):         (True,  True,  True),
    ("organiser", "circle"):       (True,  True,  True),
}  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The rows, expanded from the tables above.
# ---------------------------------------------------------------------------------------------


class FieldRow(NamedTuple):
    viewer: str
    subject: str
    field: str
    visible: bool


class ActionRow(NamedTuple):
    viewer: str
    target: str
    action: str
    allowed: bool


def _field_visible(viewer: str, subject: str, field_name: str) -> bool:
    rule = FIELDS[field_name]
    if rule == "never":
        return False
    if rule == "member":
        return SEES_MEMBER[viewer]
    audience_index = list(SUBJECTS).index(subject)
    return SEES_MEMBER[viewer] and REACH[viewer][audience_index]


def field_rows() -> list[FieldRow]:
    """Every viewer x subject x field, with whether the viewer may see it."""
    return [
        FieldRow(viewer, subject, name, _field_visible(viewer, subject, name))
        for viewer in VIEWERS
        for subject in SUBJECTS
        for name in FIELDS
    ]


def member_action_rows() -> list[ActionRow]:
    """Every viewer x subject x member action, with whether it is allowed."""
    return [
        ActionRow(viewer, subject, action, MEMBER_ACTION_TABLE[viewer][i])
        for viewer in VIEWERS
        for subject in SUBJECTS
        for i, action in enumerate(MEMBER_ACTIONS)
    ]


def group_action_rows() -> list[ActionRow]:
    """Every viewer (but "self") x group x group action, with whether it is allowed."""
    return [
        ActionRow(viewer, group, action, allowed[i])
        for (viewer, group), allowed in GROUP_ACTION_TABLE.items()
        for i, action in enumerate(GROUP_ACTIONS)
    ]


# ---------------------------------------------------------------------------------------------
# The world the rows are about, built with the factories.
# ---------------------------------------------------------------------------------------------


def marker_for(subject: str, field_name: str) -> str:
    """The unique string planted in `field_name` of `subject`. None is a prefix of another."""
    return f"mk{subject.replace('_', '')}{field_name.replace('_', '')}end"


@dataclass
class World:
    users: dict[str, User | None] = field(default_factory=dict)
    groups: dict[str, Any] = field(default_factory=dict)

    def viewer(self, viewer_name: str, subject_name: str | None = None) -> User | None:
        """The user behind a viewer name; "self" is the subject, "anonymous" is None."""
        if viewer_name == "self":
            assert subject_name is not None
            return self.users[subject_name]
        return self.users[viewer_name]

    def marker(self, subject_name: str, field_name: str) -> str:
        if field_name == "email":
            return f"{marker_for(subject_name, 'email')}@example.org"
        return marker_for(subject_name, field_name)


def build_world() -> World:
    """Create the subjects, the viewers and the two groups in the test database."""
    from tejido.accounts.factories import (
        ApplicantFactory,
        BlockFactory,
        OrganiserFactory,
        ProfileFactory,
        UserFactory,
    )
    from tejido.groups.factories import GroupFactory, GroupMembershipFactory
    from tejido.groups.models import Group, GroupMembership
    from tejido.network.models import Area
    from tejido.support.factories import CircleFactory, FacilitatorFactory
    from tejido.support.models import Place, PlaceState

    world = World()
    circle = GroupFactory(slug="circle", join_policy=Group.JoinPolicy.REQUEST)
    world.groups = {"circle": circle, "open": GroupFactory(slug="open")}

    for subject, audience in SUBJECTS.items():
        values: dict[str, Any] = {
            "chosen_name": marker_for(subject, "chosen_name"),
            "languages": [marker_for(subject, "languages")],
            "diet": [marker_for(subject, "diet")],
            "allergies": [marker_for(subject, "allergies")],
            "area": Area.objects.create(name=marker_for(subject, "area")),
        }
        for name in AUDIENCED_FIELDS:
            values.setdefault(name, marker_for(subject, name))
            values[f"{name}_audience"] = audience
        user = UserFactory(email=world.marker(subject, "email"), profile=None)
        ProfileFactory(user=user, **values)
        GroupMembershipFactory(group=circle, user=user)
        world.users[subject] = user

    users = world.users
    users["anonymous"] = None
    users["applicant"] = ApplicantFactory()
    users["member"] = UserFactory()
    users["shared"] = UserFactory()
    users["requested"] = UserFactory()
    users["group_organiser"] = UserFactory()
    users["blocker"] = UserFactory()
    users["blocked"] = UserFactory()
    users["suspended"] = UserFactory(state=User.State.SUSPENDED)
    users["facilitator"] = UserFactory(is_facilitator=True)
    users["circle_facilitator"] = UserFactory(is_facilitator=True)
    users["organiser"] = OrganiserFactory()
    # A support circle (not the group "circle") that every subject has a place in.
    support_circle = CircleFactory(intake=None)
    FacilitatorFactory(circle=support_circle, user=users["circle_facilitator"])
    for subject in SUBJECTS:
        Place.objects.create(circle=support_circle, user=users[subject], state=PlaceState.MEMBER)

    active = GroupMembership.State.ACTIVE
    for name in ("shared", "blocker", "blocked", "suspended"):
        GroupMembershipFactory(group=circle, user=users[name], state=active)
    GroupMembershipFactory(
        group=circle, user=users["requested"], state=GroupMembership.State.REQUESTED
    )
    GroupMembershipFactory(
        group=circle, user=users["group_organiser"], role=GroupMembership.Role.ORGANISER
    )
    for subject in SUBJECTS:
        BlockFactory(blocker=users["blocker"], blocked=users[subject])
        BlockFactory(blocker=users[subject], blocked=users["blocked"])
    return world
