"""Every write that makes and runs an event: creating and editing it (the whole series, one
occurrence, or this one and those after), cancelling, its dates, hosts and facilitators, the
invitation link, the hosts' message to attendees, and noting who was shown the address."""

import secrets
from datetime import datetime, timedelta
from typing import Any

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
from tejido.gatherings.models import AddressView, Event, Host, Invitation, Occurrence, Rsvp
from tejido.gatherings.moments import occurrence_params
from tejido.gatherings.tasks import extend_series, run_at, schedule_reminder
from tejido.groups.models import Group
from tejido.network.models import Area
from tejido.notifications.services import notify

TITLE_MAX = Event._meta.get_field("title_es").max_length or 140
TEXT_MAX = 6000
EVENT_TEXT_RULES = {
    "title_es": TextRule(TITLE_MAX),
    "title_en": TextRule(TITLE_MAX),
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
        return value
    if name == "film":
        return value
    raise TypeError(f"Events have no field {name!r}.")


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
    """Change the whole series. A change of its times or repetition remakes the dates to come
    that nobody has answered yet and moves those answered; answers stay with their dates.
    Those going or maybe going are told."""
    event = _managed(actor, event)
    if "group" in fields:
        fields.pop("group")  # an event stays with the network or group it was made for
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
    _tell_everyone_answering(_upcoming(event), "event_changed")
    record_action(actor=actor, action="event.update", target=event)
    return event


def _redate(event: Event) -> None:
    """After a change of the series' times: dates to come that nobody answered go, and the new
    rule's dates are made; an answered date is moved to the new time of its day."""
    moment = now()
    to_come = event.occurrences.filter(starts_at__gt=moment)
    to_come.exclude(pk__in=Rsvp.objects.values("occurrence")).delete()
    wanted = list(
        recurrence.dates(
            event.recurrence,
            event.starts_at,
            event.ends_at,
            event.time_zone,
            after=min(moment, event.starts_at),
            until=moment + recurrence.HORIZON,
        )
    )
    for occurrence in to_come.filter(pk__in=Rsvp.objects.values("occurrence")):
        same_day = [d for d in wanted if d.starts_at.date() == occurrence.original_start.date()]
        if same_day:
            occurrence.starts_at, occurrence.ends_at = same_day[0].starts_at, same_day[0].ends_at
            occurrence.original_start = same_day[0].starts_at
            occurrence.reminded_at = None
            occurrence.save()
            occurrence.event = event
            schedule_reminder(occurrence)
    make_occurrences(event, after=min(moment, event.starts_at))


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
    the answers of its dates. Changing the first date changes the whole series."""
    event = _managed(actor, occurrence.event)
    if not event.recurrence or occurrence.original_start <= event.starts_at:
        return update_event(actor=actor, event=event, **fields)
    old_pk = event.pk
    following = list(event.occurrences.filter(original_start__gte=occurrence.original_start))
    shift = occurrence.original_start - event.starts_at
    hosts = list(event.hosts.values_list("user", "role"))
    invited = list(event.invitations.values_list("user", flat=True))
    # The old series stops before this date.
    until = occurrence.original_start.astimezone(recurrence.ZoneInfo(event.time_zone)) - timedelta(
        seconds=1
    )
    rule = ";".join(
        part for part in event.recurrence.split(";") if not part.startswith(("COUNT=", "UNTIL="))
    )
    Event.objects.filter(pk=old_pk).update(
        recurrence=f"{rule};UNTIL={until.replace(tzinfo=None):%Y%m%dT%H%M%S}"
    )
    # The new one starts from it, with the changes.
    event.pk = None
    event.starts_at, event.ends_at = event.starts_at + shift, event.ends_at + shift
    event.recurrence = rule
    event.invite_token = secrets.token_urlsafe(32) if event.invite_token else None
    event._state.adding = True
    event.save()
    Host.objects.bulk_create([Host(event=event, user_id=u, role=r) for u, r in hosts])
    Invitation.objects.bulk_create([Invitation(event=event, user_id=u) for u in invited])
    Occurrence.objects.filter(pk__in=[o.pk for o in following]).update(event=event)
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
