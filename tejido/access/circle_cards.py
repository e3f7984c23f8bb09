"""The viewer-shaped cards of support circles: what pages, the API and notices get of a circle,
of its roster and of its intake queue. A list of circles costs the same few queries whatever
its length. What the viewer may not see is absent: the roster and the intake answers are
never on a circle's card, only in `roster_cards` and `intake_cards`, which check first."""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tejido.access.base import AnyUser, is_organiser, is_vetted
from tejido.access.circles import (
    can_see_roster,
    facilitates,
    intake_queue,
    needs_agreement,
    not_kept_apart_from,
    roster_people,
    unnamed_requests,
    unplaceable,
)
from tejido.access.members import MemberCard, member_cards, visible_members, with_card_columns
from tejido.accounts.choices import language_name
from tejido.accounts.models import ProfessionalVerification
from tejido.core.choices import label
from tejido.core.models import in_language
from tejido.support.models import (
    Circle,
    CircleIntake,
    CircleKind,
    CircleTheme,
    Facilitator,
    Place,
    PlaceState,
)

# What a member is told of their own request: a declined one reads kindly and says nothing of
# why; a waitlisted one says there may be a place later.
KIND_STATE = {
    PlaceState.ASKED: _("You asked for a place. The facilitators will answer you soon."),
    PlaceState.WAITLISTED: _(
        "You are on the waitlist. The facilitators will tell you when a place opens."
    ),
    PlaceState.DECLINED: _(
        "Thank you for asking. This circle cannot offer you a place this time; other circles "
        "may suit you, and the organisers can help you find one."
    ),
    PlaceState.MEMBER: _("You are in this circle."),
}


@dataclass(frozen=True)
class ProfessionalCard:
    """Who runs a group therapy circle, and who verified them when."""

    chosen_name: str
    profession: str
    verified_by: str
    verified_at: datetime


@dataclass(frozen=True)
class CircleCard:
    id: int
    name: str
    description: str
    theme: str
    theme_label: str
    kind: str
    kind_label: str
    is_therapy: bool
    language: str
    language_label: str
    size_limit: int
    places_left: int
    is_listed: bool
    archived: bool
    facilitators: tuple[MemberCard, ...]
    professionals: tuple[ProfessionalCard, ...]
    my_state: str
    my_state_message: str
    is_facilitator: bool
    can_ask: bool
    can_leave: bool
    can_manage: bool
    needs_agreement: bool
    agreement: str
    agreement_version: int
    questions: tuple[str, ...]
    show_names_to_members: bool


def _facilitator_cards(
    viewer: AnyUser | None, circle_ids: Sequence[int], *, people: bool
) -> tuple[dict[int, list[int]], dict[int, MemberCard]]:
    pairs = Facilitator.objects.filter(circle__in=circle_ids).values_list("circle", "user")
    by_circle: dict[int, list[int]] = {}
    for circle_id, user_id in pairs:
        by_circle.setdefault(circle_id, []).append(user_id)
    ids = {user_id for found in by_circle.values() for user_id in found}
    if not people or not ids or viewer is None:
        return by_circle, {}
    # Someone the organisers keep apart from a facilitator never sees them in a circle.
    found = with_card_columns(
        visible_members(viewer).filter(not_kept_apart_from(viewer), pk__in=ids)
    )
    return by_circle, {card.id: card for card in member_cards(viewer, found)}


def _professionals(cards: dict[int, MemberCard]) -> dict[int, ProfessionalCard]:
    ids = [card.id for card in cards.values() if "professional" in card.roles]
    if not ids:
        return {}
    found = ProfessionalVerification.objects.filter(user__in=ids).select_related(
        "verified_by__profile"
    )
    return {
        verification.user_id: ProfessionalCard(
            chosen_name=cards[verification.user_id].chosen_name,
            profession=verification.profession,
            verified_by=(
                verification.verified_by.profile.chosen_name
                if verification.verified_by is not None
                else str(_("the organisers"))
            ),
            verified_at=verification.verified_at,
        )
        for verification in found
    }


