"""A claim on the sign-up sheet of a group's gathering (a week away; its attendee list at the
default, hosts and facilitators only): what is brought is for everyone who sees the gathering,
who brings it follows the attendee list (those who help run it), and someone in a block with
the claimer sees neither, not even a host (the claim is just "claimed" to them, with its
allergens)."""

from datetime import timedelta

from django.urls import reverse

from tejido.access.events import event_relation, visible_occurrences
from tejido.access.sheets import can_see_sheet, sheet_card
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User
from tejido.core.clock import now

FIELDS = {
    "dish": "what a member signed up to bring (the claim's dish)",
    "claimer": "who signed up to bring it (the claimer's chosen name)",
}


def _build() -> KindWorld:
    from tejido.accounts.factories import (
        ApplicantFactory,
        BlockFactory,
        OrganiserFactory,
        UserFactory,
    )
    from tejido.gatherings.factories import (
        ClaimFactory,
        EventFactory,
        HostFactory,
        OccurrenceFactory,
        RsvpFactory,
        SlotFactory,
    )
    from tejido.gatherings.models import Event, Rsvp
    from tejido.groups.factories import GroupFactory, GroupMembershipFactory

    markers = {name: marker("sheet", name) for name in FIELDS}
    group = GroupFactory()
    starts = now().replace(microsecond=0) + timedelta(days=7)
    event = EventFactory(
        kind=Event.Kind.POTLUCK,
        group=group,
        visibility=Event.Visibility.GROUP,
        attendee_list=Event.AttendeeList.HOSTS,
        capacity=5,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
    )
    occurrence = OccurrenceFactory(event=event)
    claimer = UserFactory(profile__chosen_name=markers["claimer"])
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "suspended": UserFactory(state=User.State.SUSPENDED),
        "other_member": UserFactory(),
        "group_member": UserFactory(),
        "waitlisted": UserFactory(),
        "confirmed": UserFactory(),
        "blocked": UserFactory(),
        "facilitator": UserFactory(),
        "host": UserFactory(),
        "host_in_block": UserFactory(),
        "organiser": OrganiserFactory(),
    }
    for relation in (
        "suspended",
        "group_member",
        "waitlisted",
        "confirmed",
        "blocked",
        "facilitator",
        "host",
        "host_in_block",
    ):
        GroupMembershipFactory(group=group, user=viewers[relation])
    GroupMembershipFactory(group=group, user=claimer)
    HostFactory(event=event, user=viewers["host"])
    HostFactory(event=event, user=viewers["host_in_block"])
    HostFactory(event=event, user=viewers["facilitator"], role="facilitator")
    RsvpFactory(occurrence=occurrence, user=claimer)
    for relation in ("confirmed", "blocked"):
        RsvpFactory(occurrence=occurrence, user=viewers[relation])
    RsvpFactory(occurrence=occurrence, user=viewers["waitlisted"], seat=Rsvp.Seat.WAITLISTED)
    # The claimer blocked a fellow attendee; a host blocked the claimer.
    BlockFactory(blocker=claimer, blocked=viewers["blocked"])
    BlockFactory(blocker=viewers["host_in_block"], blocked=claimer)
    slot = SlotFactory(occurrence=occurrence, course="dessert", wanted=3)
    ClaimFactory(
        slot=slot, user=claimer, dish=markers["dish"], servings=8, allergens=["milk", "eggs"]
    )
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse("occurrence_detail", args=[occurrence.pk]),
        api=lambda relation: f"/occurrences/{occurrence.pk}/sheet",
        extra={"occurrence": occurrence, "sees_everything": "host"},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    from tejido.gatherings.models import Rsvp

    occurrence = (
        visible_occurrences(viewer)
        .select_related("event")
        .filter(pk=world.extra["occurrence"].pk)
        .first()
    )
    if occurrence is None or not can_see_sheet(viewer, occurrence):
        return ""
    seat = ""
    if viewer is not None:
        seat = (
            Rsvp.objects.filter(occurrence=occurrence, user=viewer.pk)
            .values_list("seat", flat=True)
            .first()
            or ""
        )
    relation = event_relation(viewer, occurrence.event)
    return repr(sheet_card(viewer, occurrence, seat=seat, relation=relation, now=now()))


DISH = frozenset({"dish"})
EVERYTHING = frozenset(FIELDS)
register(
    PrivacyKind(
        name="sheet",
        relations={
            "anonymous": "not logged in",
            "applicant": "applied, not vetted yet",
            "suspended": "a suspended member of the group",
            "other_member": "a vetted member outside the group",
            "group_member": "an active member of the event's group",
            "waitlisted": "on the waitlist for the date",
            "confirmed": "a confirmed attendee (the attendee list is for hosts)",
            "blocked": "a confirmed attendee whom the claimer blocked",
            "facilitator": "the event's facilitator",
            "host": "the event's host",
            "host_in_block": "a host of the event who blocked the claimer",
            "organiser": "a network organiser",
        },
        fields=FIELDS,
        sees={
            "group_member": DISH,
            "waitlisted": DISH,
            "confirmed": DISH,
            "facilitator": EVERYTHING,
            "host": EVERYTHING,
            "organiser": EVERYTHING,
        },
        build=_build,
        policy=_policy,
    )
)
