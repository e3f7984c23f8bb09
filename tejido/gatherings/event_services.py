"""Every write that makes and runs an event: creating and editing it (the whole series, one
occurrence, or this one and those after), cancelling, its dates, hosts and facilitators, the
invitation link, the hosts' message to attendees, and noting who was shown the address."""

import secrets
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext

from tejido.access.base import AnyUser, is_vetted
from tejido.access.events import (
    can_create_event,
    can_manage_event,
    can_see_event,
    invited_event,
)
from tejido.access.members import can_see_member
from tejido.accounts.choices import LANGUAGE_CODES
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotFound
from tejido.core.text import TextRule
from tejido.gatherings import recurrence
from tejido.gatherings.errors import (
    AlreadyHost,
    BadDates,
    BadRecurrence,
    CannotCreateEvent,
    GroupNeeded,
    LastHost,
)
from tejido.gatherings.models import (
    AddressView,
    Event,
    Host,
    Invitation,
    Occurrence,
    Rsvp,
    Slot,
)
from tejido.gatherings.moments import occurrence_params
from tejido.gatherings.selectors import waitlist_position
from tejido.gatherings.services import fill_free_seats, lock_occurrence, seats_taken
from tejido.gatherings.tasks import extend_series, run_at, schedule_reminder
from tejido.groups.models import Group
from tejido.network.models import Area
from tejido.notifications.services import notify

TITLE_MAX = Event._meta.get_field("title_es").max_length or 140
TEXT_MAX = 6000
EVENT_TEXT_RULES = {
    # A title names the gathering beside others: nothing invisible may hide in it.
    "title_es": TextRule(TITLE_MAX, name=True),
    "title_en": TextRule(TITLE_MAX, name=True),
    "description_es": TextRule(TEXT_MAX, multiline=True),
    "description_en": TextRule(TEXT_MAX, multiline=True),
    "address": TextRule(300, multiline=True),
    "call_link": TextRule(500),
    "content_notes": TextRule(1000, multiline=True),
    "discussion_guide": TextRule(TEXT_MAX, multiline=True),
    "image_description": TextRule(300),
}
FLAGS = (
    "needs_approval",
    "step_free",
    "accessible_toilet",
    "quiet_room",
    "sign_language",
    "captions",
)
CHOICES = {
    "kind": Event.Kind,
    "mode": Event.Mode,
    "visibility": Event.Visibility,
    "promotion": Event.Promotion,
    "attendee_list": Event.AttendeeList,
}
# Hours: from none to four weeks.
HOURS = {"reveal_hours": 24 * 28, "offer_hours": 24 * 7, "reminder_hours": 24 * 14}
MAX_SEATS = 10_000
MAX_MESSAGE = 2000
# How far back and ahead a gathering's dates may be: a year ago (to record one that happened)
# to five years ahead.
EARLIEST = timedelta(days=365)
LATEST = timedelta(days=5 * 365)
CALL_LINK = URLValidator(schemes=["https"])


def _number(value: Any, *, field: str, low: int, high: int, optional: bool) -> int | None:
    if value in (None, "") and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(
            detail={
                field: gettext("Enter a whole number from %(low)d to %(high)d.")
                % {"low": low, "high": high}
            }
        )
    return value


def _clean_one(name: str, value: Any) -> Any:
    if name == "call_link":
        return _call_link(EVENT_TEXT_RULES[name].clean(value, field=name))
    if name in EVENT_TEXT_RULES:
        return EVENT_TEXT_RULES[name].clean(value, field=name)
    if name in CHOICES:
        if value not in CHOICES[name].values:
            raise InvalidInput(detail={name: gettext("Choose one of the options.")})
        return value
    if name in FLAGS:
        return bool(value)
    if name in HOURS:
        return _number(value, field=name, low=0, high=HOURS[name], optional=False)
    if name == "capacity":
        return _number(value, field=name, low=1, high=MAX_SEATS, optional=True)
    if name in ("age_min", "age_max"):
        return _number(value, field=name, low=0, high=120, optional=True)
    if name == "languages":
        if not isinstance(value, list | tuple) or not set(value) <= LANGUAGE_CODES:
            raise InvalidInput(detail={name: gettext("Choose languages from the list.")})
        return sorted(set(value))
    if name == "area":
        return _area(value)
    if name in ("starts_at", "ends_at"):
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise InvalidInput(detail={name: gettext("Enter a date and time.")})
        return _within_range(value, field=name)
    if name == "film":
        return value
    raise TypeError(f"Events have no field {name!r}.")


