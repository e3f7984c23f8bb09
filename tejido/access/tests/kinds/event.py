"""One date of a group's gathering, two hours away (its place already shown to confirmed
attendees): the gathering itself is for the group's members, those let in by its link and those
who run it; its exact address and call link for those who run it and its confirmed attendees;
who is going (the event shows it to confirmed attendees) by name, never to someone in a block
with the attendee."""

from datetime import timedelta

from django.urls import reverse

from tejido.access.event_cards import detailed_card
from tejido.access.events import (
    can_see_attendees,
    event_relation,
    visible_attendees,
    visible_occurrences,
)
from tejido.access.members import member_cards, with_card_columns
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User
from tejido.core.clock import now

FIELDS = {
    "title": "the gathering itself (a group's event): its title",
    "address": "the exact address",
    "call_link": "the call link",
    "attendee_name": "a confirmed attendee's chosen name",
}


def _build() -> KindWorld:
    from tejido.accounts.factories import (
        ApplicantFactory,
        BlockFactory,
        OrganiserFactory,
        UserFactory,
    )
    from tejido.gatherings.factories import (
        EventFactory,
        HostFactory,
        OccurrenceFactory,
        RsvpFactory,
    )
    from tejido.gatherings.models import Event, Invitation, Rsvp
    from tejido.groups.factories import GroupFactory, GroupMembershipFactory

    markers = {name: marker("event", name) for name in FIELDS}
    group = GroupFactory()
    starts = now().replace(microsecond=0) + timedelta(hours=2)
    event = EventFactory(
        group=group,
        visibility=Event.Visibility.GROUP,
        title_es=markers["title"],
        title_en=markers["title"],
        mode=Event.Mode.BOTH,
        address=markers["address"],
        call_link=markers["call_link"],
        reveal_hours=24,
        attendee_list=Event.AttendeeList.ATTENDEES,
        capacity=3,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    occurrence = OccurrenceFactory(event=event)
    attendee = UserFactory(profile__chosen_name=markers["attendee_name"])
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "suspended": UserFactory(state=User.State.SUSPENDED),
        "other_member": UserFactory(),
        "group_member": UserFactory(),
        "invited": UserFactory(),
        "waitlisted": UserFactory(),
        "confirmed": UserFactory(),
        "blocked": UserFactory(),
        "facilitator": UserFactory(),
        "host": UserFactory(),
        "organiser": OrganiserFactory(),
    }
    # A host counts only while in the event's group.
    for relation in (
        "group_member",
        "waitlisted",
        "confirmed",
        "blocked",
        "suspended",
        "host",
        "facilitator",
    ):
        GroupMembershipFactory(group=group, user=viewers[relation])
    GroupMembershipFactory(group=group, user=attendee)
    HostFactory(event=event, user=viewers["host"])
    HostFactory(event=event, user=viewers["facilitator"], role="facilitator")
    Invitation.objects.create(event=event, user=viewers["invited"])
    RsvpFactory(occurrence=occurrence, user=attendee)
    RsvpFactory(occurrence=occurrence, user=viewers["confirmed"])
    # Confirmed too, but the attendee blocked them: never each other's names.
    RsvpFactory(occurrence=occurrence, user=viewers["blocked"])
    BlockFactory(blocker=attendee, blocked=viewers["blocked"])
    RsvpFactory(occurrence=occurrence, user=viewers["waitlisted"], seat=Rsvp.Seat.WAITLISTED)
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse("occurrence_detail", args=[occurrence.pk]),
        api=lambda relation: f"/occurrences/{occurrence.pk}",
        # Who sees every field, whatever else: if their page is a 404, the page is not built.
        extra={"occurrence": occurrence, "sees_everything": "host"},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    occurrence = (
        visible_occurrences(viewer)
        .select_related("event__group", "event__area")
        .filter(pk=world.extra["occurrence"].pk)
        .first()
    )
    if occurrence is None:
        return ""
    event = occurrence.event
    relation = event_relation(viewer, event)
    card = detailed_card(viewer, occurrence, relation=relation, now=now())
    shown = [repr(card)]
    if can_see_attendees(viewer, event, seat=card.my_seat, relation=relation):
        people = with_card_columns(visible_attendees(viewer, occurrence))
        shown += [repr(c) for c in member_cards(viewer, people)]
    return " ".join(shown)


EVERYTHING = frozenset(FIELDS)
ATTENDING = frozenset({"title", "address", "call_link"})
register(
    PrivacyKind(
        name="event",
        relations={
            "anonymous": "not logged in",
            "applicant": "applied, not vetted yet",
            "suspended": "a suspended member of the group",
            "other_member": "a vetted member outside the group",
            "group_member": "an active member of the event's group",
            "invited": "outside the group, holding an invitation (it counts only while the "
            "event is by invitation)",
            "waitlisted": "on the waitlist for the date",
            "confirmed": "a confirmed attendee, after the reveal time",
            "blocked": "a confirmed attendee in a block with another attendee",
            "facilitator": "the event's facilitator",
            "host": "the event's host",
            "organiser": "a network organiser",
        },
        fields=FIELDS,
        sees={
            "group_member": frozenset({"title"}),
            "waitlisted": frozenset({"title"}),
            "confirmed": EVERYTHING,
            "blocked": ATTENDING,
            "facilitator": EVERYTHING,
            "host": EVERYTHING,
            "organiser": EVERYTHING,
        },
        build=_build,
        policy=_policy,
    )
)
