"""The demo network's living calendar (gathering_content.py), made through the gatherings
services as hosts and members would make it: series, seats and a waitlist, facilitators. A
past date is written straight to the models, since nobody can answer one once it is over."""

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from tejido.access.events import can_create_event
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.demo import gathering_content as content
from tejido.demo.gathering_content import EVENTS, DemoEvent
from tejido.gatherings.event_services import create_event, name_host
from tejido.gatherings.film_services import create_poll, propose_film, vote
from tejido.gatherings.models import Event, Host, Occurrence, Rsvp
from tejido.gatherings.services import rsvp
from tejido.gatherings.sheet_services import add_slot, claim_slot
from tejido.groups.models import Group
from tejido.network.models import Area


def _start(spec: DemoEvent) -> datetime:
    zone = ZoneInfo(settings.TIME_ZONE)
    day = now().astimezone(zone).date() + timedelta(days=spec.in_days)
    hour, minute = (int(part) for part in spec.at.split(":"))
    return datetime.combine(day, time(hour, minute), zone)


def seed_gatherings(by_key: dict[str, User]) -> dict[str, Event]:
    """Every demo event with its answers; returns them by key."""
    areas = {area.name: area for area in Area.objects.all()}
    groups = {group.slug: group for group in Group.objects.all()}
    made: dict[str, Event] = {}
    for spec in EVENTS:
        starts = _start(spec)
        fields: dict[str, Any] = {
            "kind": spec.kind,
            "title_es": spec.title_es,
            "title_en": spec.title_en,
            "description_es": spec.description_es,
            "description_en": spec.description_en,
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=spec.hours),
            "mode": spec.mode,
            "area": areas.get(spec.area),
            "address": spec.address,
            "call_link": spec.call_link,
            "visibility": spec.visibility,
            "capacity": spec.capacity,
            "promotion": spec.promotion,
            "languages": list(spec.languages),
            "content_notes": spec.content_notes,
            "discussion_guide": spec.discussion_guide,
            **dict.fromkeys(spec.accessibility, True),
        }
        host = by_key[spec.host]
        group = groups.get(spec.group) if spec.group else None
        if spec.in_days < 0:
            made[spec.key] = _past_event(host, group, spec, fields, by_key)
            continue
        event = create_event(
            actor=_runner(host, group, by_key), group=group, repeats=spec.repeats, **fields
        )
        if host != _runner(host, group, by_key):
            name_host(actor=by_key["organiser"], event=event, member=host, role=Host.Role.HOST)
        for key in spec.facilitators:
            name_host(actor=host, event=event, member=by_key[key], role=Host.Role.FACILITATOR)
        first = event.occurrences.order_by("starts_at").first()
        assert first is not None
        for key in spec.going:
            rsvp(actor=by_key[key], occurrence=first, answer=Rsvp.Answer.GOING)
        for key in spec.maybe:
            rsvp(actor=by_key[key], occurrence=first, answer=Rsvp.Answer.MAYBE)
        made[spec.key] = event
        for slot in content.SHEETS.get(spec.key, []):
            _sheet_slot(
                host if host == _runner(host, group, by_key) else by_key["organiser"],
                first,
                slot,
                by_key,
            )
    _film_club(by_key, groups)
    return made


def _sheet_slot(
    host: User, first: Occurrence, spec: content.DemoSlot, by_key: dict[str, User]
) -> None:
    slot = add_slot(
        actor=host, occurrence=first, course=spec.course, label=spec.label, wanted=spec.wanted
    )
    for who, dish, servings, diet, allergens in spec.claims:
        claim_slot(
            actor=by_key[who],
            slot=slot,
            dish=dish,
            servings=servings,
            diet_tags=list(diet),
            allergens=list(allergens),
        )


def _film_club(by_key: dict[str, User], groups: dict[str, Group]) -> None:
    """The film list, and the film club's open vote on its next film."""
    films = [
        propose_film(
            actor=by_key[film.proposed_by],
            title=film.title,
            year=film.year,
            original_language=film.original_language,
            subtitle_languages=list(film.subtitle_languages),
            runtime_minutes=film.runtime_minutes,
            representation=list(film.representation),
            content_notes=film.content_notes,
        )
        for film in content.FILMS
    ]
    poll = create_poll(
        actor=by_key[content.POLL_HOST],
        title_es=content.POLL_TITLE_ES,
        title_en=content.POLL_TITLE_EN,
        group=groups[content.POLL_GROUP],
        closes_at=now() + timedelta(days=content.POLL_CLOSES_IN_DAYS),
        films=films,
    )
    options = {option.film_id: option for option in poll.options.all()}
    for film, made in zip(content.FILMS, films, strict=True):
        for who in film.votes:
            vote(actor=by_key[who], poll=poll, option=options[made.pk])


def _runner(host: User, group: Group | None, by_key: dict[str, User]) -> User:
    """Who makes the event: its host when they may (a network organiser, or an organiser of
    its group), else the network's organiser, who then names the host."""
    return host if can_create_event(host, group.pk if group else None) else by_key["organiser"]


def _past_event(
    host: User,
    group: Group | None,
    spec: DemoEvent,
    fields: dict[str, object],
    by_key: dict[str, User],
) -> Event:
    event = Event.objects.create(group=group, created_by=host, **fields)
    Host.objects.create(event=event, user=host)
    date = Occurrence.objects.create(
        event=event,
        original_start=event.starts_at,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        reminded_at=event.starts_at - timedelta(hours=event.reminder_hours),
    )
    Rsvp.objects.bulk_create(
        [
            Rsvp(
                occurrence=date,
                user=by_key[key],
                answer=Rsvp.Answer.GOING,
                seat=Rsvp.Seat.CONFIRMED,
                queued_at=event.starts_at - timedelta(days=5),
                attended=key in spec.came,
            )
            for key in spec.going
        ]
    )
    return event
