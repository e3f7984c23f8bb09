"""Writes about an event's picture: setting it (always re-encoded, tejido.gatherings.images),
and making or editing an event together with its picture, so that a bad picture leaves
nothing made or changed."""

from typing import Any

from django.db import transaction

from tejido.access.events import can_manage_event
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.errors import NotFound
from tejido.core.text import TextRule
from tejido.gatherings import event_services
from tejido.gatherings.images import reencode_image
from tejido.gatherings.models import Event, Occurrence

DESCRIPTION = TextRule(300)


@transaction.atomic
def set_event_image(*, actor: User, event: Event, upload: Any, description: str) -> Event:
    """Give the event a new picture (re-encoded, without any of the file's metadata) and its
    description for those who cannot see it. Only those who run the event may; anyone else
    gets NotFound. The old picture's file goes once the change is saved."""
    if not can_manage_event(actor, event):
        raise NotFound()
    picture = reencode_image(upload)
    text = DESCRIPTION.clean(description, field="image_description")
    locked = Event.objects.select_for_update().filter(pk=event.pk).first()
    if locked is None:
        raise NotFound()
    old = locked.image.name if locked.image else ""
    locked.image.save(picture.name or "image.jpg", picture, save=False)
    locked.image_description = text
    locked.save(update_fields=["image", "image_description", "updated_at"])
    # A series split in two ("this date and the following") shares its picture's file.
    if old and not Event.objects.filter(image=old).exclude(pk=locked.pk).exists():
        storage = locked.image.storage
        transaction.on_commit(lambda: storage.delete(old), robust=True)
    record_action(actor=actor, action="event.update", target=locked)
    return locked


@transaction.atomic
def create_event_with_image(*, actor: User, upload: Any = None, **fields: Any) -> Event:
    """event_services.create_event, then the picture if there is one; all or nothing."""
    event = event_services.create_event(actor=actor, **fields)
    if upload is not None:
        event = set_event_image(
            actor=actor,
            event=event,
            upload=upload,
            description=fields.get("image_description", ""),
        )
    return event


@transaction.atomic
def update_event_with_image(
    *, actor: User, event: Event, upload: Any = None, **fields: Any
) -> Event:
    """event_services.update_event, then the picture if there is a new one; all or nothing."""
    event = event_services.update_event(actor=actor, event=event, **fields)
    if upload is not None:
        event = set_event_image(
            actor=actor, event=event, upload=upload, description=event.image_description
        )
    return event


@transaction.atomic
def update_following_with_image(
    *, actor: User, occurrence: Occurrence, upload: Any = None, **fields: Any
) -> Event:
    """event_services.update_following (this date and those after), then the picture."""
    event = event_services.update_following(actor=actor, occurrence=occurrence, **fields)
    if upload is not None:
        event = set_event_image(
            actor=actor, event=event, upload=upload, description=event.image_description
        )
    return event
