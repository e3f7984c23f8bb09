"""The shapes of the gatherings operations: an occurrence as a list shows it, as its page shows
it (with the hidden place only when the policy shows it: absent, never null), and an event's
fields for those who make and change events."""

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AwareDatetime, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from tejido.access.event_cards import ACCESSIBILITY, OccurrenceCard
from tejido.api.v1.me import LanguageCode
from tejido.api.v1.members import MemberOut, member_out
from tejido.api.v1.schemas import Id, InputSchema, NumberedPageOut, PageQuery, Text
from tejido.gatherings.event_services import (
    EVENT_TEXT_RULES,
    HOURS,
    MAX_SEATS,
)
from tejido.gatherings.models import Event, Rsvp
from tejido.gatherings.recurrence import FREQUENCIES, MAX_AHEAD
from tejido.gatherings.selectors import AttendeeRow, OccurrencePage
from tejido.groups.organiser_services import SLUG_MAX

KindName = Literal[
    "potluck",
    "film_night",
    "art_workshop",
    "social",
    "volunteering",
    "community_service",
    "support_session",
    "advocacy",
    "other",
]
ModeName = Literal["in_person", "online", "both"]
VisibilityName = Literal["network", "group", "invitation"]
# What an event shown may say: a circle session ("circle") is made on the circle's pages only.
ShownVisibility = Literal["network", "group", "invitation", "circle"]
PromotionName = Literal["at_once", "offer"]
AttendeeListName = Literal["hosts", "attendees", "everyone"]
AnswerName = Literal["going", "maybe", "not_going"]
SeatName = Literal["confirmed", "pending", "waitlisted", "offered", "none"]
Need = Literal["step_free", "accessible_toilet", "quiet_room", "sign_language", "captions"]
Repeats = Literal["", "weekly", "fortnightly", "monthly_day", "monthly_weekday"]
Slug = Annotated[Text, Field(min_length=1, max_length=SLUG_MAX)]

# The literals above and the models' choices say the same.
assert set(KindName.__args__) == set(Event.Kind.values)  # type: ignore[attr-defined]
assert set(Need.__args__) == set(ACCESSIBILITY)  # type: ignore[attr-defined]
assert set(Repeats.__args__) == {code for code, _label in FREQUENCIES}  # type: ignore[attr-defined]
assert set(SeatName.__args__) == set(Rsvp.Seat.values)  # type: ignore[attr-defined]


class OccurrenceOut(Schema):
    """One date of a gathering, as a list shows it: never its exact address or call link."""

    id: int = Field(description="The occurrence's id: /occurrences/{id}.")
    event_id: int = Field(description="The series it belongs to: /events/{event_id}/occurrences.")
    kind: KindName
    kind_label: str
    title: str = Field(description="In your language when the event has a title in it.")
    description: str
    group: str | None = Field(description="The slug of its group; null for a network event.")
    group_name: str
    area: str = Field(description="The neighbourhood or area, shown to all who see it.")
    starts_at: datetime
    ends_at: datetime
    time_zone: str
    mode: ModeName
    mode_label: str
    cancelled: bool
    recurring: bool
    capacity: int | None = Field(description="Seats; null for no limit.")
    going: int = Field(description="Seats taken (confirmed or held for someone).")
    waitlisted: int
    seats_left: int | None
    my_answer: AnswerName | None = Field(description="Your answer, or null.")
    my_seat: SeatName | None = Field(description="Your seat when you answered going, or null.")
    offer_expires_at: datetime | None = Field(
        description="When the seat held for you stops being held (seat `offered`)."
    )
    accessibility: list[Need]
    content_notes: str
    age_min: int | None
    age_max: int | None
    languages: list[str]
    image_description: str
    place_shown_from: datetime = Field(
        description="From when confirmed attendees are shown the exact address and call link."
    )


def occurrence_out(card: OccurrenceCard) -> dict[str, Any]:
    return {
        "id": card.id,
        "event_id": card.event_id,
        "kind": card.kind,
        "kind_label": str(card.kind_label),
        "title": card.title,
        "description": card.description,
        "group": card.group_slug or None,
        "group_name": card.group_name,
        "area": card.area_name,
        "starts_at": card.starts_at,
        "ends_at": card.ends_at,
        "time_zone": card.time_zone,
        "mode": card.mode,
        "mode_label": str(card.mode_label),
        "cancelled": card.cancelled,
        "recurring": card.recurring,
        "capacity": card.capacity,
        "going": card.going,
        "waitlisted": card.waitlisted,
        "seats_left": card.seats_left,
        "my_answer": card.my_answer or None,
        "my_seat": card.my_seat or None,
        "offer_expires_at": card.offer_expires_at,
        "accessibility": list(card.accessibility),
        "content_notes": card.content_notes,
        "age_min": card.age_min,
        "age_max": card.age_max,
        "languages": list(card.languages),
        "image_description": card.image_description,
        "place_shown_from": card.place_shown_from,
    }


