"""A support circle's session that has started, with a facilitator's note about one member and
the attendance recorded: the note and who came are for the circle's facilitators only: not the
member noted, not the circle's other members, not organisers outside the circle, and not a
facilitator in a block with the member. The API serves attendance, never notes."""

from datetime import timedelta

from django.urls import reverse

from tejido.access.circle_sessions import attendance_rows, note_cards, visible_notes
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User
from tejido.core.clock import now

FIELDS = {
    "note": "a facilitator's note about a member (encrypted at rest)",
    "attendance": "who came: an attending member's chosen name on the attendance list",
}


def _build() -> KindWorld:
    from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
    from tejido.support.models import Circle, Facilitator, Place
    from tejido.support.note_services import write_note
    from tejido.support.session_services import create_session_series, record_session_attendance

    markers = {name: marker("circlenote", name) for name in FIELDS}
    circle = Circle.objects.create(name_es="Círculo", theme="family", language="es", size_limit=8)
    attendee = UserFactory(profile__chosen_name=markers["attendance"])
    viewers: dict[str, User | None] = {
        "anonymous": None,
        "other_member": UserFactory(),
        "circle_member": UserFactory(),
        "noted_member": UserFactory(),
        "facilitator": UserFactory(),
        "blocked": UserFactory(),
        "organiser": OrganiserFactory(),
    }
    places = {
        relation: Place.objects.create(circle=circle, user=viewers[relation], state="member")
        for relation in ("circle_member", "noted_member")
    }
    came = Place.objects.create(circle=circle, user=attendee, state="member")
    for relation in ("facilitator", "blocked"):
        Facilitator.objects.create(circle=circle, user=viewers[relation])
    # The co-facilitator is in a block with both members: neither is shown to them.
    BlockFactory(blocker=attendee, blocked=viewers["blocked"])
    BlockFactory(blocker=viewers["noted_member"], blocked=viewers["blocked"])
    facilitator = viewers["facilitator"]
    assert facilitator is not None
    starts = now().replace(microsecond=0) - timedelta(minutes=30)
    event = create_session_series(
        actor=facilitator,
        circle=circle,
        frequency="weekly",
        title_es="Sesión",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    occurrence = event.occurrences.order_by("starts_at").first()
    assert occurrence is not None
    record_session_attendance(actor=facilitator, occurrence=occurrence, present={came.pk: True})
    write_note(
        actor=facilitator,
        occurrence=occurrence,
        place_id=places["noted_member"].pk,
        text=markers["note"],
    )
    page = reverse("circle_session_detail", args=[circle.pk, occurrence.pk])
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: page,
        # The facilitator's API answer is attendance only (notes stay on the pages).
        api=lambda relation: (
            None if relation == "facilitator" else f"/support/sessions/{occurrence.pk}/attendance"
        ),
        extra={"occurrence": occurrence, "sees_everything": "facilitator"},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    occurrence = world.extra["occurrence"]
    notes = note_cards(viewer, visible_notes(viewer).filter(occurrence=occurrence.pk))
    return " ".join([*map(repr, notes), *map(repr, attendance_rows(viewer, occurrence))])


register(
    PrivacyKind(
        name="circle_note",
        relations={
            "anonymous": "not logged in",
            "other_member": "a vetted member outside the circle",
            "circle_member": "another member of the circle",
            "noted_member": "the member the note is about",
            "facilitator": "the circle's facilitator who wrote it",
            "blocked": "a co-facilitator whom the noted and the attending members blocked",
            "organiser": "a network organiser outside the circle",
        },
        fields=FIELDS,
        sees={"facilitator": frozenset(FIELDS)},
        build=_build,
        policy=_policy,
    )
)
