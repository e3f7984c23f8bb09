"""A hidden support circle that shows its members each other's chosen names: its name is known
to its facilitators, to those with a place in it or waiting for one, and to the organisers;
its roster (here, one member's chosen name) to its facilitators and its members, never to a
member in a block with that person, nor to organisers, nor to whoever only asked to join."""

from django.urls import reverse

from tejido.access.circle_cards import circle_cards, roster_cards, with_card_columns_of_circles
from tejido.access.circles import visible_circles
from tejido.access.tests.kinds import KindWorld, PrivacyKind, marker, register
from tejido.accounts.models import User

FIELDS = {
    "name": "the name of a hidden circle",
    "roster": "who is in it (a member's chosen name, on the roster)",
}
RELATIONS = {
    "stranger": "not logged in",
    "applicant": "applied, not vetted yet",
    "member": "a vetted member with no place in it",
    "asker": "asked for a place, waiting for an answer",
    "declined": "asked, and was declined",
    "member_with_place": "in the circle",
    "blocked": "in the circle, in a block with the rostered member",
    "facilitator": "facilitates it",
    "organiser": "a network organiser who does not facilitate it",
}
# Where the API could show each relation the circle: "my circles". It has no roster, so the
# relations who may see the roster are checked on the pages and the policy only; organisers
# have no API list of circles.
NO_API = {"member_with_place", "facilitator", "organiser"}


def _build() -> KindWorld:
    from tejido.accounts.factories import (
        ApplicantFactory,
        BlockFactory,
        OrganiserFactory,
        UserFactory,
    )
    from tejido.support.factories import CircleFactory, FacilitatorFactory, PlaceFactory

    markers = {name: marker("circle", name) for name in FIELDS}
    circle = CircleFactory(
        name_es=markers["name"],
        name_en=markers["name"],
        is_listed=False,
        show_names_to_members=True,
    )
    rostered = UserFactory(profile__chosen_name=markers["roster"])
    PlaceFactory(circle=circle, user=rostered)
    viewers: dict[str, User | None] = {
        "stranger": None,
        "applicant": ApplicantFactory(),
        "member": UserFactory(),
        "asker": PlaceFactory(circle=circle, state="asked").user,
        "declined": PlaceFactory(circle=circle, state="declined").user,
        "member_with_place": PlaceFactory(circle=circle).user,
        "blocked": PlaceFactory(circle=circle).user,
        "facilitator": FacilitatorFactory(circle=circle).user,
        "organiser": OrganiserFactory(),
    }
    BlockFactory(blocker=rostered, blocked=viewers["blocked"])
    return KindWorld(
        viewers=viewers,
        markers=markers,
        page=lambda relation: reverse("support_circle", args=[circle.pk]),
        api=lambda relation: None if relation in NO_API else "/support/circles/mine",
        extra={"circle": circle, "sees_everything": "facilitator"},
    )


def _policy(world: KindWorld, viewer: User | None) -> str:
    circle = world.extra["circle"]
    found = with_card_columns_of_circles(visible_circles(viewer).filter(pk=circle.pk))
    shown = [repr(card) for card in circle_cards(viewer, found)]
    shown += [
        repr(entry) for entry in roster_cards(viewer, circle, circle.intake.agreement_version)
    ]
    return " ".join(shown)


KNOWS = frozenset({"name"})
register(
    PrivacyKind(
        name="circle",
        relations=RELATIONS,
        fields=FIELDS,
        sees={
            "asker": KNOWS,
            "member_with_place": frozenset(FIELDS),
            "blocked": KNOWS,
            "facilitator": frozenset(FIELDS),
            "organiser": KNOWS,
        },
        build=_build,
        policy=_policy,
    )
)