class OccurrencePageOut(NumberedPageOut):
    items: list[OccurrenceOut]


class AttendeeOut(Schema):
    member: MemberOut
    answer: AnswerName
    seat: SeatName
    attended: bool | None = Field(description="Recorded by the hosts: came, did not, or null.")


def attendee_out(row: AttendeeRow) -> dict[str, Any]:
    return {
        "member": member_out(row.member),
        "answer": row.answer,
        "seat": row.seat,
        "attended": row.attended,
    }


class OccurrenceDetailOut(OccurrenceOut):
    """One date as its page shows it. `address` and `call_link` are present only while you
    may see them (hosts always; confirmed attendees from `place_shown_from` until it ends,
    unless it was cancelled); `attendees` only when the event lets you see who is going;
    `discussion_guide` only while you may read it."""

    address: str | SkipJsonSchema[None] = Field(None, description="The exact address.")
    call_link: str | SkipJsonSchema[None] = Field(None, description="The call link.")
    repeats: str = Field(description="How the series repeats, in words; empty if it does not.")
    hosts: list[MemberOut] = Field(description="Its hosts you may see.")
    facilitators: list[MemberOut] = Field(description="Its facilitators you may see.")
    attendees: list[AttendeeOut] | SkipJsonSchema[None] = Field(
        None, description="Who answered, by name, when you may see it."
    )
    waitlist_position: int | None = Field(description="Where you are on the waitlist (1: next).")
    can_rsvp: bool
    can_manage: bool
    discussion_guide: str | SkipJsonSchema[None] = Field(
        None,
        description="A film night's questions: for those who run it at any time, for its "
        "confirmed attendees once the film is over; absent otherwise.",
    )


def occurrence_detail_out(page: OccurrencePage) -> dict[str, Any]:
    body = occurrence_out(page.card)
    body.update(page.card.place)  # only the keys the policy put there
    body["repeats"] = page.repeats
    body["hosts"] = [member_out(card) for card in page.hosts]
    body["facilitators"] = [member_out(card) for card in page.facilitators]
    if page.attendees is not None:
        body["attendees"] = [attendee_out(row) for row in page.attendees]
    body["waitlist_position"] = page.waitlist_position
    body["can_rsvp"] = page.can_rsvp
    body["can_manage"] = page.can_manage
    if page.discussion_guide:
        body["discussion_guide"] = page.discussion_guide
    return body


class EventQuery(PageQuery):
    """What the upcoming list can be narrowed to, as on the events page."""

    group: Slug | SkipJsonSchema[None] = Field(None, description="A group's slug: only its events.")
    kind: KindName | SkipJsonSchema[None] = None
    language: LanguageCode | SkipJsonSchema[None] = Field(
        None, description="Only events in this language."
    )
    accessibility: list[Need] = Field(
        default_factory=list, description="Only events that offer each of these."
    )
    this_week: bool = Field(False, description="Only those starting in the next seven days.")
    age: int | None = Field(
        None, ge=0, le=120, description="Only those whose age range takes someone this old."
    )
    without_content_notes: bool = Field(
        False, description="Only those with no content notes, nor any on the film they show."
    )


class MyEventsQuery(PageQuery):
    past: bool = Field(False, description="Those that have ended, latest first.")


class RsvpIn(InputSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"answer": "going"}]})

    answer: AnswerName


class SeatIn(InputSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"decision": "accept"}]})

    decision: Literal["accept", "decline"] = Field(
        description="Take the seat held for you, or let it go to the next person waiting."
    )


class MyAnswerOut(Schema):
    occurrence_id: int
    answer: AnswerName | None = Field(description="Null once you have no answer.")
    seat: SeatName | None
    waitlist_position: int | None
    offer_expires_at: datetime | None


def _longest(name: str) -> int:
    return EVENT_TEXT_RULES[name].max_length


Title = Annotated[Text, Field(max_length=_longest("title_es"))]
LongText = Annotated[Text, Field(max_length=_longest("description_es"))]
Address = Annotated[Text, Field(max_length=_longest("address"))]
CallLink = Annotated[Text, Field(max_length=_longest("call_link"))]
Notes = Annotated[Text, Field(max_length=_longest("content_notes"))]
Guide = Annotated[Text, Field(max_length=_longest("discussion_guide"))]
ImageDescription = Annotated[Text, Field(max_length=_longest("image_description"))]
Seats = Annotated[int, Field(ge=1, le=MAX_SEATS)]
Age = Annotated[int, Field(ge=0, le=120)]
RevealHours = Annotated[int, Field(ge=0, le=HOURS["reveal_hours"])]
OfferHours = Annotated[int, Field(ge=0, le=HOURS["offer_hours"])]
ReminderHours = Annotated[int, Field(ge=0, le=HOURS["reminder_hours"])]
RepeatCount = Annotated[int, Field(ge=1, le=MAX_AHEAD)]