def _within_range(value: datetime, *, field: str) -> datetime:
    """A date from a year ago to five years ahead; anything else (such as the year 9999,
    whose dates cannot even be computed) is refused on its field."""
    moment = now()
    try:
        fits = moment - EARLIEST <= value <= moment + LATEST
    except OverflowError:  # so far off that it cannot be compared
        fits = False
    if not fits:
        raise InvalidInput(
            detail={field: gettext("Choose a date from a year ago up to five years ahead.")}
        )
    return value


def _call_link(value: str) -> str:
    """The call link, when there is one: a web address that starts with https://."""
    if value:
        try:
            CALL_LINK(value)
        except ValidationError as error:
            raise InvalidInput(
                detail={"call_link": gettext("Enter a link that starts with https://.")}
            ) from error
    return value


def _area(value: Area | int | None) -> Area | None:
    if value is None or isinstance(value, Area):
        return value
    area = Area.objects.filter(pk=value).first() if isinstance(value, int) else None
    if area is None:
        raise InvalidInput(detail={"area": gettext("Choose an area from the list.")})
    return area


def clean_event_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The event's fields checked for shape and sense, every problem reported together."""
    errors: dict[str, Any] = {}
    clean: dict[str, Any] = {}
    for name, value in fields.items():
        try:
            clean[name] = _clean_one(name, value)
        except InvalidInput as error:
            errors.update(error.detail)
    if errors:
        raise InvalidInput(detail=errors)
    return clean


def _check_event(event: Event) -> None:
    """What the fields must say together."""
    if not (event.title_es or event.title_en):
        raise InvalidInput(
            detail={"title_es": gettext("Give the gathering a title in one language or both.")}
        )
    if event.ends_at <= event.starts_at:
        raise BadDates(detail={"ends_at": str(BadDates.message)})
    if event.ends_at - event.starts_at > timedelta(days=14):
        raise BadDates(
            gettext("A gathering lasts at most two weeks."),
            detail={"ends_at": gettext("A gathering lasts at most two weeks.")},
        )
    if event.age_min is not None and event.age_max is not None and event.age_max < event.age_min:
        raise InvalidInput(
            detail={"age_max": gettext("The maximum age must not be under the minimum.")}
        )
    if (event.visibility == Event.Visibility.CIRCLE) != (event.circle_id is not None):
        # Only tejido.support makes a circle's sessions, and they stay the circle's.
        raise InvalidInput(detail={"visibility": gettext("Choose one of the options.")})
    if event.visibility == Event.Visibility.GROUP and event.group_id is None:
        raise GroupNeeded(detail={"group": str(GroupNeeded.message)})
    try:
        recurrence.check_rule(event.recurrence, event.starts_at, event.time_zone)
    except recurrence.BadRule as error:
        raise BadRecurrence(detail={"repeats": str(BadRecurrence.message)}) from error


def repeat_rule(
    frequency: str, starts_at: datetime, zone: str, *, count: int | None, until: datetime | None
) -> str:
    """The RRULE for a form's choice of repetition, or BadRecurrence."""
    local = starts_at.astimezone(recurrence.ZoneInfo(zone))
    try:
        return recurrence.rule_for(
            frequency,
            local,
            count=_number(
                count, field="repeat_count", low=1, high=recurrence.MAX_AHEAD, optional=True
            ),
            until=until.astimezone(local.tzinfo) if until is not None else None,
        )
    except recurrence.BadRule as error:
        raise BadRecurrence(detail={"repeats": str(BadRecurrence.message)}) from error


