"""Support circles: who knows a circle exists, who may ask for a place, who decides places,
who sees the roster and the intake answers, and who may be told about a circle or a place.

A listed circle that is not archived is known to every vetted member; a hidden or archived
one only to its facilitators, to those with a place in it (or waiting for one) and to the
network organisers, who keep circles and name facilitators but see no roster and no intake
answer unless they facilitate the circle themselves. The roster is for the circle's
facilitators; its members see each other's chosen names only when the circle says so, and
only once they accepted its current confidentiality agreement. Two members in a block, or
kept apart by the organisers, never appear to each other in a circle; a facilitator is only
told that such a person "cannot be placed in this circle", never why or because of whom. A
facilitator kept apart from whoever asked sees that request without a name, answers or date
(`unnamed_requests`), and whoever asked does not see them among the circle's facilitators."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from tejido.access.base import (
    AnyUser,
    in_good_standing,
    is_organiser,
    is_vetted,
    register_audience,
)
from tejido.access.members import in_a_block, not_in_a_block_with
from tejido.accounts.models import Block, User
from tejido.support.models import Circle, Facilitator, KeepApart, Place, PlaceState

# The states in which a member knows the circle they asked for, even a hidden one.
KNOWING = (PlaceState.ASKED, PlaceState.WAITLISTED, PlaceState.MEMBER)
# The states a facilitator still has to decide.
UNDECIDED = (PlaceState.ASKED, PlaceState.WAITLISTED)


def visible_circles(viewer: AnyUser | None) -> QuerySet[Circle]:
    if not is_vetted(viewer):
        return Circle.objects.none()
    assert viewer is not None
    if is_organiser(viewer):
        return Circle.objects.all()
    listed = Q(is_listed=True, archived_at__isnull=True)
    facilitated = Q(pk__in=Facilitator.objects.filter(user=viewer.pk).values("circle"))
    placed = Q(pk__in=Place.objects.filter(user=viewer.pk, state__in=KNOWING).values("circle"))
    return Circle.objects.filter(listed | facilitated | placed)


def can_see_circle(viewer: AnyUser | None, circle: Circle) -> bool:
    return visible_circles(viewer).filter(pk=circle.pk).exists()


def facilitates(viewer: AnyUser | None, circle: Circle) -> bool:
    return (
        is_vetted(viewer) and Facilitator.objects.filter(circle=circle.pk, user=viewer.pk).exists()  # type: ignore[union-attr]
    )


def place_of(viewer: AnyUser | None, circle: Circle) -> Place | None:
    if not is_vetted(viewer):
        return None
    return Place.objects.filter(circle=circle.pk, user=viewer.pk).first()  # type: ignore[union-attr]


def can_ask_for_place(actor: AnyUser | None, circle: Circle) -> bool:
    """A vetted member who sees an open circle, does not facilitate it and has no place in it
    yet (one who was declined leaves first, then may ask again)."""
    return (
        circle.archived_at is None
        and can_see_circle(actor, circle)
        and not facilitates(actor, circle)
        and place_of(actor, circle) is None
    )


def can_decide_place(actor: AnyUser | None, place: Place) -> bool:
    """A facilitator of the circle answers a request for a place that waits for an answer,
    unless they are in a block with whoever asked."""
    return (
        place.state in UNDECIDED
        and facilitates(actor, place.circle)
        and not in_a_block(getattr(actor, "pk", None), place.user_id)
    )


def cannot_be_placed(place: Place) -> bool:
    """Whoever asked is kept apart from, or in a block with, someone in the circle or one of
    its facilitators: a facilitator is warned, and accepting them is refused."""
    return place.pk in unplaceable(place.circle_id, [place])


def unplaceable(circle_id: int, places: Iterable[Place]) -> set[int]:
    """The ids of those of the circle's `places` whose person cannot be placed (as
    cannot_be_placed says), in four queries however many there are."""
    asking = {place.pk: place.user_id for place in places}
    if not asking:
        return set()
    circle_people = set(
        Place.objects.filter(circle=circle_id, state=PlaceState.MEMBER).values_list(
            "user", flat=True
        )
    ) | set(Facilitator.objects.filter(circle=circle_id).values_list("user", flat=True))
    people = set(asking.values())
    pairs = KeepApart.objects.filter(Q(first__in=people) | Q(second__in=people)).values_list(
        "first", "second"
    )
    blocks = Block.objects.filter(Q(blocker__in=people) | Q(blocked__in=people)).values_list(
        "blocker", "blocked"
    )
    # Everyone each asking person must never meet in a circle.
    apart: dict[int, set[int]] = defaultdict(set)
    for one, other in (*pairs, *blocks):
        apart[one].add(other)
        apart[other].add(one)
    return {pk for pk, user in asking.items() if (apart[user] - {user}) & circle_people}


def needs_agreement(place: Place | None, agreement_version: int) -> bool:
    """A member of the circle who has not accepted its current agreement."""
    if place is None or place.state != PlaceState.MEMBER:
        return False
    agreed = place.intake.agreed_version if hasattr(place, "intake") else 0
    return agreed < agreement_version


def can_see_roster(viewer: AnyUser | None, circle: Circle, agreement_version: int) -> bool:
    """Its facilitators; its members, when it shows names to members and they accepted the
    current agreement."""
    if facilitates(viewer, circle):
        return True
    place = place_of(viewer, circle)
    return (
        circle.show_names_to_members
        and place is not None
        and place.state == PlaceState.MEMBER
        and not needs_agreement(place, agreement_version)
    )


def roster_people(viewer: AnyUser, circle: Circle) -> QuerySet[Place]:
    """The places the viewer may see in a roster they may see (can_see_roster): facilitators
    see every member, members see each other; nobody sees someone in a block with them or
    kept apart from them, and nobody not in good standing is shown."""
    places = Place.objects.filter(
        in_good_standing("user__"), circle=circle.pk, state=PlaceState.MEMBER
    )
    return places.filter(not_in_a_block_with(viewer, "user"), not_kept_apart_from(viewer, "user"))


def kept_apart_from(viewer: AnyUser, field: str = "pk") -> Q:
    """The person in `field` is kept apart from the viewer by the organisers (the viewer is
    never kept apart from themselves)."""
    pairs = KeepApart.objects.filter(Q(first=viewer.pk) | Q(second=viewer.pk))
    either = Q(**{f"{field}__in": pairs.values("first")}) | Q(
        **{f"{field}__in": pairs.values("second")}
    )
    return either & ~Q(**{field: viewer.pk})


def not_kept_apart_from(viewer: AnyUser, field: str = "pk") -> Q:
    return ~kept_apart_from(viewer, field)


def kept_apart(first: int | None, second: int) -> bool:
    """Whether the organisers keep two people apart."""
    low, high = sorted((first or 0, second))
    return KeepApart.objects.filter(first=low, second=high).exists()


def _waiting(viewer: AnyUser, circle: Circle) -> QuerySet[Place]:
    """The requests waiting in the circle, less anyone in a block with the viewer."""
    return Place.objects.filter(
        not_in_a_block_with(viewer, "user"),
        in_good_standing("user__"),
        circle=circle.pk,
        state__in=UNDECIDED,
    )


def intake_queue(viewer: AnyUser | None, circle: Circle) -> QuerySet[Place]:
    """The requests for a place a facilitator may answer, with who asked: waiting ones, less
    anyone in a block with the facilitator or kept apart from them."""
    if not facilitates(viewer, circle):
        return Place.objects.none()
    assert viewer is not None
    return _waiting(viewer, circle).filter(not_kept_apart_from(viewer, "user"))


def unnamed_requests(viewer: AnyUser | None, circle: Circle) -> QuerySet[Place]:
    """The waiting requests of people the organisers keep apart from this facilitator: the two
    never appear to each other, so the facilitator learns only that someone who cannot be
    placed in this circle asked (no name, no answers, no date) and may kindly decline. Anyone
    in a block with the facilitator is left out altogether, as in `intake_queue`."""
    if not facilitates(viewer, circle):
        return Place.objects.none()
    assert viewer is not None
    return _waiting(viewer, circle).filter(kept_apart_from(viewer, "user"))


def waiting_count(viewer: AnyUser | None, circle: Circle) -> int:
    """How many requests wait for this facilitator: named and unnamed ones alike."""
    if not facilitates(viewer, circle):
        return 0
    assert viewer is not None
    return _waiting(viewer, circle).count()


def can_see_intake_answers(viewer: AnyUser | None, place: Place) -> bool:
    """Whoever answered, and the circle's facilitators who are in no block with them and not
    kept apart from them."""
    if not is_vetted(viewer):
        return False
    assert viewer is not None
    if viewer.pk == place.user_id:
        return True
    return (
        facilitates(viewer, place.circle)
        and not in_a_block(viewer.pk, place.user_id)
        and not kept_apart(viewer.pk, place.user_id)
    )


def can_leave_circle(actor: AnyUser | None, place: Place) -> bool:
    """A member leaves (or withdraws a request) at any time, whatever its state."""
    return is_vetted(actor) and actor.pk == place.user_id  # type: ignore[union-attr]


def can_manage_circles(actor: AnyUser | None) -> bool:
    """Create, edit and archive circles, name and remove facilitators, keep members apart."""
    return is_organiser(actor)


def can_edit_intake(actor: AnyUser | None, circle: Circle) -> bool:
    """A circle's facilitators keep its intake questions and its agreement."""
    return facilitates(actor, circle)


def _good_standing_less_blocks(people: Q, kept_from: int | None) -> QuerySet[User]:
    told = User.objects.filter(people, in_good_standing())
    if kept_from is None:
        return told
    blocks = Block.objects.filter(Q(blocker=kept_from) | Q(blocked=kept_from))
    apart = Q(pk__in=blocks.values("blocked")) | Q(pk__in=blocks.values("blocker"))
    return told.exclude(apart & ~Q(pk=kept_from))


@register_audience(Circle)
def audience_of_circle(circle: Circle) -> QuerySet[User]:
    """Its facilitators in good standing: they hear (without a name) that someone asked or
    left."""
    people = Q(pk__in=Facilitator.objects.filter(circle=circle.pk).values("user"))
    return _good_standing_less_blocks(people, None)


@register_audience(Place)
def audience_of_place(place: Place) -> QuerySet[User]:
    """Whoever holds the place, and the circle's facilitators in no block with them."""
    facilitators = Facilitator.objects.filter(circle=place.circle_id).values("user")
    return _good_standing_less_blocks(Q(pk=place.user_id) | Q(pk__in=facilitators), place.user_id)
