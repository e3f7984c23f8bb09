"""The shapes of the aid board's operations: a request and an offer as the board shows them, a
request's page with its matches and suggestions, a match with its thread, and the inputs. A
field the viewer may not see (an anonymous requester, contact details not shared by both) is
absent, never null."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import AwareDatetime, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from tejido.access.aid_cards import (
    BoardCard,
    FollowUpCard,
    MatchCard,
    MessageCard,
    OfferCard,
    RequestCard,
)
from tejido.aid import rules
from tejido.aid.match_selectors import MatchPage
from tejido.aid.models import Category, MatchState, OfferState, RequestState, Urgency, Visibility
from tejido.aid.selectors import MAX_QUERY_LENGTH, RequestPage
from tejido.aid.suggestions import SuggestedOffer, SuggestedRequest
from tejido.api.v1.me import LanguageCode
from tejido.api.v1.members import MemberOut, member_out
from tejido.api.v1.schemas import Id, InputSchema, NumberedPageOut, PageQuery, Text

CategoryName = Literal[
    "housing",
    "legal",
    "employment",
    "health",
    "mental_health",
    "food",
    "transport",
    "clothing",
    "money",
    "childcare",
    "tech",
    "translation",
    "other",
]
UrgencyName = Literal["today", "week", "whenever"]
VisibilityName = Literal["members", "helpers", "organisers"]
OfferVisibilityName = Literal["members", "organisers"]
RequestStateName = Literal["open", "matched", "in_progress", "fulfilled", "closed", "expired"]
OfferStateName = Literal["open", "closed", "expired"]
MatchStateName = Literal["proposed", "accepted", "declined", "withdrawn"]
Side = Literal["requester", "helper", "organiser", ""]

# The literals above and the models' choices say the same.
assert set(CategoryName.__args__) == set(Category.values)  # type: ignore[attr-defined]
assert set(UrgencyName.__args__) == set(Urgency.values)  # type: ignore[attr-defined]
assert set(VisibilityName.__args__) == set(Visibility.values)  # type: ignore[attr-defined]
assert set(RequestStateName.__args__) == set(RequestState.values)  # type: ignore[attr-defined]
assert set(OfferStateName.__args__) == set(OfferState.values)  # type: ignore[attr-defined]
assert set(MatchStateName.__args__) == set(MatchState.values)  # type: ignore[attr-defined]

Title = Annotated[Text, Field(min_length=1, max_length=rules.TITLE_MAX)]
LongText = Annotated[Text, Field(max_length=rules.TEXT_MAX)]
Purpose = Annotated[Text, Field(max_length=rules.PURPOSE_MAX)]
Message = Annotated[Text, Field(max_length=rules.MESSAGE_MAX)]
Amount = Annotated[Decimal, Field(gt=0, le=rules.MAX_AMOUNT, decimal_places=2)]


class WindowIO(Schema):
    """A time window: from `starts_at` until `ends_at` (ISO 8601 with an offset)."""

    starts_at: AwareDatetime
    ends_at: AwareDatetime


Windows = Annotated[list[WindowIO], Field(max_length=rules.MAX_WINDOWS)]


class BoardItemOut(Schema):
    id: int
    category: CategoryName
    category_label: str
    title: str
    description: str
    visibility: VisibilityName
    area: str = Field(description="The area's name; empty when none.")
    area_id: int | None
    languages: list[str]
    windows: list[WindowIO] = Field(description="When it suits; none: any time.")
    opened_at: datetime
    expires_at: datetime
    is_mine: bool


def _board_out(card: BoardCard) -> dict[str, Any]:
    return {
        "id": card.id,
        "category": card.category,
        "category_label": card.category_label,
        "title": card.title,
        "description": card.description,
        "visibility": card.visibility,
        "area": card.area_name,
        "area_id": card.area_id,
        "languages": list(card.languages),
        "windows": [{"starts_at": start, "ends_at": end} for start, end in card.windows],
        "opened_at": card.opened_at,
        "expires_at": card.expires_at,
        "is_mine": card.is_mine,
    }


class RequestOut(BoardItemOut):
    """A request for help. `requester` is absent when they asked to stay anonymous and you may
    not know who they are; `amount` and `purpose` are a money request's."""

    state: RequestStateName
    urgency: UrgencyName
    anonymous: bool
    amount: Decimal | None
    purpose: str
    matched_at: datetime | None
    fulfilled_at: datetime | None
    requester: MemberOut | SkipJsonSchema[None] = None
    my_match: MatchStateName | None = Field(description="Your own live match on it, as a helper.")


def request_out(card: RequestCard) -> dict[str, Any]:
    body = _board_out(card)
    body.update(
        state=card.state,
        urgency=card.urgency,
        anonymous=card.anonymous,
        amount=card.amount,
        purpose=card.purpose,
        matched_at=card.matched_at,
        fulfilled_at=card.fulfilled_at,
        my_match=card.my_match or None,
    )
    if card.requester is not None:
        body["requester"] = member_out(card.requester)
    return body