def make_occurrences(event: Event, *, after: datetime | None = None) -> int:
    """Make the series' dates from `after` (default: now) up to the horizon that do not exist
    yet; each gets its reminder scheduled. Returns how many were made."""
    start = after or now()
    known = set(event.occurrences.values_list("original_start", flat=True))
    made = 0
    for dates in recurrence.dates(
        event.recurrence,
        event.starts_at,
        event.ends_at,
        event.time_zone,
        after=min(start, event.starts_at) if not event.recurrence else start,
        until=start + recurrence.HORIZON,
    ):
        if dates.starts_at in known:
            continue
        occurrence = Occurrence.objects.create(
            event=event,
            original_start=dates.starts_at,
            starts_at=dates.starts_at,
            ends_at=dates.ends_at,
        )
        occurrence.event = event
        schedule_reminder(occurrence)
        made += 1
    return made


def _group(actor: AnyUser, value: Group | int | None) -> Group | None:
    if value is None or value == "":
        return None
    group = value if isinstance(value, Group) else Group.objects.filter(pk=value).first()
    if group is None or not can_create_event(actor, group.pk):
        raise CannotCreateEvent(detail={"group": str(CannotCreateEvent.message)})
    return group


@transaction.atomic
def create_event(
    *,
    actor: User,
    group: Group | int | None = None,
    repeats: str = "",
    repeat_count: int | None = None,
    repeat_until: datetime | None = None,
    **fields: Any,
) -> Event:
    """Make an event (a series when it repeats) for the network or a group; the actor becomes
    its host. Its dates within the horizon are made at once, the rest as time passes."""
    chosen = _group(actor, group)
    if not can_create_event(actor, chosen.pk if chosen else None):
        raise CannotCreateEvent()
    event = Event(group=chosen, created_by=actor, **clean_event_fields(fields))
    if "starts_at" in fields and "ends_at" in fields:
        event.recurrence = repeat_rule(
            repeats, event.starts_at, event.time_zone, count=repeat_count, until=repeat_until
        )
    else:
        raise BadDates(detail={"starts_at": gettext("Enter a date and time.")})
    _check_event(event)
    if event.visibility == Event.Visibility.INVITATION:
        event.invite_token = secrets.token_urlsafe(32)
    event.save()
    Host.objects.create(event=event, user=actor, role=Host.Role.HOST)
    make_occurrences(event, after=event.starts_at)
    if event.recurrence:
        transaction.on_commit(
            lambda: run_at(extend_series, now() + timedelta(days=30), event.pk), robust=True
        )
    record_action(actor=actor, action="event.create", target=event)
    return event


def _managed(actor: AnyUser, event: Event) -> Event:
    """The event locked, for one who runs it; anyone else gets NotFound."""
    if not can_manage_event(actor, event):
        raise NotFound()
    locked = Event.objects.select_for_update().filter(pk=event.pk).first()
    if locked is None:
        raise NotFound()
    return locked


def _tell_everyone_answering(occurrences: list[Occurrence], kind: str) -> None:
    """Tell those going or maybe going to the occurrences (not those who said no)."""
    for occurrence in occurrences:
        answers = (
            Rsvp.objects.filter(occurrence=occurrence)
            .exclude(answer=Rsvp.Answer.NOT_GOING)
            .select_related("user")
        )
        url = reverse("occurrence_detail", args=[occurrence.pk])
        for answer in answers:
            notify(
                user=answer.user,
                kind=kind,
                about=occurrence.event,
                params=occurrence_params(answer.user, occurrence),
                url=url,
            )


def _upcoming(event: Event, *, since: datetime | None = None) -> list[Occurrence]:
    occurrences = event.occurrences.filter(
        ends_at__gt=since or now(), cancelled_at__isnull=True
    ).select_related("event")
    return list(occurrences)


# Fields that change when or how long each occurrence is, and so its dates.
_TIMING = ("starts_at", "ends_at")
# Fields that change who has a seat.
_SEATING = ("capacity", "needs_approval", "promotion")


