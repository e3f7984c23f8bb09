"""Reads for the pages of those who run gatherings: what they may make an event for, the event
or date they run (NotFound for anyone else, as for anything missing), and an event's picture."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile

from tejido.access.base import AnyUser, is_organiser
from tejido.access.events import (
    can_manage_event,
    can_record_attendance,
    groups_for_new_events,
)
from tejido.core.errors import NotFound
from tejido.gatherings.models import Event, Occurrence
from tejido.gatherings.selectors import get_event, get_occurrence


@dataclass(frozen=True)
class NewEventChoices:
    """Where the viewer may make a gathering: these groups, and the network itself or not."""

    groups: QuerySet[Any]
    network: bool


def new_event_choices(*, viewer: AnyUser) -> NewEventChoices:
    """NotFound for someone who may make a gathering nowhere."""
    groups = groups_for_new_events(viewer).order_by("name_es", "pk")
    network = is_organiser(viewer)
    if not network and not groups.exists():
        raise NotFound()
    return NewEventChoices(groups=groups, network=network)


def get_event_to_run(*, viewer: AnyUser, event_id: int) -> Event:
    """An event the viewer runs (edits, cancels, names hosts of)."""
    event = get_event(viewer=viewer, event_id=event_id)
    if not can_manage_event(viewer, event):
        raise NotFound()
    return event


def get_occurrence_to_run(*, viewer: AnyUser, occurrence_id: int) -> Occurrence:
    """A date of an event the viewer runs."""
    occurrence = get_occurrence(viewer=viewer, occurrence_id=occurrence_id)
    if not can_manage_event(viewer, occurrence.event):
        raise NotFound()
    return occurrence


def get_occurrence_to_record(*, viewer: AnyUser, occurrence_id: int) -> Occurrence:
    """A date whose attendance the viewer records (hosts and facilitators)."""
    occurrence = get_occurrence(viewer=viewer, occurrence_id=occurrence_id)
    if not can_record_attendance(viewer, occurrence.event):
        raise NotFound()
    return occurrence


def get_event_image(*, viewer: AnyUser, event_id: int) -> FieldFile:
    """The picture of an event the viewer may see; NotFound when it has none."""
    event = get_event(viewer=viewer, event_id=event_id)
    if not event.image:
        raise NotFound()
    return event.image