class OfferOut(BoardItemOut):
    state: OfferStateName
    helper: MemberOut | SkipJsonSchema[None] = None


def offer_out(card: OfferCard) -> dict[str, Any]:
    body = {**_board_out(card), "state": card.state}
    if card.helper is not None:
        body["helper"] = member_out(card.helper)
    return body


class RequestPageOut(NumberedPageOut):
    items: list[RequestOut]


class OfferPageOut(NumberedPageOut):
    items: list[OfferOut]


class ContactsOut(Schema):
    requester: str
    helper: str


class MatchOut(Schema):
    """A match between a request and a helper. `requester` is absent for an anonymous
    requester you may not know; `contacts` only once both sides shared theirs."""

    id: int
    request_id: int
    offer_id: int | None
    state: MatchStateName
    proposed_by: Literal["helper", "requester", "organiser"]
    dispatched: bool
    created_at: datetime
    answered_at: datetime | None
    my_side: Side = Field(description="Where you stand; organisers see every match.")
    helper: MemberOut | SkipJsonSchema[None] = None
    requester: MemberOut | SkipJsonSchema[None] = None
    can_answer: bool
    can_withdraw: bool
    can_post: bool
    can_share: bool
    my_contact: str = Field(description="What you share with the other side.")
    contacts: ContactsOut | SkipJsonSchema[None] = None


def match_out(card: MatchCard) -> dict[str, Any]:
    body: dict[str, Any] = {
        "id": card.id,
        "request_id": card.request_id,
        "offer_id": card.offer_id,
        "state": card.state,
        "proposed_by": card.proposed_by,
        "dispatched": card.dispatched,
        "created_at": card.created_at,
        "answered_at": card.answered_at,
        "my_side": card.my_side,
        "can_answer": card.can_answer,
        "can_withdraw": card.can_withdraw,
        "can_post": card.can_post,
        "can_share": card.can_share,
        "my_contact": card.my_contact,
    }
    for name in ("helper", "requester"):
        person = getattr(card, name)
        if person is not None:
            body[name] = member_out(person)
    if card.contacts:
        body["contacts"] = dict(card.contacts)
    return body


class MessageOut(Schema):
    """One message of a thread. `author` is absent for an anonymous requester you may not
    know; `by` says which side wrote it."""

    id: int
    body: str
    created_at: datetime
    is_mine: bool
    by: Literal["requester", "helper", "organiser"]
    author: MemberOut | SkipJsonSchema[None] = None


def message_out(card: MessageCard) -> dict[str, Any]:
    body = {
        "id": card.id,
        "body": card.body,
        "created_at": card.created_at,
        "is_mine": card.is_mine,
        "by": card.by,
    }
    if card.author is not None:
        body["author"] = member_out(card.author)
    return body


class SuggestedOfferOut(Schema):
    offer: OfferOut
    score: float
    reasons: str = Field(description="Why it suits, in words, in your language.")


def suggested_offer_out(suggestion: SuggestedOffer) -> dict[str, Any]:
    return {
        "offer": offer_out(suggestion.offer),
        "score": suggestion.score,
        "reasons": suggestion.reasons,
    }


class SuggestedRequestOut(Schema):
    request: RequestOut
    score: float
    reasons: str


def suggested_request_out(suggestion: SuggestedRequest) -> dict[str, Any]:
    return {
        "request": request_out(suggestion.request),
        "score": suggestion.score,
        "reasons": suggestion.reasons,
    }


class RequestDetailOut(RequestOut):
    """A request as its page shows it: its matches you may see, the best offers for it (for
    its requester while open, and for organisers), and what you may do."""

    matches: list[MatchOut]
    suggestions: list[SuggestedOfferOut]
    can_edit: bool
    can_close: bool
    can_offer_help: bool
    can_mark_started: bool
    can_mark_fulfilled: bool
    can_dispatch: bool


def request_detail_out(page: RequestPage) -> dict[str, Any]:
    return {
        **request_out(page.card),
        "matches": [match_out(card) for card in page.matches],
        "suggestions": [suggested_offer_out(s) for s in page.suggestions],
        "can_edit": page.can_edit,
        "can_close": page.can_close,
        "can_offer_help": page.can_offer_help,
        "can_mark_started": page.can_mark_started,
        "can_mark_fulfilled": page.can_mark_fulfilled,
        "can_dispatch": page.can_dispatch,
    }


class OfferDetailOut(OfferOut):
    """An offer with, for its helper, the open requests it suits best."""

    suggestions: list[SuggestedRequestOut]
    can_edit: bool
    can_close: bool


class FollowUpOut(Schema):
    """A side's answer to the follow-up: `feedback` only for whoever wrote it and organisers."""

    id: int
    by: Literal["requester", "helper"]
    asked_at: datetime
    answered_at: datetime | None
    happened: bool | None
    is_mine: bool
    feedback: str | SkipJsonSchema[None] = None


