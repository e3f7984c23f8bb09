"""The viewer-shaped card of an event's occurrence: what pages, the API, emails and calendar
files get. The exact address and call link are on it only when `can_see_place` allows them at
that moment; otherwise they are absent, not blank."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Q

from tejido.access.base import AnyUser, in_good_standing, is_organiser, is_vetted
from tejido.access.events import (
    EventRelation,
    can_see_place,
    counting_hosts,
    place_shown_from,
)
from tejido.accounts.choices import language_name
from tejido.accounts.models import User
from tejido.core.choices import label
from tejido.gatherings.models import Event, Host, Occurrence, Rsvp
from tejido.groups.models import GroupMembership

ACCESSIBILITY = ("step_free", "accessible_toilet", "quiet_room", "sign_language", "captions")
# Each need's label is its field's own name on the event.
ACCESSIBILITY_LABELS = {
    name: field.verbose_name
    for field in Event._meta.fields
    if (name := field.name) in ACCESSIBILITY
}


@dataclass(frozen=True)
class OccurrenceCard:
    id: int
    event_id: int
    kind: str
    kind_label: str
    title: str
    description: str
    group_name: str
    group_slug: str
    area_name: str
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    mode: str
    mode_label: str
    cancelled: bool
    recurring: bool
    capacity: int | None
    going: int
    waitlisted: int
    my_answer: str
    my_seat: str
    offer_expires_at: datetime | None
    accessibility: tuple[str, ...]
    content_notes: str
    age_min: int | None
    age_max: int | None
    languages: tuple[str, ...]
    has_image: bool
    image_description: str
    place_shown_from: datetime
    # The hosts approve each place (going waits for them, `my_seat` "pending").
    needs_approval: bool = False
    # {"address": …, "call_link": …} when the viewer may see them now; else empty.
    place: dict[str, str] = field(default_factory=dict)

    @property
    def address(self) -> str | None:
        return self.place.get("address")

    @property
    def call_link(self) -> str | None:
        return self.place.get("call_link")

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.going, 0)

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.going >= self.capacity

    @property
    def language_names(self) -> list[str]:
        return [language_name(code) for code in self.languages]

    @property
    def accessibility_labels(self) -> list[str]:
        return [str(ACCESSIBILITY_LABELS[name]) for name in self.accessibility]


def not_in_good_standing() -> Any:
    """Subquery of those whose seats do not count (suspended, removed): a few, found by the
    state index, where a join with every member would cost the count a scan."""
    return User.objects.exclude(in_good_standing()).values("pk")


def _seat_counts(occurrence_ids: list[int]) -> dict[int, Counter[str]]:
    rows = (
        Rsvp.objects.filter(occurrence__in=occurrence_ids)
        .exclude(seat=Rsvp.Seat.NONE)
        .exclude(user__in=not_in_good_standing())
        .values_list("occurrence", "seat")
        .annotate(n=Count("pk"))
    )
    counts: dict[int, Counter[str]] = {}
    for occurrence, seat, n in rows:
        counts.setdefault(occurrence, Counter())[seat] = n
    return counts


def _my_answers(viewer: AnyUser | None, occurrence_ids: list[int]) -> dict[int, Rsvp]:
    if not is_vetted(viewer) or not occurrence_ids:
        return {}
    assert viewer is not None
    mine = Rsvp.objects.filter(user=viewer.pk, occurrence__in=occurrence_ids).only(
        "occurrence", "answer", "seat", "offer_expires_at"
    )
    return {r.occurrence_id: r for r in mine}


def events_helped_by(viewer: AnyUser | None, events: Iterable[Event]) -> set[int]:
    """The ids, among `events`, of those the viewer helps run (see EventRelation.helps_run),
    in one query."""
    events = list(events)
    if not is_vetted(viewer) or not events:
        return set()
    if is_organiser(viewer):
        return {e.pk for e in events}
    assert viewer is not None
    hosts = Host.objects.filter(user=viewer.pk, event__in=[e.pk for e in events])
    hosted = counting_hosts(hosts).values_list("event", flat=True)
    groups = {e.group_id for e in events if e.group_id is not None}
    organised = set(
        GroupMembership.objects.filter(
            Q(group__in=groups),
            user=viewer.pk,
            state=GroupMembership.State.ACTIVE,
            role=GroupMembership.Role.ORGANISER,
        ).values_list("group", flat=True)
    )
    return set(hosted) | {e.pk for e in events if e.group_id in organised}


def occurrence_card(
    viewer: AnyUser | None,
    occurrence: Occurrence,
    *,
    counts: Counter[str],
    mine: Rsvp | None,
    place: bool,
) -> OccurrenceCard:
    event = occurrence.event
    group = event.group
    return OccurrenceCard(
        id=occurrence.pk,
        event_id=event.pk,
        kind=event.kind,
        kind_label=label(event, "kind"),
        title=event.title,
        description=event.description,
        group_name=group.name if group is not None else "",
        group_slug=group.slug if group is not None else "",
        area_name=event.area.name if event.area is not None else "",
        starts_at=occurrence.starts_at,
        ends_at=occurrence.ends_at,
        time_zone=event.time_zone,
        mode=event.mode,
        mode_label=label(event, "mode"),
        cancelled=occurrence.cancelled_at is not None or event.cancelled_at is not None,
        recurring=bool(event.recurrence),
        capacity=event.capacity,
        going=counts[Rsvp.Seat.CONFIRMED] + counts[Rsvp.Seat.OFFERED],
        waitlisted=counts[Rsvp.Seat.WAITLISTED],
        my_answer=mine.answer if mine else "",
        my_seat=mine.seat if mine else "",
        offer_expires_at=mine.offer_expires_at if mine else None,
        accessibility=tuple(name for name in ACCESSIBILITY if getattr(event, name)),
        content_notes=event.content_notes,
        age_min=event.age_min,
        age_max=event.age_max,
        languages=tuple(event.languages or ()),
        has_image=bool(event.image),
        image_description=event.image_description,
        place_shown_from=place_shown_from(occurrence),
        needs_approval=event.needs_approval,
        place=_place(event) if place else {},
    )


def _place(event: Event) -> dict[str, str]:
    shown = {}
    if event.mode != Event.Mode.ONLINE and event.address:
        shown["address"] = event.address
    if event.mode != Event.Mode.IN_PERSON and event.call_link:
        shown["call_link"] = event.call_link
    return shown


def occurrence_cards(
    viewer: AnyUser | None, occurrences: Iterable[Occurrence]
) -> list[OccurrenceCard]:
    """Cards for a list, without the place (lists never show it): two queries whatever the
    length. Pass occurrences fetched with select_related("event__area", "event__group")."""
    occurrences = list(occurrences)
    ids = [o.pk for o in occurrences]
    counts = _seat_counts(ids)
    mine = _my_answers(viewer, ids)
    return [
        occurrence_card(
            viewer, o, counts=counts.get(o.pk, Counter()), mine=mine.get(o.pk), place=False
        )
        for o in occurrences
    ]


# What a list's card of an occurrence shows changes only with these columns, its seat counts
# and the viewer's answer: together they name the card's HTML in the list's cache
# (tejido/web/card_cache.py). `cancelled_at` and `event_id` are read as they are, since the
# writes that cancel dates or move them to a new series bypass save() and `updated_at`.
STAMP_COLUMNS = (
    "pk",
    "updated_at",
    "cancelled_at",
    "event_id",
    "event__updated_at",
    "event__group__updated_at",
    "event__area__name",
)


def card_stamps(viewer: AnyUser | None, rows: Iterable[tuple[Any, ...]]) -> list[tuple[int, str]]:
    """(occurrence id, stamp) for `rows` of STAMP_COLUMNS: two queries whatever the length. Two
    viewers with the same stamp for an occurrence get the same list card."""
    rows = list(rows)
    ids = [row[0] for row in rows]
    counts = _seat_counts(ids)
    mine = _my_answers(viewer, ids)
    stamps = []
    for pk, *columns in rows:
        answer = mine.get(pk)
        seats = sorted(counts.get(pk, Counter()).items())
        own = (answer.answer, answer.seat, answer.offer_expires_at) if answer else None
        stamps.append((pk, repr((columns, seats, own))))
    return stamps


def detailed_card(
    viewer: AnyUser | None, occurrence: Occurrence, *, relation: EventRelation, now: datetime
) -> OccurrenceCard:
    """The card of one occurrence for its page, its API answer or its calendar file, with the
    place when the policy shows it to this viewer at this moment."""
    mine = _my_answers(viewer, [occurrence.pk]).get(occurrence.pk)
    place = can_see_place(
        viewer, occurrence, seat=mine.seat if mine else "", now=now, relation=relation
    )
    counts = _seat_counts([occurrence.pk]).get(occurrence.pk, Counter())
    return occurrence_card(viewer, occurrence, counts=counts, mine=mine, place=place)


def detailed_cards(
    viewer: AnyUser | None,
    occurrences: Iterable[Occurrence],
    *,
    relations: dict[int, EventRelation],
    now: datetime,
) -> list[OccurrenceCard]:
    """`detailed_card` for many occurrences (a calendar feed's) in two queries whatever the
    length, given the viewer's relation to each event (`events.event_relations`). Pass
    occurrences fetched with select_related("event__area", "event__group")."""
    occurrences = list(occurrences)
    ids = [o.pk for o in occurrences]
    counts = _seat_counts(ids)
    mine = _my_answers(viewer, ids)
    cards = []
    for occurrence in occurrences:
        answer = mine.get(occurrence.pk)
        place = can_see_place(
            viewer,
            occurrence,
            seat=answer.seat if answer else "",
            now=now,
            relation=relations[occurrence.event_id],
        )
        cards.append(
            occurrence_card(
                viewer,
                occurrence,
                counts=counts.get(occurrence.pk, Counter()),
                mine=answer,
                place=place,
            )
        )
    return cards
