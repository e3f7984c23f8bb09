"""Gatherings as a reportable kind: a member reports an event they may see (its title or
description, say) from its page, and organisers find it in the moderation queue by its title,
with a link to its next date. The reporter stays anonymous to the event's hosts as to anyone
reported; a warning or a suspension applies to whoever made the event."""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tejido.access.base import AnyUser
from tejido.access.events import visible_events
from tejido.access.reportables import ReportableKind, register
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.gatherings.models import Event, Host, Occurrence


def _owner(event: Event) -> User:
    """Whoever made it; when their account is gone, its first host (an event keeps one)."""
    if event.created_by is not None:
        return event.created_by
    host = Host.objects.filter(event=event, role=Host.Role.HOST).select_related("user").first()
    if host is None:
        raise LookupError(f"Event {event.pk} has neither a maker nor a host.")
    return host.user


def _reportable(viewer: AnyUser | None) -> QuerySet[Any]:
    """The events the viewer may see that have someone to answer for them (a maker or a host:
    every event made through Tejido has both)."""
    hosted = Host.objects.filter(event=OuterRef("pk"), role=Host.Role.HOST)
    return visible_events(viewer).filter(Q(created_by__isnull=False) | Exists(hosted))


def _url(event: Event) -> str:
    """Its next date's page, or its last one's when all have passed."""
    dates = Occurrence.objects.filter(event=event)
    found = dates.filter(ends_at__gt=now()).order_by("starts_at").first()
    found = found or dates.order_by("-starts_at").first()
    return reverse("occurrence_detail", args=[found.pk]) if found is not None else ""


def report_path(event_id: int) -> str:
    """Where the "Report this gathering" link points."""
    return reverse("report_form", args=["event", event_id])


EVENT = register(
    ReportableKind(
        name="event",
        label=_("Gathering"),
        model=Event,
        visible=_reportable,
        owner=_owner,
        describe=lambda event: event.title,
        url=_url,
        related=("created_by",),
    )
)
