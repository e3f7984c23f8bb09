"""Every read of events and occurrences, always shaped by the viewer."""

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from django.urls import reverse

from tejido.access.base import AnyUser, is_organiser, is_vetted
from tejido.access.event_cards import (
    ACCESSIBILITY,
    STAMP_COLUMNS,
    OccurrenceCard,
    card_stamps,
    detailed_card,
    occurrence_cards,
)
from tejido.access.events import (
    EventRelation,
    can_create_event,
    can_manage_event,
    can_record_attendance,
    can_rsvp,
    can_see_address_views,
    can_see_attendees,
    event_relation,
    groups_for_new_events,
    invited_event,
    visible_attendees,
    visible_events,
    visible_hosts,
    visible_occurrences,
)
from tejido.access.groups import visible_groups
from tejido.access.members import MemberCard, member_cards, with_card_columns
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.core.errors import NotFound
from tejido.core.models import pick_language
from tejido.core.paging import ListPage, paginate, paginate_ahead
from tejido.gatherings import recurrence
from tejido.gatherings.models import AddressView, Event, Host, Occurrence, Rsvp

EVENTS_PER_PAGE = 20


@dataclass(frozen=True)
class EventFilters:
    """What the upcoming list can be narrowed to; empty means any."""

    group: str = ""
    kind: str = ""
    language: str = ""
    accessibility: tuple[str, ...] = ()
    this_week: bool = False
    # Gatherings whose age range takes someone of this age (no range takes everyone).
    age: int | None = None
    # Only gatherings with no content notes: none of their own, nor on the film they show.
    without_content_notes: bool = False

    @property
    def narrows(self) -> bool:
        """Whether anything narrows the list."""
        return bool(
            self.group
            or self.kind
            or self.language
            or self.accessibility
            or self.this_week
            or self.age is not None
            or self.without_content_notes
        )


def _listed(viewer: AnyUser | None) -> QuerySet[Occurrence]:
    return visible_occurrences(viewer).select_related("event__area", "event__group")


def _in_a_list(viewer: AnyUser | None) -> QuerySet[Occurrence]:
    """As `_listed`, without the sealed place: a list never shows it, and opening it costs.
    A support circle's sessions are in no gatherings list, calendar or home page (a glance
    over a shoulder would tell): the circle's pages list them."""
    return (
        _listed(viewer)
        .exclude(event__visibility=Event.Visibility.CIRCLE)
        .defer("event__address", "event__call_link")
    )


def _filtered(occurrences: QuerySet[Occurrence], filters: EventFilters) -> QuerySet[Occurrence]:
    if filters.group:
        occurrences = occurrences.filter(event__group__slug=filters.group)
    if filters.kind:
        occurrences = occurrences.filter(event__kind=filters.kind)
    if filters.language:
        occurrences = occurrences.filter(event__languages__icontains=f'"{filters.language}"')
    for need in filters.accessibility:
        if need in ACCESSIBILITY:
            occurrences = occurrences.filter(**{f"event__{need}": True})
    if filters.age is not None:
        occurrences = occurrences.filter(
            Q(event__age_min__isnull=True) | Q(event__age_min__lte=filters.age),
            Q(event__age_max__isnull=True) | Q(event__age_max__gte=filters.age),
        )
    if filters.without_content_notes:
        occurrences = occurrences.filter(
            Q(event__film__isnull=True) | Q(event__film__content_notes=""),
            event__content_notes="",
        )
    if filters.this_week:
        occurrences = occurrences.filter(starts_at__lt=now() + timedelta(days=7))
    return occurrences


def _upcoming(viewer: AnyUser | None, filters: EventFilters | None) -> QuerySet[Occurrence]:
    """Dates to come of the events the viewer knows of, soonest first; cancelled ones left out."""
    occurrences = _in_a_list(viewer).filter(
        ends_at__gt=now(), cancelled_at__isnull=True, event__cancelled_at__isnull=True
    )
    return _filtered(occurrences, filters or EventFilters()).order_by("starts_at", "pk")


def list_upcoming(
    *, viewer: AnyUser | None, filters: EventFilters | None = None, page: int | str | None = None
) -> ListPage[OccurrenceCard]:
    return paginate(
        _upcoming(viewer, filters),
        page,
        lambda rows: occurrence_cards(viewer, rows),
        per_page=EVENTS_PER_PAGE,
    )