@transaction.atomic
def update_event(
    *,
    actor: User,
    event: Event,
    repeats: str | None = None,
    repeat_count: int | None = None,
    repeat_until: datetime | None = None,
    **fields: Any,
) -> Event:
    """Change the whole series. A change of its times or repetition remakes the dates to come:
    each date keeps its row (its answers, sheet and who saw the place) on the same day; a date
    in use that the new rule drops is cancelled, and those answering it are told. More seats,
    no more approval or seats given at once go to those waiting. Those going or maybe going
    are told of the change."""
    event = _managed(actor, event)
    if "group" in fields:
        fields.pop("group")  # an event stays with the network or group it was made for
    approved_before, promotion_before = event.needs_approval, event.promotion
    for name, value in clean_event_fields(fields).items():
        setattr(event, name, value)
    timing_changed = any(name in fields for name in _TIMING) or repeats is not None
    if repeats is not None:
        event.recurrence = repeat_rule(
            repeats, event.starts_at, event.time_zone, count=repeat_count, until=repeat_until
        )
    _check_event(event)
    if event.visibility == Event.Visibility.INVITATION and not event.invite_token:
        event.invite_token = secrets.token_urlsafe(32)
    event.save()
    if timing_changed:
        _redate(event)
    if any(name in fields for name in _SEATING):
        _reseat(
            event,
            approval_ended=approved_before and not event.needs_approval,
            offers_ended=promotion_before == Event.Promotion.OFFER
            and event.promotion == Event.Promotion.AT_ONCE,
        )
    _tell_everyone_answering(_upcoming(event), "event_changed")
    record_action(actor=actor, action="event.update", target=event)
    return event


def _reseat(event: Event, *, approval_ended: bool, offers_ended: bool) -> None:
    """After a change of seats: for each date to come, held seats become confirmed ones where
    seats are now given at once, free seats go to the waitlist, and where the hosts no longer
    approve each place, those waiting for them get a seat in the order they asked (or a place
    on the waitlist once the seats are gone). Each person whose seat changes is told."""
    for upcoming in _upcoming(event):
        occurrence = lock_occurrence(upcoming)
        if offers_ended:
            for offer in _answers(occurrence, Rsvp.Seat.OFFERED):
                offer.seat, offer.offer_expires_at = Rsvp.Seat.CONFIRMED, None
                offer.save(update_fields=["seat", "offer_expires_at", "updated_at"])
                _tell_seat(offer, "rsvp_confirmed", occurrence)
        fill_free_seats(occurrence)
        if approval_ended:
            capacity = occurrence.event.capacity
            for waiting in _answers(occurrence, Rsvp.Seat.PENDING):
                if capacity is None or seats_taken(occurrence) < capacity:
                    waiting.seat = Rsvp.Seat.CONFIRMED
                    waiting.save(update_fields=["seat", "updated_at"])
                    _tell_seat(waiting, "rsvp_confirmed", occurrence)
                else:
                    waiting.seat = Rsvp.Seat.WAITLISTED
                    waiting.save(update_fields=["seat", "updated_at"])
                    _tell_seat(
                        waiting, "rsvp_waitlisted", occurrence, position=waitlist_position(waiting)
                    )


def _answers(occurrence: Occurrence, seat: str) -> list[Rsvp]:
    """The occurrence's answers with that seat, in the order they asked."""
    return list(
        Rsvp.objects.filter(occurrence=occurrence, seat=seat)
        .select_related("user")
        .order_by("queued_at", "pk")
    )


def _tell_seat(answer: Rsvp, kind: str, occurrence: Occurrence, **extra: object) -> None:
    notify(
        user=answer.user,
        kind=kind,
        about=occurrence.event,
        params={**occurrence_params(answer.user, occurrence), **extra},
        url=reverse("occurrence_detail", args=[occurrence.pk]),
    )


def _in_use(occurrences: list[Occurrence]) -> set[int]:
    """Those of the occurrences that someone answered, signed up to bring something to, or
    was shown the place of: they are never deleted."""
    ids = [o.pk for o in occurrences]
    used: set[int] = set()
    for model in (Rsvp, Slot, AddressView):
        used.update(model.objects.filter(occurrence__in=ids).values_list("occurrence", flat=True))
    return used


def _choose(candidates: list[Occurrence], wanted: recurrence.Dates, used: set[int]) -> Occurrence:
    """Which of the rows on one day (more than one only where an older edit doubled a date)
    becomes the day's date: the one already at the wanted time unless it could simply go,
    else one in use, else the first."""
    exact = [o for o in candidates if o.original_start == wanted.starts_at]
    in_use = [o for o in candidates if o.pk in used]
    if exact and (exact[0].pk in used or exact[0].cancelled_at is not None or not in_use):
        return exact[0]
    return (in_use or candidates)[0]


