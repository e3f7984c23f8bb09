"""What someone answered when asking for a place in a circle: for them and for the circle's
facilitators, never for a facilitator in a block with them, another member of the circle, or
the organisers."""

from django.urls import reverse

from tejido.access.circle_cards import answers_of, intake_cards
from tejido.access.circles import can_see_intake_answers
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User

FIELDS = {"answers": "the answers to the circle's intake questions (sealed)"}
RELATIONS = {
    "stranger": "not logged in",
    "applicant": "applied, not vetted yet",
    "member": "a vetted member with no place in the circle",
    "member_with_place": "in the circle",
    "asker": "who asked and answered",
    "facilitator": "facilitates the circle",
    "blocked": "facilitates the circle, in a block with whoever asked",
    "organiser": "a network organiser who does not facilitate it",
}
# Whoever asked reads their answers on the circle's page; the API shows them nowhere.
ON_THE_CIRCLE = {"asker", "member_with_place", "stranger", "applicant"}


def _build() -> KindWorld:
    from tejido.accounts.factories import (
        ApplicantFactory,
        BlockFactory,
        OrganiserFactory,
        UserFactory,
    )
    from tejido.support.factories import CircleFactory, FacilitatorFactory, PlaceFactory
    from tejido.support.place_services import ask_for_place

    markers = {"answers": marker("circleintake", "answers")}
    circle = CircleFactory()
    asker = UserFactory()
    place = ask_for_place(actor=asker, circle=circle, answers=[markers["answers"]], agreed=True)
    viewers: dict[str, User | None] = {
        "stranger": None,
        "applicant": ApplicantFactory(),
        "member": UserFactory(),
        "member_with_place": PlaceFactory(circle=circle).user,
        "asker": asker,
        "facilitator": FacilitatorFactory(circle=circle).user,
        "blocked": FacilitatorFactory(circle=circle).user,
        "organiser": OrganiserFactory(),
    }
    BlockFactory(blocker=asker, blocked=viewers["blocked"])
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse(
            "support_circle" if relation in ON_THE_CIRCLE else "support_intake", args=[circle.pk]
        ),
        api=lambda relation: (
            None if relation == "asker" else f"/support/circles/{circle.pk}/intake"
        ),
        extra={"circle": circle, "place": place, "sees_everything": "facilitator"},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    place = world.extra["place"]
    shown = [repr(card) for card in intake_cards(viewer, world.extra["circle"])]
    if can_see_intake_answers(viewer, place):
        shown.append(repr(answers_of(place)))
    return " ".join(shown)


register(
    PrivacyKind(
        name="circle_intake",
        relations=RELATIONS,
        fields=FIELDS,
        sees={"asker": frozenset(FIELDS), "facilitator": frozenset(FIELDS)},
        build=_build,
        policy=_policy,
    )
)