# The columns of a circle and of its intake its card reads.
CARD_COLUMNS = (
    "id",
    "name_es",
    "name_en",
    "description_es",
    "description_en",
    "theme",
    "kind",
    "language",
    "size_limit",
    "is_listed",
    "show_names_to_members",
    "archived_at",
    "intake__id",
    "intake__circle_id",
    "intake__questions",
    "intake__agreement_es",
    "intake__agreement_en",
    "intake__agreement_version",
)


def with_card_columns_of_circles(circles: QuerySet[Circle]) -> QuerySet[Circle]:
    """Circles fetched ready for `circle_cards` (and for nothing else: only the columns their
    cards read): their intake alongside, and how many members each has. The members are
    counted in a subquery for each circle shown: as a join grouped by circle, counting a list's
    pages grouped every place of every circle (19 ms at 5,000 circles on PostgreSQL)."""
    members = (
        Place.objects.filter(circle=OuterRef("pk"), state=PlaceState.MEMBER)
        .values("circle")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        circles.select_related("intake")
        .only(*CARD_COLUMNS)
        .annotate(member_count=Coalesce(Subquery(members), 0))
    )


@dataclass(frozen=True)
class _Known:
    """What the cards of a list share, looked up once for all of them: who facilitates each
    circle, their cards and the professionals among them, the viewer's places, and the
    labels in the viewer's language."""

    facilitators: dict[int, list[int]]
    people: dict[int, MemberCard]
    professionals: dict[int, ProfessionalCard]
    places: dict[int, Place]
    organiser: bool
    language: str
    labels: dict[tuple[str, str], str]


def _labels(circles: list[Circle]) -> dict[tuple[str, str], str]:
    """The theme, kind and language labels the circles show, each translated once."""
    themes, kinds = dict(CircleTheme.choices), dict(CircleKind.choices)
    labels: dict[tuple[str, str], str] = {}
    for circle in circles:
        if ("theme", circle.theme) not in labels:
            labels[("theme", circle.theme)] = str(themes.get(circle.theme, circle.theme))
        if ("kind", circle.kind) not in labels:
            labels[("kind", circle.kind)] = str(kinds.get(circle.kind, circle.kind))
        if ("language", circle.language) not in labels:
            labels[("language", circle.language)] = language_name(circle.language)
    return labels


def circle_cards(
    viewer: AnyUser | None, circles: Iterable[Circle], *, people: bool = True
) -> list[CircleCard]:
    """Cards for circles the viewer may see (from `visible_circles`, passed through
    `with_card_columns_of_circles`), with their relations looked up in a few queries. Without
    `people`, for a list that names nobody, the cards name no facilitator and no professional
    (both empty), and cost the two or three queries that would find them less."""
    circles = list(circles)
    if not circles or not is_vetted(viewer):
        return []
    assert viewer is not None
    ids = [circle.pk for circle in circles]
    by_circle, found = _facilitator_cards(viewer, ids, people=people)
    places = Place.objects.filter(user=viewer.pk, circle__in=ids).select_related("intake")
    known = _Known(
        facilitators=by_circle,
        people=found,
        professionals=_professionals(found),
        places={place.circle_id: place for place in places},
        organiser=is_organiser(viewer),
        language=(get_language() or "es")[:2],
        labels=_labels(circles),
    )
    return [_card(viewer, circle, known) for circle in circles]


def _card(viewer: AnyUser, circle: Circle, known: _Known) -> CircleCard:
    intake: CircleIntake | None = getattr(circle, "intake", None)
    version = intake.agreement_version if intake is not None else 1
    place = known.places.get(circle.pk)
    facilitator_ids = known.facilitators.get(circle.pk, [])
    is_facilitator = viewer.pk in facilitator_ids
    can_ask = circle.archived_at is None and not is_facilitator and place is None
    members = getattr(circle, "member_count", 0)
    therapy = circle.kind == Circle.Kind.THERAPY
    language = known.language
    return CircleCard(
        id=circle.pk,
        name=in_language(circle, "name", language),
        description=in_language(circle, "description", language),
        theme=circle.theme,
        theme_label=known.labels[("theme", circle.theme)],
        kind=circle.kind,
        kind_label=known.labels[("kind", circle.kind)],
        is_therapy=therapy,
        language=circle.language,
        language_label=known.labels[("language", circle.language)],
        size_limit=circle.size_limit,
        places_left=max(circle.size_limit - members, 0),
        is_listed=circle.is_listed,
        archived=circle.archived_at is not None,
        facilitators=tuple(known.people[i] for i in facilitator_ids if i in known.people),
        professionals=tuple(
            known.professionals[i] for i in facilitator_ids if i in known.professionals
        )
        if therapy
        else (),
        my_state=place.state if place is not None else "",
        my_state_message=str(KIND_STATE[PlaceState(place.state)]) if place is not None else "",
        is_facilitator=is_facilitator,
        can_ask=can_ask,
        can_leave=place is not None,
        can_manage=known.organiser,
        needs_agreement=needs_agreement(place, version),
        agreement=in_language(intake, "agreement", language) if intake is not None else "",
        agreement_version=version,
        questions=tuple(intake.questions_in_language(language))
        if intake is not None and can_ask
        else (),
        show_names_to_members=circle.show_names_to_members,
    )