def list_upcoming_stamps(
    *, viewer: AnyUser | None, filters: EventFilters | None = None, page: int | str | None = None
) -> ListPage[tuple[int, str]]:
    """The page `list_upcoming` gives, as (occurrence id, stamp) pairs (see
    `event_cards.card_stamps`): a page serves the cards it has cached and asks
    `upcoming_cards` for the others. Not counted (see `paginate_ahead`): the count would cost
    the page more than all the rest."""
    return paginate_ahead(
        _upcoming(viewer, filters).values_list(*STAMP_COLUMNS),
        page,
        lambda rows: card_stamps(viewer, rows),
        per_page=EVENTS_PER_PAGE,
    )


def upcoming_cards(*, viewer: AnyUser | None, ids: list[int]) -> dict[int, OccurrenceCard]:
    """The list cards of the occurrences `ids`, among those the viewer knows of."""
    return {
        card.id: card for card in occurrence_cards(viewer, _in_a_list(viewer).filter(pk__in=ids))
    }


@dataclass(frozen=True)
class MonthDay:
    day: date
    in_month: bool
    occurrences: list[OccurrenceCard] = field(default_factory=list)


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    weeks: list[list[MonthDay]]

    @property
    def first(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def previous(self) -> date:
        return (self.first - timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> date:
        return (self.first + timedelta(days=32)).replace(day=1)


def get_month(*, viewer: AnyUser | None, year: int, month: int, zone: str) -> Month:
    """The month's weeks (Monday first), each day with the dates that start on it in `zone`."""
    if not (1 <= month <= 12 and 1900 < year < 3000):
        raise NotFound()
    tz = ZoneInfo(zone)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    start = datetime.combine(weeks[0][0], datetime.min.time(), tz)
    end = datetime.combine(weeks[-1][-1] + timedelta(days=1), datetime.min.time(), tz)
    occurrences = (
        _in_a_list(viewer)
        .filter(starts_at__gte=start, starts_at__lt=end, event__cancelled_at__isnull=True)
        .order_by("starts_at", "pk")
    )
    by_day: dict[date, list[OccurrenceCard]] = {}
    for card in occurrence_cards(viewer, occurrences):
        by_day.setdefault(card.starts_at.astimezone(tz).date(), []).append(card)
    return Month(
        year=year,
        month=month,
        weeks=[
            [
                MonthDay(day=d, in_month=d.month == month, occurrences=by_day.get(d, []))
                for d in week
            ]
            for week in weeks
        ],
    )


def _mine(viewer: AnyUser) -> QuerySet[Occurrence]:
    """The dates the viewer answered going or maybe to, or whose event they host."""
    mine = Q(
        pk__in=Rsvp.objects.filter(user=viewer.pk)
        .exclude(answer=Rsvp.Answer.NOT_GOING)
        .values("occurrence")
    )
    mine |= Q(event__in=Host.objects.filter(user=viewer.pk).values("event"))
    return _in_a_list(viewer).filter(mine)


def list_my_occurrences(
    *, viewer: AnyUser, page: int | str | None = None, past: bool = False
) -> ListPage[OccurrenceCard]:
    """The dates the viewer answered going or maybe to, or hosts: to come (soonest first) or
    past (latest first)."""
    occurrences = _mine(viewer)
    if past:
        occurrences = occurrences.filter(ends_at__lte=now()).order_by("-starts_at", "-pk")
    else:
        occurrences = occurrences.filter(ends_at__gt=now()).order_by("starts_at", "pk")
    return paginate(
        occurrences, page, lambda rows: occurrence_cards(viewer, rows), per_page=EVENTS_PER_PAGE
    )


def list_next_for_home(*, viewer: AnyUser, limit: int = 3) -> list[OccurrenceCard]:
    """The viewer's next gatherings (going, maybe or hosting) for their home page; when they
    have none, the next ones they could go to. Three queries (four when they have none of
    their own): no page count, unlike the lists."""
    moment = now()
    mine = list(_mine(viewer).filter(ends_at__gt=moment).order_by("starts_at", "pk")[:limit])
    if not mine:
        mine = list(
            _in_a_list(viewer)
            .filter(ends_at__gt=moment, cancelled_at__isnull=True, event__cancelled_at__isnull=True)
            .order_by("starts_at", "pk")[:limit]
        )
    return occurrence_cards(viewer, mine)


def get_occurrence(*, viewer: AnyUser | None, occurrence_id: int) -> Occurrence:
    occurrence = _listed(viewer).filter(pk=occurrence_id).first()
    if occurrence is None:
        raise NotFound()
    return occurrence


def get_event(*, viewer: AnyUser | None, event_id: int) -> Event:
    event = visible_events(viewer).filter(pk=event_id).first()
    if event is None:
        raise NotFound()
    return event


def get_invited_event(*, viewer: AnyUser | None, token: str) -> Event:
    """The invitation-only event an invitation link is for, before the member opens it: to
    vetted members holding a current link only."""
    event = invited_event(viewer, token)
    if event is None:
        raise NotFound()
    return event


def first_occurrence_to_come(*, viewer: AnyUser | None, event: Event) -> Occurrence:
    """The event's next date (or its last one, when all have passed)."""
    occurrences = _listed(viewer).filter(event=event)
    found = occurrences.filter(ends_at__gt=now()).order_by("starts_at").first()
    found = found or occurrences.order_by("-starts_at").first()
    if found is None:
        raise NotFound()
    return found


@dataclass(frozen=True)
class AttendeeRow:
    member: MemberCard
    answer: str
    seat: str
    attended: bool | None


@dataclass(frozen=True)
class OccurrencePage:
    occurrence: Occurrence
    card: OccurrenceCard
    relation: EventRelation
    repeats: str
    hosts: list[MemberCard]
    facilitators: list[MemberCard]
    other_dates: list[OccurrenceCard]
    # The names of those answering, when the viewer may see them; None otherwise.
    attendees: list[AttendeeRow] | None
    waitlist_position: int | None
    can_rsvp: bool
    can_manage: bool
    can_record_attendance: bool
    address_views: list[tuple[MemberCard, datetime]] | None
    discussion_guide: str
    invite_path: str


def waitlist_position(rsvp: Rsvp) -> int:
    """Where an RSVP stands on its waitlist: 1 for the first."""
    waiting = Rsvp.objects.filter(occurrence=rsvp.occurrence_id, seat=Rsvp.Seat.WAITLISTED)
    ahead = Q(queued_at__lt=rsvp.queued_at) | Q(queued_at=rsvp.queued_at, pk__lt=rsvp.pk)
    return waiting.filter(ahead).count() + 1


def _attendee_rows(
    viewer: AnyUser | None, occurrence: Occurrence, relation: EventRelation | None = None
) -> list[AttendeeRow]:
    people = with_card_columns(visible_attendees(viewer, occurrence, relation)).order_by(
        "profile__sort_name", "pk"
    )
    cards = {card.id: card for card in member_cards(viewer, people)}
    answers = Rsvp.objects.filter(occurrence=occurrence, user__in=list(cards)).order_by(
        "queued_at", "pk"
    )
    return [AttendeeRow(cards[a.user_id], a.answer, a.seat, a.attended) for a in answers]


def _guide(
    occurrence: Occurrence, relation: EventRelation, card: OccurrenceCard, moment: datetime
) -> str:
    """A film night's questions: for those who help run it, always; for its confirmed
    attendees, once the screening is over (the film's runtime after the start, else the end)."""
    event = occurrence.event
    if relation.helps_run:
        return event.discussion_guide
    film = event.film
    screened = (
        occurrence.starts_at + timedelta(minutes=film.runtime_minutes)
        if film and film.runtime_minutes
        else occurrence.ends_at
    )
    if card.my_seat == Rsvp.Seat.CONFIRMED and moment >= screened:
        return event.discussion_guide
    return ""


def get_occurrence_page(*, viewer: AnyUser, occurrence_id: int) -> OccurrencePage:
    occurrence = get_occurrence(viewer=viewer, occurrence_id=occurrence_id)
    event = occurrence.event
    relation = event_relation(viewer, event)
    moment = now()
    card = detailed_card(viewer, occurrence, relation=relation, now=moment)
    people = {
        c.id: c for c in member_cards(viewer, with_card_columns(visible_hosts(viewer, event)))
    }
    roles = dict(Host.objects.filter(event=event).values_list("user", "role"))
    hosts = [c for pk, c in people.items() if roles.get(pk) == Host.Role.HOST]
    facilitators = [c for pk, c in people.items() if roles.get(pk) == Host.Role.FACILITATOR]
    others = (
        _in_a_list(viewer)
        .filter(event=event, ends_at__gt=moment, cancelled_at__isnull=True)
        .exclude(pk=occurrence.pk)
        .order_by("starts_at")[:6]
    )
    attendees = (
        _attendee_rows(viewer, occurrence, relation)
        if can_see_attendees(viewer, event, seat=card.my_seat, relation=relation)
        else None
    )
    position = None
    if card.my_seat == Rsvp.Seat.WAITLISTED:
        position = waitlist_position(Rsvp.objects.get(occurrence=occurrence, user=viewer.pk))
    views = None
    if can_see_address_views(viewer, event, relation):
        seen = AddressView.objects.filter(occurrence=occurrence).order_by("first_seen_at")
        when = {v.user_id: v.first_seen_at for v in seen}
        shown = member_cards(
            viewer,
            with_card_columns(User.objects.filter(pk__in=list(when))).filter(
                pk__in=visible_attendees(viewer, occurrence).values("pk")
            ),
        )
        views = [(c, when[c.id]) for c in shown]
    runs = can_manage_event(viewer, event, relation)
    return OccurrencePage(
        occurrence=occurrence,
        card=card,
        relation=relation,
        repeats=recurrence.describe(event.recurrence, event.starts_at, event.time_zone)
        if event.recurrence
        else "",
        hosts=hosts,
        facilitators=facilitators,
        other_dates=occurrence_cards(viewer, others),
        attendees=attendees,
        waitlist_position=position,
        can_rsvp=can_rsvp(viewer, occurrence, moment),
        can_manage=runs,
        can_record_attendance=can_record_attendance(viewer, event, relation),
        address_views=views,
        discussion_guide=_guide(occurrence, relation, card, moment),
        invite_path=reverse("event_invitation", args=[event.invite_token])
        if runs and event.invite_token
        else "",
    )


def list_attendance(*, viewer: AnyUser, occurrence: Occurrence) -> list[AttendeeRow]:
    """Who answered, for the hosts' attendance sheet and its CSV export."""
    if not can_record_attendance(viewer, occurrence.event):
        raise NotFound()
    return _attendee_rows(viewer, occurrence)


def may_create_events(*, viewer: AnyUser | None) -> bool:
    """Whether to offer the viewer "Create a gathering": network organisers, and the
    organisers of a group that takes new gatherings (one query, none for organisers)."""
    if not is_vetted(viewer):
        return False
    if is_organiser(viewer):
        return can_create_event(viewer)
    return groups_for_new_events(viewer).exists()


def list_groups_to_filter_by(*, viewer: AnyUser | None) -> list[tuple[str, str]]:
    """The (slug, name) of the groups the viewer sees, for the upcoming list's filter."""
    groups = visible_groups(viewer).filter(archived_at__isnull=True)
    named = [
        (slug, pick_language(es, en))
        for slug, es, en in groups.values_list("slug", "name_es", "name_en")
    ]
    return sorted(named, key=lambda pair: pair[1].casefold())


def my_attendance(*, viewer: AnyUser, occurrence_ids: list[int]) -> dict[int, bool | None]:
    """Whether the viewer's attendance was recorded (True came, False did not, None not
    recorded), for the occurrences they answered among `occurrence_ids`: one query."""
    if not occurrence_ids:
        return {}
    rows = Rsvp.objects.filter(user=viewer.pk, occurrence__in=occurrence_ids)
    return dict(rows.values_list("occurrence", "attended"))


def list_event_dates(
    *, viewer: AnyUser | None, event_id: int, page: int | str | None = None
) -> ListPage[OccurrenceCard]:
    """The dates to come of one series the viewer knows of, soonest first, cancelled ones
    included (their cards say so); NotFound alike for a missing and a hidden event."""
    event = get_event(viewer=viewer, event_id=event_id)
    occurrences = (
        _in_a_list(viewer).filter(event=event, ends_at__gt=now()).order_by("starts_at", "pk")
    )
    return paginate(
        occurrences, page, lambda rows: occurrence_cards(viewer, rows), per_page=EVENTS_PER_PAGE
    )
