"""Gatherings' models, one module per part: events (with occurrences, hosts, RSVPs), sign-up
sheets and film nights."""

from tejido.gatherings.models.events import (
    AddressView,
    CalendarFeed,
    Event,
    Host,
    Invitation,
    Occurrence,
    Rsvp,
)
from tejido.gatherings.models.films import Film, Poll, PollOption, Vote
from tejido.gatherings.models.sheets import Claim, Slot

__all__ = [
    "AddressView",
    "CalendarFeed",
    "Claim",
    "Event",
    "Film",
    "Host",
    "Invitation",
    "Occurrence",
    "Poll",
    "PollOption",
    "Rsvp",
    "Slot",
    "Vote",
]