@dataclass(frozen=True)
class RosterEntry:
    id: int
    chosen_name: str
    since: datetime | None


def roster_cards(
    viewer: AnyUser | None, circle: Circle, agreement_version: int
) -> list[RosterEntry]:
    """Who is in the circle, as the viewer may see it; empty for anyone who may not see the
    roster. Members learn only each other's chosen names (and facilitators when they joined)."""
    if not can_see_roster(viewer, circle, agreement_version):
        return []
    assert viewer is not None
    facilitator = facilitates(viewer, circle)
    places = roster_people(viewer, circle).select_related("user__profile").order_by("decided_at")
    return [
        RosterEntry(
            id=place.user_id,
            chosen_name=place.user.profile.chosen_name,
            since=place.decided_at if facilitator else None,
        )
        for place in places
    ]


@dataclass(frozen=True)
class IntakeCard:
    """A request for a place, as a facilitator answering it sees it. An unnamed one (from
    someone the organisers keep apart from this facilitator) says nothing of who asked, what
    they answered or when: no member id, no name, no answers, no date."""

    place_id: int
    member_id: int | None
    chosen_name: str
    state: str
    state_label: str
    asked_at: datetime | None
    answers: tuple[tuple[str, str], ...]
    cannot_be_placed: bool
    unnamed: bool = False


def answers_of(place: Place) -> tuple[tuple[str, str], ...]:
    """The questions and answers of a request for a place (check can_see_intake_answers)."""
    intake = getattr(place, "intake", None)
    if intake is None or not intake.answers:
        return ()
    return tuple((str(q), str(a)) for q, a in json.loads(intake.answers))


def intake_cards(viewer: AnyUser | None, circle: Circle) -> list[IntakeCard]:
    """The circle's waiting requests for a place, for its facilitators (empty for anyone
    else), oldest first. `intake_queue` leaves out anyone in a block with the facilitator or
    kept apart from them, so every answer shown is one they may read; the requests of those
    kept apart from them come after them, unnamed (`unnamed_requests`)."""
    if not is_vetted(viewer):
        return []
    assert viewer is not None
    places = (
        intake_queue(viewer, circle)
        .select_related("user__profile", "intake", "circle")
        .order_by("created_at", "pk")
    )
    return [*_named_cards(circle, list(places)), *_unnamed_cards(unnamed_requests(viewer, circle))]


def _unnamed_cards(places: QuerySet[Place]) -> list[IntakeCard]:
    return [
        IntakeCard(
            place_id=place.pk,
            member_id=None,
            chosen_name="",
            state=place.state,
            state_label=label(place, "state"),
            asked_at=None,
            answers=(),
            # The facilitator is kept apart from them: accepting them is always refused.
            cannot_be_placed=True,
            unnamed=True,
        )
        for place in places.order_by("pk").only("pk", "state")
    ]


def _named_cards(circle: Circle, places: list[Place]) -> list[IntakeCard]:
    refused = unplaceable(circle.pk, places)
    return [
        IntakeCard(
            place_id=place.pk,
            member_id=place.user_id,
            chosen_name=place.user.profile.chosen_name,
            state=place.state,
            state_label=label(place, "state"),
            asked_at=place.created_at,
            answers=answers_of(place),
            cannot_be_placed=place.pk in refused,
        )
        for place in places
    ]
