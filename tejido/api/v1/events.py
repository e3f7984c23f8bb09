"""Gatherings: the dates to come, one date with its hosts (and its exact place, only while the
policy shows it), one's own gatherings, answering and seats; for those who run events, making,
changing (the whole series, one date, or a date and those after it) and cancelling them. A
gathering one may not see and one that does not exist are the same 404."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router
from ninja.responses import Status
from pydantic import Field

from tejido.accounts.models import User
from tejido.api.v1.auth import actor
from tejido.api.v1.event_schemas import (
    CLEARABLE,
    EventChangesIn,
    EventIn,
    EventOut,
    EventQuery,
    MyAnswerOut,
    MyEventsQuery,
    OccurrenceDetailOut,
    OccurrenceOut,
    OccurrencePageOut,
    OccurrenceTimesIn,
    RsvpIn,
    SeatIn,
    event_out,
    occurrence_detail_out,
    occurrence_out,
)
from tejido.api.v1.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    PageQuery,
    numbered_page,
    responses,
)
from tejido.core.errors import NotFound
from tejido.gatherings.event_services import (
    cancel_occurrence,
    create_event,
    note_place_shown,
    update_event,
    update_following,
    update_occurrence,
)
from tejido.gatherings.host_selectors import get_occurrence_to_run
from tejido.gatherings.models import Event, Occurrence, Rsvp
from tejido.gatherings.selectors import (
    EventFilters,
    first_occurrence_to_come,
    get_event,
    get_occurrence,
    get_occurrence_page,
    list_event_dates,
    list_my_occurrences,
    list_upcoming,
    waitlist_position,
)
from tejido.gatherings.services import accept_seat, cancel_rsvp, decline_seat, rsvp
from tejido.groups.selectors import get_group

router = Router(tags=["events"])

# Ids with examples, which the schemathesis run tries first (proof/test_api_fuzz.py seeds
# gatherings with these ids).
OccurrenceId = Annotated[int, Field(ge=1, le=2**63 - 1, examples=[1, 2, 3])]
EventId = Annotated[int, Field(ge=1, le=2**63 - 1, examples=[1, 2, 3])]


@router.get(
    "/events", response=responses(OccurrencePageOut, READ_ERRORS), summary="Gatherings to come"
)
def get_events(request: HttpRequest, query: Query[EventQuery]) -> object:
    """The dates to come of the gatherings you may see, soonest first, 20 a page; cancelled
    ones left out. Never the exact address or call link."""
    filters = EventFilters(
        group=query.group or "",
        kind=query.kind or "",
        language=query.language or "",
        accessibility=tuple(query.accessibility),
        this_week=query.this_week,
        age=query.age,
        without_content_notes=query.without_content_notes,
    )
    page = list_upcoming(viewer=actor(request), filters=filters, page=query.page)
    return numbered_page(page, occurrence_out)


@router.get(
    "/me/events",
    response=responses(OccurrencePageOut, READ_ERRORS),
    summary="My gatherings",
    tags=["me"],
)
def get_my_events(request: HttpRequest, query: Query[MyEventsQuery]) -> object:
    """The dates you answered going or maybe to, or host: to come, soonest first, or
    (`past=true`) ended, latest first."""
    page = list_my_occurrences(viewer=actor(request), page=query.page, past=query.past)
    return numbered_page(page, occurrence_out)


@router.get(
    "/occurrences/{occurrence_id}",
    response=responses(OccurrenceDetailOut, READ_ERRORS),
    exclude_unset=True,
    summary="One date of a gathering",
)
def get_occurrence_detail(request: HttpRequest, occurrence_id: Path[OccurrenceId]) -> object:
    """The date with its hosts and facilitators you may see, your answer and waitlist place,
    who is going when the event lets you see it, and its exact address and call link while
    you may see them: keys absent otherwise, never null."""
    me = actor(request)
    page = get_occurrence_page(viewer=me, occurrence_id=occurrence_id)
    if page.card.place:
        note_place_shown(viewer=me, occurrence=page.occurrence)
    return occurrence_detail_out(page)


@router.get(
    "/events/{event_id}/occurrences",
    response=responses(OccurrencePageOut, READ_ERRORS),
    summary="The dates of one series",
)
def get_event_occurrences(
    request: HttpRequest, event_id: Path[EventId], query: Query[PageQuery]
) -> object:
    """Its dates to come, soonest first, cancelled ones included (marked `cancelled`)."""
    page = list_event_dates(viewer=actor(request), event_id=event_id, page=query.page)
    return numbered_page(page, occurrence_out)


def _answer_body(me: User, occurrence: Occurrence, record: Rsvp | None = None) -> dict[str, Any]:
    position = (
        waitlist_position(record)
        if record is not None and record.seat == Rsvp.Seat.WAITLISTED
        else None
    )
    return {
        "occurrence_id": occurrence.pk,
        "answer": record.answer if record is not None else None,
        "seat": record.seat if record is not None else None,
        "waitlist_position": position,
        "offer_expires_at": record.offer_expires_at if record is not None else None,
    }


@router.post(
    "/occurrences/{occurrence_id}/rsvp",
    response=responses(MyAnswerOut, WRITE_ERRORS),
    summary="Answer a date: going, maybe or not going",
)
def post_rsvp(request: HttpRequest, occurrence_id: Path[OccurrenceId], payload: RsvpIn) -> object:
    """Going takes a free seat, a place on the waitlist when it is full, or waits for the
    hosts where they approve each place (seat `pending`). A cancelled or ended date is a 409
    (`event_closed`)."""
    me = actor(request)
    occurrence = get_occurrence(viewer=me, occurrence_id=occurrence_id)
    record = rsvp(actor=me, occurrence=occurrence, answer=payload.answer)
    return _answer_body(me, occurrence, record)


@router.delete(
    "/occurrences/{occurrence_id}/rsvp",
    response=responses(None, WRITE_ERRORS, status=204),
    summary="Withdraw my answer",
)
def delete_rsvp(request: HttpRequest, occurrence_id: Path[OccurrenceId]) -> object:
    """Your seat goes to the next person waiting. Withdrawing an answer you never gave does
    nothing."""
    me = actor(request)
    cancel_rsvp(actor=me, occurrence=get_occurrence(viewer=me, occurrence_id=occurrence_id))
    return Status(204, None)


@router.post(
    "/occurrences/{occurrence_id}/seat",
    response=responses(MyAnswerOut, WRITE_ERRORS),
    summary="Take or turn down the seat held for me",
)
def post_seat(request: HttpRequest, occurrence_id: Path[OccurrenceId], payload: SeatIn) -> object:
    """While a freed seat is held for you (seat `offered`): `accept` takes it; `decline` gives
    it to the next person waiting and makes your answer `not_going`. With no offer held for
    you, a 409 (`no_offer`)."""
    me = actor(request)
    occurrence = get_occurrence(viewer=me, occurrence_id=occurrence_id)
    if payload.decision == "accept":
        record = accept_seat(actor=me, occurrence=occurrence)
        return _answer_body(me, occurrence, record)
    decline_seat(actor=me, occurrence=occurrence)
    return {
        "occurrence_id": occurrence.pk,
        "answer": Rsvp.Answer.NOT_GOING,
        "seat": Rsvp.Seat.NONE,
        "waitlist_position": None,
        "offer_expires_at": None,
    }


# Running gatherings -------------------------------------------------------------------------


def event_body(me: User, event: Event) -> dict[str, Any]:
    """An event as those who run it see it, with its next date."""
    try:
        next_id: int | None = first_occurrence_to_come(viewer=me, event=event).pk
    except NotFound:
        next_id = None
    return event_out(event, next_id)


@router.post(
    "/events",
    response=responses(EventOut, WRITE_ERRORS, status=201),
    summary="Make a gathering (network and group organisers)",
)
def post_create_event(request: HttpRequest, payload: EventIn) -> object:
    """Make a gathering for the network or, with `group`, for a group you organise; you become
    its host. A repeating one gets its dates for the months ahead at once."""
    me = actor(request)
    fields = payload.model_dump()
    slug = fields.pop("group")
    group = get_group(viewer=me, slug=slug) if slug is not None else None
    event = create_event(actor=me, group=group, **fields)
    return Status(201, event_body(me, event))


def _changes(payload: EventChangesIn) -> dict[str, Any]:
    """The fields sent; `null` leaves a field as it is, like leaving it out, except for those
    it clears."""
    changes = payload.model_dump(exclude_unset=True)
    return {
        name: value for name, value in changes.items() if value is not None or name in CLEARABLE
    }


@router.patch(
    "/events/{event_id}",
    response=responses(EventOut, WRITE_ERRORS),
    summary="Change a gathering, every date (those who run it)",
)
def patch_event(request: HttpRequest, event_id: Path[EventId], payload: EventChangesIn) -> object:
    """Change the whole series; those going or maybe going are told. A change of its times or
    repetition moves its dates. Nothing changes unless all of it is valid."""
    me = actor(request)
    event = get_event(viewer=me, event_id=event_id)
    changes = _changes(payload)
    repeats = changes.pop("repeats", None)
    repeat_count = changes.pop("repeat_count", None)
    repeat_until = changes.pop("repeat_until", None)
    event = update_event(
        actor=me,
        event=event,
        repeats=repeats,
        repeat_count=repeat_count,
        repeat_until=repeat_until,
        **changes,
    )
    return event_body(me, event)


@router.post(
    "/occurrences/{occurrence_id}/cancel",
    response=responses(OccurrenceOut, WRITE_ERRORS),
    summary="Cancel one date (those who run it)",
)
def post_cancel_occurrence(request: HttpRequest, occurrence_id: Path[OccurrenceId]) -> object:
    """Those going or maybe going are told; the rest of the series stays. Cancelling a
    cancelled date changes nothing."""
    me = actor(request)
    occurrence = get_occurrence(viewer=me, occurrence_id=occurrence_id)
    cancel_occurrence(actor=me, occurrence=occurrence)
    page = get_occurrence_page(viewer=me, occurrence_id=occurrence_id)
    return occurrence_out(page.card)


@router.patch(
    "/occurrences/{occurrence_id}",
    response=responses(OccurrenceOut, WRITE_ERRORS),
    summary="Move one date (those who run it)",
)
def patch_occurrence(
    request: HttpRequest, occurrence_id: Path[OccurrenceId], payload: OccurrenceTimesIn
) -> object:
    """New times for this date only; the rest of the series stays, and the answers stay with
    it. Those going or maybe going are told."""
    me = actor(request)
    occurrence = get_occurrence_to_run(viewer=me, occurrence_id=occurrence_id)
    update_occurrence(
        actor=me,
        occurrence=occurrence,
        starts_at=payload.starts_at or occurrence.starts_at,
        ends_at=payload.ends_at or occurrence.ends_at,
    )
    return occurrence_out(get_occurrence_page(viewer=me, occurrence_id=occurrence_id).card)


@router.patch(
    "/occurrences/{occurrence_id}/following",
    response=responses(EventOut, WRITE_ERRORS),
    summary="Change this date and those after it (those who run it)",
)
def patch_following(
    request: HttpRequest, occurrence_id: Path[OccurrenceId], payload: EventChangesIn
) -> object:
    """The series ends before this date, and a new series with the changes carries on from
    it, with the answers of its dates: the answer is that new series. For the first date of a
    series, or a gathering that happens once, the whole gathering changes. Fields as for
    changing a gathering (`PATCH /events/{event_id}`)."""
    me = actor(request)
    occurrence = get_occurrence_to_run(viewer=me, occurrence_id=occurrence_id)
    event = update_following(actor=me, occurrence=occurrence, **_changes(payload))
    return event_body(me, event)