def follow_up_out(card: FollowUpCard) -> dict[str, Any]:
    body = {
        "id": card.id,
        "by": card.by,
        "asked_at": card.asked_at,
        "answered_at": card.answered_at,
        "happened": card.happened,
        "is_mine": card.is_mine,
    }
    if card.feedback is not None:
        body["feedback"] = card.feedback
    return body


class MatchDetailOut(MatchOut):
    """A match with its request, its thread when you may read it (absent otherwise), and the
    follow-up: both sides' answers for organisers, your own for a side."""

    request: RequestOut
    messages: list[MessageOut] | SkipJsonSchema[None] = None
    follow_ups: list[FollowUpOut]


def match_detail_out(page: MatchPage) -> dict[str, Any]:
    body = match_out(page.card)
    body["request"] = request_out(page.request)
    if page.messages is not None:
        body["messages"] = [message_out(card) for card in page.messages]
    body["follow_ups"] = [follow_up_out(card) for card in page.follow_ups]
    return body


class BoardQuery(PageQuery):
    """What the board can be narrowed to, as on the board's page."""

    category: CategoryName | SkipJsonSchema[None] = None
    area: Id | SkipJsonSchema[None] = Field(None, description="An area's id.")
    urgency: UrgencyName | SkipJsonSchema[None] = None
    language: LanguageCode | SkipJsonSchema[None] = None
    q: Text = Field(
        "",
        max_length=MAX_QUERY_LENGTH,
        description="Words, accents and case aside; finds requests every member may read "
        "(the others' words are sealed) and offers.",
    )


class OfferQuery(PageQuery):
    category: CategoryName | SkipJsonSchema[None] = None
    area: Id | SkipJsonSchema[None] = Field(None, description="An area's id.")
    language: LanguageCode | SkipJsonSchema[None] = None
    q: Text = Field("", max_length=MAX_QUERY_LENGTH)


class BoardItemIn(InputSchema):
    category: CategoryName
    title: Title
    description: LongText = ""
    area: Id | None = Field(None, description="The id of one of the network's areas.")
    languages: list[LanguageCode] = Field(default_factory=list)
    windows: Windows = Field(default_factory=list)
    expires_at: AwareDatetime | None = Field(
        None, description="When it leaves the board; by default, after a time set by urgency."
    )


class RequestIn(BoardItemIn):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"category": "food", "title": "Groceries this week"}]}
    )

    urgency: UrgencyName = "week"
    visibility: VisibilityName | None = Field(
        None,
        description="Default: organisers only for housing, legal, health, mental_health and "
        "money; every vetted member otherwise.",
    )
    anonymous: bool = False
    amount: Amount | None = Field(None, description="Money requests only, and required there.")
    purpose: Purpose = Field("", description="Money requests only, and required there.")


class RequestChangesIn(InputSchema):
    """Only the fields sent change."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"urgency": "today"}]})

    category: CategoryName | None = None
    title: Title | None = None
    description: LongText | None = None
    area: Id | None = None
    languages: list[LanguageCode] | None = None
    windows: Windows | None = None
    expires_at: AwareDatetime | None = None
    urgency: UrgencyName | None = None
    visibility: VisibilityName | None = None
    anonymous: bool | None = None
    amount: Amount | None = None
    purpose: Purpose | None = None


class OfferIn(BoardItemIn):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"category": "tech", "title": "I fix phones"}]}
    )

    visibility: OfferVisibilityName = "members"


class OfferChangesIn(InputSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"title": "I fix laptops"}]})

    category: CategoryName | None = None
    title: Title | None = None
    description: LongText | None = None
    area: Id | None = None
    languages: list[LanguageCode] | None = None
    windows: Windows | None = None
    expires_at: AwareDatetime | None = None
    visibility: OfferVisibilityName | None = None


# Fields whose `null` means "none" rather than "leave as it is".
CLEARABLE = ("area", "amount", "expires_at")


class ProgressIn(InputSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"step": "fulfilled"}]})

    step: Literal["started", "fulfilled"]


class HelpIn(InputSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"message": "I can on Tuesday."}]})

    message: Message = ""


class AskIn(HelpIn):
    model_config = ConfigDict(json_schema_extra={"examples": [{"offer_id": 1, "message": ""}]})

    offer_id: Id


class AnswerIn(InputSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"decision": "accept"}]})

    decision: Literal["accept", "decline"]


class MessageIn(InputSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"body": "Hello!"}]})

    body: Annotated[Text, Field(min_length=1, max_length=rules.MESSAGE_MAX)]


class ContactIn(InputSchema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"contact": "600 000 000"}]})

    contact: Annotated[Text, Field(max_length=rules.CONTACT_MAX)] = Field(
        description="Empty: stop sharing."
    )


def windows_in(windows: list[WindowIO] | None) -> list[tuple[datetime, datetime]] | None:
    if windows is None:
        return None
    return [(window.starts_at, window.ends_at) for window in windows]