class EventFieldsIn(InputSchema):
    """The fields an event is made with. Dates and times are ISO 8601 with an offset."""

    kind: KindName = "social"
    title_es: Title = ""
    title_en: Title = ""
    description_es: LongText = ""
    description_en: LongText = ""
    visibility: VisibilityName = "network"
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    repeats: Repeats = Field("", description="Empty: it happens once.")
    repeat_count: RepeatCount | None = Field(None, description="How many dates, at most.")
    repeat_until: AwareDatetime | None = Field(None, description="The last day it repeats.")
    mode: ModeName = "in_person"
    area: Id | None = Field(None, description="The id of one of the network's areas.")
    address: Address = ""
    call_link: CallLink = ""
    reveal_hours: RevealHours = 24
    capacity: Seats | None = None
    promotion: PromotionName = "at_once"
    offer_hours: OfferHours = 12
    needs_approval: bool = False
    attendee_list: AttendeeListName = "hosts"
    reminder_hours: ReminderHours = 24
    step_free: bool = False
    accessible_toilet: bool = False
    quiet_room: bool = False
    sign_language: bool = False
    captions: bool = False
    content_notes: Notes = ""
    age_min: Age | None = None
    age_max: Age | None = None
    languages: list[LanguageCode] = Field(default_factory=list)
    discussion_guide: Guide = ""
    image_description: ImageDescription = ""


class EventIn(EventFieldsIn):
    group: Slug | None = Field(
        None, description="The slug of the group it is for; none for a network event."
    )


class EventChangesIn(InputSchema):
    """Only the fields sent change (the whole series). `null` clears `capacity`, the ages and
    the area and leaves any other field as it is. The group never changes."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"title_es": "Cine del jueves"}]})

    kind: KindName | None = None
    title_es: Title | None = None
    title_en: Title | None = None
    description_es: LongText | None = None
    description_en: LongText | None = None
    visibility: VisibilityName | None = None
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    repeats: Repeats | None = None
    repeat_count: RepeatCount | None = None
    repeat_until: AwareDatetime | None = None
    mode: ModeName | None = None
    area: Id | None = None
    address: Address | None = None
    call_link: CallLink | None = None
    reveal_hours: RevealHours | None = None
    capacity: Seats | None = None
    promotion: PromotionName | None = None
    offer_hours: OfferHours | None = None
    needs_approval: bool | None = None
    attendee_list: AttendeeListName | None = None
    reminder_hours: ReminderHours | None = None
    step_free: bool | None = None
    accessible_toilet: bool | None = None
    quiet_room: bool | None = None
    sign_language: bool | None = None
    captions: bool | None = None
    content_notes: Notes | None = None
    age_min: Age | None = None
    age_max: Age | None = None
    languages: list[LanguageCode] | None = None
    discussion_guide: Guide | None = None
    image_description: ImageDescription | None = None


# Fields whose `null` means "none" rather than "leave as it is".
CLEARABLE = ("capacity", "age_min", "age_max", "area")


class OccurrenceTimesIn(InputSchema):
    """New times for one date of a gathering; a time left out (or `null`) stays as it is."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"starts_at": "2030-05-10T20:00:00+02:00", "ends_at": "2030-05-10T22:30:00+02:00"}
            ]
        }
    )

    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None


class EventOut(Schema):
    """An event (a series) as those who run it made it, without its hidden place (the
    occurrence's detail shows it to them)."""

    id: int
    kind: KindName
    title_es: str
    title_en: str
    group: str | None
    visibility: ShownVisibility
    starts_at: datetime
    ends_at: datetime
    repeats: str = Field(description="Its RFC 5545 rule; empty when it happens once.")
    capacity: int | None
    cancelled: bool
    next_occurrence_id: int | None = Field(description="Its next date: /occurrences/{id}.")


def event_out(event: Event, next_occurrence_id: int | None) -> dict[str, Any]:
    return {
        "id": event.pk,
        "kind": event.kind,
        "title_es": event.title_es,
        "title_en": event.title_en,
        "group": event.group.slug if event.group is not None else None,
        "visibility": event.visibility,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "repeats": event.recurrence,
        "capacity": event.capacity,
        "cancelled": event.cancelled_at is not None,
        "next_occurrence_id": next_occurrence_id,
    }