def _redate(event: Event) -> None:
    """After a change of the series' times, its dates follow the new rule, day by day in the
    event's time zone. A date to come on a day the rule still has moves to its new time and
    keeps its row: answers, sheet, who saw the place, a cancellation, the links in notices. A
    gathering that happens once always moves its one date. A date to come that the rule no
    longer has is deleted if nobody used it, cancelled (and those answering told) if
    someone did, and left as it is if it was cancelled already. Dates that have begun stay."""
    moment = now()
    zone = ZoneInfo(event.time_zone)

    def day(when: datetime) -> date:
        return when.astimezone(zone).date()

    existing = list(event.occurrences.order_by("original_start", "pk"))
    used = _in_use(existing)
    by_day: dict[date, list[Occurrence]] = {}
    for occurrence in existing:
        by_day.setdefault(day(occurrence.original_start), []).append(occurrence)

    moves: list[tuple[Occurrence, recurrence.Dates]] = []
    new: list[recurrence.Dates] = []
    kept: set[int] = set()
    if not event.recurrence:
        single = recurrence.Dates(event.starts_at, event.ends_at)
        same_day = by_day.get(day(single.starts_at))
        to_come = [o for o in existing if o.starts_at > moment and o.cancelled_at is None]
        to_come.sort(key=lambda o: (o.pk not in used, o.starts_at))
        if same_day:
            chosen: Occurrence | None = _choose(same_day, single, used)
        elif len(existing) == 1:
            chosen = existing[0]
        else:
            chosen = to_come[0] if to_come else None
        if chosen is None:
            new.append(single)
        else:
            kept.add(chosen.pk)
            moves.append((chosen, single))
    else:
        for wanted in recurrence.dates(
            event.recurrence,
            event.starts_at,
            event.ends_at,
            event.time_zone,
            after=min(moment, event.starts_at),
            until=moment + recurrence.HORIZON,
        ):
            candidates = by_day.get(day(wanted.starts_at))
            if candidates:
                chosen = _choose(candidates, wanted, used)
                kept.add(chosen.pk)
                if chosen.starts_at > moment:
                    moves.append((chosen, wanted))
                # A date that has begun or passed stays as it was.
            elif wanted.starts_at > moment:
                new.append(wanted)

    # What the rule no longer has goes first, so that no moved date meets a row in its place.
    dropped = [
        o for o in existing if o.pk not in kept and o.starts_at > moment and o.cancelled_at is None
    ]
    Occurrence.objects.filter(pk__in=[o.pk for o in dropped if o.pk not in used]).delete()
    cancelled = [o for o in dropped if o.pk in used]
    for occurrence in cancelled:
        occurrence.cancelled_at = moment
        occurrence.save(update_fields=["cancelled_at", "updated_at"])
        occurrence.event = event
    _tell_everyone_answering(cancelled, "occurrence_cancelled")

    for occurrence, wanted in moves:
        # A date of a series moved on its own keeps its own times; the rest follow the rule.
        on_its_own = bool(event.recurrence) and occurrence.starts_at != occurrence.original_start
        occurrence.original_start = wanted.starts_at
        retimed = not on_its_own and (
            (occurrence.starts_at, occurrence.ends_at) != (wanted.starts_at, wanted.ends_at)
        )
        if retimed:
            occurrence.starts_at, occurrence.ends_at = wanted.starts_at, wanted.ends_at
            occurrence.reminded_at = None
        occurrence.save()
        occurrence.event = event
        if retimed and occurrence.cancelled_at is None:
            schedule_reminder(occurrence)
    for wanted in new:
        occurrence = Occurrence.objects.create(
            event=event,
            original_start=wanted.starts_at,
            starts_at=wanted.starts_at,
            ends_at=wanted.ends_at,
        )
        occurrence.event = event
        schedule_reminder(occurrence)


