"""Every read of support circles, shaped by the viewer: the list of circles, one's own, a
circle's page with what the viewer may do and see, the facilitators' intake queue, and the
organisers' list. Missing and hidden answer the same NotFound."""

from dataclasses import dataclass

from django.db.models import Q

from tejido.access.base import AnyUser
from tejido.access.circle_cards import (
    CircleCard,
    IntakeCard,
    RosterEntry,
    answers_of,
    circle_cards,
    intake_cards,
    roster_cards,
    with_card_columns_of_circles,
)
from tejido.access.circles import (
    can_edit_intake,
    can_manage_circles,
    can_see_intake_answers,
    can_see_roster,
    facilitates,
    in_a_block,
    place_of,
    visible_circles,
    waiting_count,
)
from tejido.core.errors import NotFound
from tejido.core.paging import ListPage, paginate
from tejido.support.models import Circle, CircleIntake, Facilitator, Place

PER_PAGE = 20


def list_circles(*, viewer: AnyUser | None, page: int | str | None = 1) -> ListPage[CircleCard]:
    """The circles one can ask to join (open ones), oldest first, 20 a page."""
    circles = visible_circles(viewer).filter(archived_at__isnull=True).order_by("pk")
    return paginate(
        with_card_columns_of_circles(circles),
        page,
        # The list names no facilitator (a circle's page does).
        lambda found: circle_cards(viewer, found, people=False),
        per_page=PER_PAGE,
    )


def list_my_circles(*, viewer: AnyUser | None, people: bool = True) -> list[CircleCard]:
    """The circles the viewer facilitates or has a place in (or asked for one); without
    `people`, naming no facilitator (see `circle_cards`)."""
    if viewer is None or not viewer.is_authenticated:
        return []
    mine = visible_circles(viewer).filter(
        Q(pk__in=Place.objects.filter(user=viewer.pk).values("circle"))
        | Q(pk__in=Facilitator.objects.filter(user=viewer.pk).values("circle"))
    )
    return circle_cards(viewer, with_card_columns_of_circles(mine.order_by("pk")), people=people)


def get_circle(*, viewer: AnyUser | None, circle_id: int) -> Circle:
    circle = visible_circles(viewer).filter(pk=circle_id).first()
    if circle is None:
        raise NotFound()
    return circle


def _card(viewer: AnyUser | None, circle: Circle) -> CircleCard:
    return circle_cards(viewer, with_card_columns_of_circles(Circle.objects.filter(pk=circle.pk)))[
        0
    ]


@dataclass(frozen=True)
class CirclePage:
    card: CircleCard
    roster: list[RosterEntry]
    can_see_roster: bool
    can_edit_intake: bool
    waiting: int
    my_answers: tuple[tuple[str, str], ...]


def get_circle_page(*, viewer: AnyUser | None, circle_id: int) -> CirclePage:
    circle = get_circle(viewer=viewer, circle_id=circle_id)
    card = _card(viewer, circle)
    version = card.agreement_version
    place = place_of(viewer, circle)
    mine = place is not None and can_see_intake_answers(viewer, place)
    return CirclePage(
        card=card,
        roster=roster_cards(viewer, circle, version),
        can_see_roster=can_see_roster(viewer, circle, version),
        can_edit_intake=can_edit_intake(viewer, circle),
        waiting=waiting_count(viewer, circle) if card.is_facilitator else 0,
        my_answers=answers_of(place) if mine and place is not None else (),
    )


@dataclass(frozen=True)
class IntakePage:
    card: CircleCard
    queue: list[IntakeCard]


def get_intake_page(*, viewer: AnyUser | None, circle_id: int) -> IntakePage:
    """The requests waiting in a circle, for its facilitators; NotFound for anyone else."""
    circle = get_circle(viewer=viewer, circle_id=circle_id)
    if not facilitates(viewer, circle):
        raise NotFound()
    card = _card(viewer, circle)
    return IntakePage(card=card, queue=intake_cards(viewer, circle))


def get_place_to_decide(*, viewer: AnyUser | None, circle_id: int, place_id: int) -> Place:
    """A request for a place in the circle, for a facilitator who may answer it."""
    circle = get_circle(viewer=viewer, circle_id=circle_id)
    place = Place.objects.filter(pk=place_id, circle=circle).select_related("circle").first()
    # One in a block with whoever asked finds nothing, as if it did not exist.
    if (
        place is None
        or not facilitates(viewer, circle)
        or in_a_block(getattr(viewer, "pk", None), place.user_id)
    ):
        raise NotFound()
    return place


def get_intake_of(*, viewer: AnyUser | None, circle_id: int) -> CircleIntake:
    """A circle's intake, for its facilitators to edit."""
    circle = get_circle(viewer=viewer, circle_id=circle_id)
    if not can_edit_intake(viewer, circle):
        raise NotFound()
    return CircleIntake.objects.filter(circle=circle).first() or CircleIntake(circle=circle)


def list_all_circles(*, viewer: AnyUser | None) -> list[CircleCard]:
    """Every circle, archived ones too, for the organisers (no roster, no answers)."""
    if not can_manage_circles(viewer):
        return []
    return circle_cards(viewer, with_card_columns_of_circles(Circle.objects.order_by("pk")))
