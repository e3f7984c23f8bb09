"""The reads behind calendar files: one date, the dates of a series, and a member's private
feed (found by its secret). Each date is the viewer's detailed card, made at the moment the
file is fetched, so the place is in it only when the policy shows it then."""

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q, QuerySet

from tejido.access.base import AnyUser, is_vetted
from tejido.access.event_cards import detailed_cards
from tejido.access.events import event_relations, visible_occurrences
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.core.errors import NotFound
from tejido.gatherings.calendars import CalendarEntry, sequence_of
from tejido.gatherings.models import CalendarFeed, Event, Host, Occurrence, Rsvp

# A feed holds the member's dates from this long ago onwards.
FEED_PAST = timedelta(days=30)
# No file holds more dates than these (a feed is fetched again every few hours).
FEED_LIMIT = 300
SERIES_LIMIT = 100
# A feed secret is secrets.token_urlsafe(32): 43 characters; anything much longer is not one.
SECRET_MAX = 100


@dataclass(frozen=True)
class CalendarDates:
    entries: list[CalendarEntry]
    # The dates whose exact place the file shows: record each with note_place_shown.
    places_shown: list[Occurrence]


def _listed(viewer: AnyUser | None) -> QuerySet[Occurrence]:
    return visible_occurrences(viewer).select_related("event__area", "event__group")


def calendar_dates(viewer: AnyUser, occurrences: Iterable[Occurrence]) -> CalendarDates:
    """The viewer's detailed card of each occurrence (its place only where the policy shows it
    now), with its SEQUENCE, in a handful of queries whatever the number of dates. Pass
    occurrences fetched with select_related("event__area", "event__group")."""
    occurrences = list(occurrences)
    relations = event_relations(viewer, {o.event_id: o.event for o in occurrences}.values())
    cards = detailed_cards(viewer, occurrences, relations=relations, now=now())
    entries, shown = [], []
    for occurrence, card in zip(occurrences, cards, strict=True):
        event = occurrence.event
        entries.append(
            CalendarEntry(card=card, sequence=sequence_of(occurrence.updated_at, event.updated_at))
        )
        if card.place:
            shown.append(occurrence)
    return CalendarDates(entries=entries, places_shown=shown)


def _occurrence(viewer: AnyUser, occurrence_id: int) -> Occurrence:
    if not is_vetted(viewer):
        raise NotFound()
    found = _listed(viewer).filter(pk=occurrence_id).first()
    if found is None:
        raise NotFound()
    return found


def get_occurrence_calendar(*, viewer: AnyUser, occurrence_id: int) -> CalendarDates:
    """One date, for a member who sees its event."""
    return calendar_dates(viewer, [_occurrence(viewer, occurrence_id)])


def get_series_calendar(*, viewer: AnyUser, occurrence_id: int) -> CalendarDates:
    """The dates to come of the series an occurrence belongs to (those already made: the
    series' horizon), cancelled ones included so a client marks them cancelled."""
    occurrence = _occurrence(viewer, occurrence_id)
    dates = (
        _listed(viewer)
        .filter(event=occurrence.event_id, ends_at__gt=now())
        .order_by("starts_at", "pk")[:SERIES_LIMIT]
    )
    return calendar_dates(viewer, dates)


def feed_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def get_feed_owner(*, secret: str) -> User:
    """The member a feed secret belongs to. An unknown or replaced secret, and the feed of
    someone who is not (or no longer) a member in good standing, are the same NotFound."""
    if not secret or len(secret) > SECRET_MAX:
        raise NotFound()
    presented = feed_digest(secret)
    feed = CalendarFeed.objects.filter(digest=presented).select_related("user").first()
    if feed is None or not hmac.compare_digest(feed.digest, presented):
        raise NotFound()
    if not is_vetted(feed.user):
        raise NotFound()
    return feed.user


def get_feed_calendar(*, owner: User) -> CalendarDates:
    """A member's feed: the dates they answered going or maybe to, or host, from 30 days ago
    onwards, as they see them."""
    if not is_vetted(owner):
        raise NotFound()
    mine = Q(
        pk__in=Rsvp.objects.filter(user=owner.pk)
        .exclude(answer=Rsvp.Answer.NOT_GOING)
        .values("occurrence")
    )
    mine |= Q(event__in=Host.objects.filter(user=owner.pk).values("event"))
    dates = (
        _listed(owner)
        .filter(mine, ends_at__gt=now() - FEED_PAST)
        # A feed is read by calendar services, and shown wherever the member's calendar is:
        # a support circle's sessions stay out of it.
        .exclude(event__visibility=Event.Visibility.CIRCLE)
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )
    return calendar_dates(owner, dates)


def get_my_feed(*, viewer: AnyUser) -> CalendarFeed | None:
    """The viewer's own feed, if they made one (its secret is not kept: only that it exists)."""
    if not is_vetted(viewer):
        return None
    return CalendarFeed.objects.filter(user=viewer.pk).first()