@transaction.atomic
def update_occurrence(
    *, actor: User, occurrence: Occurrence, starts_at: datetime, ends_at: datetime
) -> Occurrence:
    """Move one date of a series (RFC 5545's RECURRENCE-ID): its answers stay with it."""
    event = _managed(actor, occurrence.event)
    clean = clean_event_fields({"starts_at": starts_at, "ends_at": ends_at})
    if clean["ends_at"] <= clean["starts_at"]:
        raise BadDates(detail={"ends_at": str(BadDates.message)})
    occurrence = Occurrence.objects.select_for_update().get(pk=occurrence.pk)
    occurrence.starts_at, occurrence.ends_at = clean["starts_at"], clean["ends_at"]
    occurrence.reminded_at = None
    occurrence.save()
    occurrence.event = event
    schedule_reminder(occurrence)
    _tell_everyone_answering([occurrence], "event_changed")
    record_action(actor=actor, action="event.update_occurrence", target=occurrence)
    return occurrence


@transaction.atomic
def update_following(*, actor: User, occurrence: Occurrence, **fields: Any) -> Event:
    """Change this date of a series and those after it (RFC 5545's THISANDFUTURE): the series
    ends before this date, and a new series, a copy with the changes, carries on from it with
    the answers of its dates. The new series ends where the old one would have: on the same
    day, or after the dates the old one had left. Changing the first date changes the whole
    series."""
    event = _managed(actor, occurrence.event)
    if not event.recurrence or occurrence.original_start <= event.starts_at:
        return update_event(actor=actor, event=event, **fields)
    old_pk = event.pk
    split_at = occurrence.original_start
    following = list(event.occurrences.filter(original_start__gte=split_at))
    hosts = list(event.hosts.values_list("user", "role"))
    invited = list(event.invitations.values_list("user", flat=True))
    parts = event.recurrence.split(";")
    rule = ";".join(part for part in parts if not part.startswith(("COUNT=", "UNTIL=")))
    limits = dict(part.split("=", 1) for part in parts if part.startswith(("COUNT=", "UNTIL=")))
    new_rule = rule
    if "UNTIL" in limits:
        new_rule = f"{rule};UNTIL={limits['UNTIL']}"
    elif "COUNT" in limits:
        before = sum(
            1
            for dates in recurrence.dates(
                event.recurrence,
                event.starts_at,
                event.ends_at,
                event.time_zone,
                after=event.starts_at,
                until=split_at,
            )
            if dates.starts_at < split_at
        )
        new_rule = f"{rule};COUNT={max(1, int(limits['COUNT']) - before)}"
    # The old series stops before this date.
    until = split_at.astimezone(ZoneInfo(event.time_zone)) - timedelta(seconds=1)
    Event.objects.filter(pk=old_pk).update(
        recurrence=f"{rule};UNTIL={until.replace(tzinfo=None):%Y%m%dT%H%M%S}"
    )
    # The new one starts from it, with the changes.
    length = event.ends_at - event.starts_at
    event.pk = None
    event.starts_at, event.ends_at = split_at, split_at + length
    event.recurrence = new_rule
    event.invite_token = secrets.token_urlsafe(32) if event.invite_token else None
    event._state.adding = True
    event.save()
    Host.objects.bulk_create([Host(event=event, user_id=u, role=r) for u, r in hosts])
    Invitation.objects.bulk_create([Invitation(event=event, user_id=u) for u in invited])
    Occurrence.objects.filter(pk__in=[o.pk for o in following]).update(event=event)
    make_occurrences(event)
    new_pk = event.pk
    transaction.on_commit(
        lambda: run_at(extend_series, now() + timedelta(days=30), new_pk), robust=True
    )
    record_action(actor=actor, action="event.split", target=event, detail={"from": old_pk})
    return update_event(actor=actor, event=event, **fields) if fields else event


@transaction.atomic
def cancel_occurrence(*, actor: User, occurrence: Occurrence) -> Occurrence:
    """Cancel one date; those going or maybe going are told. The rest of the series stays."""
    event = _managed(actor, occurrence.event)
    occurrence = Occurrence.objects.select_for_update().get(pk=occurrence.pk)
    if occurrence.cancelled_at is None:
        occurrence.cancelled_at = now()
        occurrence.save(update_fields=["cancelled_at", "updated_at"])
        occurrence.event = event
        _tell_everyone_answering([occurrence], "occurrence_cancelled")
        record_action(actor=actor, action="event.cancel_occurrence", target=occurrence)
    return occurrence


