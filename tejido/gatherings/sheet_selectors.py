"""Every read of sign-up sheets, always shaped by the viewer."""

from tejido.access.base import AnyUser
from tejido.access.events import EventRelation, event_relation
from tejido.access.sheets import SheetCard, can_see_sheet, sheet_card, visible_claims, visible_slots
from tejido.core.clock import now
from tejido.core.errors import NotFound
from tejido.gatherings.models import Claim, Occurrence, Rsvp, Slot


def get_sheet(
    *,
    viewer: AnyUser | None,
    occurrence: Occurrence,
    relation: EventRelation | None = None,
    seat: str | None = None,
) -> SheetCard:
    """The occurrence's sheet as the viewer sees it; NotFound when they do not see the event.
    The occurrence's page passes the viewer's relation to the event and their seat, which it
    has looked up already."""
    if not can_see_sheet(viewer, occurrence):
        raise NotFound()
    if seat is None:
        seat = ""
        if viewer is not None and viewer.is_authenticated:
            seat = (
                Rsvp.objects.filter(occurrence=occurrence.pk, user=viewer.pk)
                .values_list("seat", flat=True)
                .first()
                or ""
            )
    return sheet_card(
        viewer,
        occurrence,
        seat=seat,
        relation=relation or event_relation(viewer, occurrence.event),
        now=now(),
    )


def get_slot(*, viewer: AnyUser | None, slot_id: int) -> Slot:
    slot = visible_slots(viewer).select_related("occurrence__event").filter(pk=slot_id).first()
    if slot is None:
        raise NotFound()
    return slot


def get_claim(*, viewer: AnyUser | None, claim_id: int) -> Claim:
    claim = (
        visible_claims(viewer).select_related("slot__occurrence__event").filter(pk=claim_id).first()
    )
    if claim is None:
        raise NotFound()
    return claim
