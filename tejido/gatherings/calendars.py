"""Calendar files (RFC 5545): one date, a series, and a member's private feed, written with
icalendar from viewer-shaped cards only (tejido.access.event_cards), so a file holds exactly
what the gathering's page would show that viewer at the moment it is fetched.

- Every event is CLASS:PRIVATE and has a UID that is stable per occurrence and says nothing
  about the network (a UUID derived from the site's address and the occurrence's id).
- LOCATION is the card's place (the exact address and/or the call link) and nothing else: it
  is there only when `can_see_place` allowed it when the card was made.
- No attendee, host or email address ever appears.
- Discreet mode: a neutral title, no description, no page address, no group, area or network
  name, and the same neutral PRODID and calendar name every file has.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar
from icalendar import Event as VEvent

from tejido.access.event_cards import OccurrenceCard

# The same for every file and every network: nothing in it names Tejido or the network.
PRODID = "-//Calendar//Calendar//EN"
# What a discreet member's calendar shows instead of the gathering's title.
NEUTRAL_SUMMARY = gettext_lazy("Appointment")
NEUTRAL_CALENDAR_NAME = gettext_lazy("Calendar")


@dataclass(frozen=True)
class CalendarEntry:
    """One date for a calendar file: the viewer's card and its SEQUENCE (RFC 5545: grows each
    time the date is changed, so clients replace their copy)."""

    card: OccurrenceCard
    sequence: int = 0


def sequence_of(*moments: datetime) -> int:
    """A SEQUENCE that grows whenever the occurrence or its event is saved: the seconds from
    2020 to the latest of their `updated_at`."""
    epoch = datetime(2020, 1, 1, tzinfo=UTC)
    return max(0, int((max(moments) - epoch).total_seconds()))


def occurrence_uid(occurrence_id: int) -> str:
    """Stable per occurrence, opaque: the same in every file and mode, naming no host."""
    name = f"{settings.SITE_URL}/occurrence/{occurrence_id}"
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, name)}@calendar"


def occurrence_url(occurrence_id: int) -> str:
    return settings.SITE_URL + reverse("occurrence_detail", args=[occurrence_id])


def _location(card: OccurrenceCard) -> str:
    return "\n".join(part for part in (card.address, card.call_link) if part)


def _description(card: OccurrenceCard, url: str) -> str:
    lines = [card.kind_label + (f" · {card.group_name}" if card.group_name else "")]
    if card.area_name:
        lines.append(_("Area: %(area)s") % {"area": card.area_name})
    if not card.place and not card.cancelled:
        lines.append(
            _("The exact place appears here and on the gathering's page once it is shown to you.")
        )
    lines.append(_("More: %(url)s") % {"url": url})
    return "\n".join(lines)


def _vevent(entry: CalendarEntry, *, discreet: bool, stamp: datetime) -> VEvent:
    card = entry.card
    event = VEvent()
    event.add("uid", occurrence_uid(card.id))
    event.add("dtstamp", stamp)
    event.add("dtstart", card.starts_at.astimezone(UTC))
    event.add("dtend", card.ends_at.astimezone(UTC))
    event.add("sequence", entry.sequence)
    event.add("class", "PRIVATE")
    event.add("status", "CANCELLED" if card.cancelled else "CONFIRMED")
    if discreet:
        event.add("summary", str(NEUTRAL_SUMMARY))
    else:
        url = occurrence_url(card.id)
        event.add("summary", card.title)
        event.add("description", _description(card, url))
        event.add("url", url)
    location = _location(card)
    if location:
        event.add("location", location)
    return event


def occurrence_ics(
    *,
    entries: Iterable[CalendarEntry],
    discreet: bool,
    calendar_name: str = "",
    now: datetime,
) -> bytes:
    """A calendar file of the entries, as their viewer sees them. Call it with the viewer's
    language active (titles and texts are in it). `calendar_name` names a feed (the network's
    name); discreet mode always gives the neutral name."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if calendar_name or discreet:
        calendar.add("x-wr-calname", str(NEUTRAL_CALENDAR_NAME) if discreet else calendar_name)
    stamp = now.astimezone(UTC).replace(microsecond=0)
    for entry in entries:
        calendar.add_component(_vevent(entry, discreet=discreet, stamp=stamp))
    return calendar.to_ical()