@transaction.atomic
def cancel_event(*, actor: User, event: Event) -> Event:
    """Cancel the whole event, every date to come; those going or maybe going are told."""
    event = _managed(actor, event)
    if event.cancelled_at is None:
        to_come = _upcoming(event)
        event.cancelled_at = now()
        event.save(update_fields=["cancelled_at", "updated_at"])
        Occurrence.objects.filter(pk__in=[o.pk for o in to_come]).update(cancelled_at=now())
        _tell_everyone_answering(to_come, "occurrence_cancelled")
        record_action(actor=actor, action="event.cancel", target=event)
    return event


# Hosts and facilitators -------------------------------------------------------------------


@transaction.atomic
def name_host(*, actor: User, event: Event, member: User, role: str) -> Host:
    """Name a co-host or a facilitator among the members the actor sees."""
    event = _managed(actor, event)
    if role not in Host.Role.values:
        raise InvalidInput(detail={"role": gettext("Choose host or facilitator.")})
    if not can_see_member(actor, member):
        raise NotFound()
    try:
        with transaction.atomic():
            host = Host.objects.create(event=event, user=member, role=role)
    except IntegrityError as error:
        raise AlreadyHost(AlreadyHost.message % {"name": member.profile.chosen_name}) from error
    record_action(actor=actor, action="event.host_named", target_user=member, target=event)
    return host


@transaction.atomic
def remove_host(*, actor: User, event: Event, member: User) -> None:
    """Remove a co-host or facilitator. An event always keeps a host: the last cannot go."""
    event = _managed(actor, event)
    if not can_see_member(actor, member):
        raise NotFound()
    if not Host.objects.filter(event=event, user=member).exists():
        raise NotFound()
    hosts = Host.objects.filter(event=event, role=Host.Role.HOST)
    if list(hosts.values_list("user", flat=True)) == [member.pk]:
        raise LastHost()
    Host.objects.filter(event=event, user=member).delete()
    record_action(actor=actor, action="event.host_removed", target_user=member, target=event)


# Invitation links ---------------------------------------------------------------------------


@transaction.atomic
def renew_invite_link(*, actor: User, event: Event) -> Event:
    """A new invitation link; the old one stops working. Those already let in stay in."""
    event = _managed(actor, event)
    event.invite_token = secrets.token_urlsafe(32)
    event.save(update_fields=["invite_token", "updated_at"])
    record_action(actor=actor, action="event.invite_link_renewed", target=event)
    return event


@transaction.atomic
def open_invitation(*, actor: User, token: str) -> Event:
    """A vetted member who opens an invitation link is let into the event from then on. An
    unknown or replaced link is NotFound, as for anything missing."""
    event = invited_event(actor, token)
    if event is None:
        raise NotFound()
    Invitation.objects.get_or_create(event=event, user=actor)
    return event


# Talking to attendees, and the place --------------------------------------------------------


@transaction.atomic
def message_attendees(*, actor: User, occurrence: Occurrence, text: str) -> int:
    """The hosts write to everyone going (confirmed) to one date. Returns how many were told."""
    event = _managed(actor, occurrence.event)
    message = TextRule(MAX_MESSAGE, required=True, multiline=True).clean(text, field="message")
    going = Rsvp.objects.filter(occurrence=occurrence, seat=Rsvp.Seat.CONFIRMED).select_related(
        "user"
    )
    occurrence.event = event
    url = reverse("occurrence_detail", args=[occurrence.pk])
    told = 0
    for answer in going:
        if notify(
            user=answer.user,
            kind="event_hosts_message",
            about=event,
            params={**occurrence_params(answer.user, occurrence), "message": message},
            url=url,
        ):
            told += 1
    record_action(actor=actor, action="event.message", target=occurrence, detail={"told": told})
    return told


def note_place_shown(*, viewer: AnyUser, occurrence: Occurrence) -> None:
    """Record that `viewer` was shown the occurrence's exact address or call link (the first
    time only), for its hosts to see who has it. Call it only when the policy showed it."""
    if is_vetted(viewer) and can_see_event(viewer, occurrence.event):
        AddressView.objects.get_or_create(occurrence=occurrence, user=viewer)  # type: ignore[misc]
