"""One date of a support circle's weekly sessions, two hours away (its place already shown to
confirmed attendees): the session is for the circle's members and facilitators only, never for
an organiser outside the circle nor for someone who only asked for a place; its exact address
for its facilitators and its confirmed attendees; who is going, for its facilitators alone
(whatever the event's attendee-list setting), never someone in a block with the attendee."""

from datetime import timedelta

from django.urls import reverse

from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.access.tests.kinds.event import _policy as event_policy
from tejido.accounts.models import User
from tejido.core.clock import now

FIELDS = {
    "title": "the session itself: its title",
    "address": "the exact address",
    "attendee_name": "a confirmed attendee's chosen name",
}


def _build() -> KindWorld:
    from tejido.accounts.factories import (
        ApplicantFactory,
        BlockFactory,
        OrganiserFactory,
        UserFactory,
    )
    from tejido.gatherings.factories import RsvpFactory
    from tejido.gatherings.models import Event
    from tejido.support.models import Circle, Facilitator, Place
    from tejido.support.session_services import create_session_series

    markers = {name: marker("circlesession", name) for name in FIELDS}
    circle = Circle.objects.create(
        name_es="Círculo", theme="coming_out", language="es", size_limit=8
    )
    attendee = UserFactory(profile__chosen_name=markers["attendee_name"])
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "applicant": ApplicantFactory(),
        "other_member": UserFactory(),
        "asking": UserFactory(),
        "circle_member": UserFactory(),
        "confirmed": UserFactory(),
        "blocked": UserFactory(),
        "facilitator": UserFactory(),
        "organiser": OrganiserFactory(),
    }
    for relation in ("circle_member", "confirmed", "blocked"):
        Place.objects.create(circle=circle, user=viewers[relation], state="member")
    Place.objects.create(circle=circle, user=attendee, state="member")
    Place.objects.create(circle=circle, user=viewers["asking"], state="asked")
    Facilitator.objects.create(circle=circle, user=viewers["facilitator"])
    starts = now().replace(microsecond=0) + timedelta(hours=2)
    event = create_session_series(
        actor=viewers["facilitator"],
        circle=circle,
        frequency="weekly",
        title_es=markers["title"],
        title_en=markers["title"],
        address=markers["address"],
        reveal_hours=24,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    # Even if the setting said otherwise, only its facilitators see who comes.
    Event.objects.filter(pk=event.pk).update(attendee_list=Event.AttendeeList.EVERYONE)
    occurrence = event.occurrences.order_by("starts_at").first()
    assert occurrence is not None
    for user in (attendee, viewers["confirmed"], viewers["blocked"]):
        RsvpFactory(occurrence=occurrence, user=user)
    BlockFactory(blocker=attendee, blocked=viewers["blocked"])
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse("occurrence_detail", args=[occurrence.pk]),
        api=lambda relation: f"/occurrences/{occurrence.pk}",
        extra={"occurrence": occurrence, "sees_everything": "facilitator"},
    )


register(
    PrivacyKind(
        name="circle_session",
        relations={
            "anonymous": "not logged in",
            "applicant": "applied, not vetted yet",
            "other_member": "a vetted member outside the circle",
            "asking": "asked for a place in the circle, not in it yet",
            "circle_member": "a member of the circle, not going",
            "confirmed": "a member of the circle with a confirmed seat, after the reveal time",
            "blocked": "a confirmed member of the circle whom the attendee blocked",
            "facilitator": "the circle's facilitator",
            "organiser": "a network organiser outside the circle",
        },
        fields=FIELDS,
        sees={
            "circle_member": frozenset({"title"}),
            "confirmed": frozenset({"title", "address"}),
            "blocked": frozenset({"title", "address"}),
            "facilitator": frozenset(FIELDS),
        },
        build=_build,
        # What tejido.access hands a viewer about a date, as for any gathering's.
        policy=event_policy,
    )
)
