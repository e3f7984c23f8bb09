"""Film nights: the network's film list (anyone adds a film), the polls on the next film,
voting, and for those who run polls opening and closing them and making the winner's film
night. Votes are private: an answer carries how many votes each film has (once you voted, or
the poll closed, or you run it), never who cast them."""

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema
from ninja.responses import Status
from pydantic import AfterValidator, AwareDatetime, ConfigDict, Field

from tejido.access.films import FilmCard, OptionCard, PollCard
from tejido.accounts.choices import LANGUAGE_CODES
from tejido.api.v1.auth import actor
from tejido.api.v1.event_schemas import EventOut, Slug
from tejido.api.v1.events import event_body
from tejido.api.v1.schemas import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_OFFSET,
    READ_ERRORS,
    WRITE_ERRORS,
    Id,
    InputSchema,
    PageOut,
    QuerySchema,
    Text,
    Window,
    responses,
)
from tejido.gatherings import film_selectors as selectors
from tejido.gatherings.film_choices import REPRESENTATION_CODES
from tejido.gatherings.film_services import (
    CONTENT_NOTES_MAX,
    FILM_TITLE_MAX,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_CODES,
    MAX_OPTIONS,
    MAX_RUNTIME,
    POLL_TITLE_MAX,
    close_poll,
    create_poll,
    make_event_from_winner,
    propose_film,
    vote,
)
from tejido.groups.selectors import get_group

router = Router(tags=["films"])

# Poll ids with examples, which the schemathesis run tries first (proof/test_api_fuzz.py seeds
# polls with these ids).
PollId = Annotated[int, Field(ge=1, le=2**63 - 1, examples=[1, 2, 3])]


def _one_of(known: frozenset[str]) -> Any:
    def check(code: str) -> str:
        if code not in known:
            raise ValueError("not one of the codes")
        return code

    return AfterValidator(check)


LanguageCode = Annotated[
    str, Field(json_schema_extra={"enum": sorted(LANGUAGE_CODES)}), _one_of(LANGUAGE_CODES)
]
Representation = Annotated[
    str,
    Field(json_schema_extra={"enum": sorted(REPRESENTATION_CODES)}),
    _one_of(REPRESENTATION_CODES),
]


class FilmOut(Schema):
    id: int
    title: str
    year: int | None
    original_language: str = Field(description="A language code, or empty when not known.")
    subtitle_languages: list[str]
    runtime_minutes: int | None
    content_notes: str
    representation: list[str] = Field(description="Who the film shows: tags from a fixed list.")


def film_out(card: FilmCard) -> dict[str, Any]:
    return {
        "id": card.id,
        "title": card.title,
        "year": card.year,
        "original_language": card.original_language,
        "subtitle_languages": list(card.subtitle_languages),
        "runtime_minutes": card.runtime_minutes,
        "content_notes": card.content_notes,
        "representation": list(card.representation),
    }


class FilmList(PageOut):
    items: list[FilmOut]


class FilmQuery(QuerySchema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)
    representation: Representation | None = Field(None, description="Only films with this tag.")
    language: LanguageCode | None = Field(
        None, description="Only films in this language or subtitled in it."
    )


@router.get("/films", response=responses(FilmList, READ_ERRORS), summary="The film list")
def get_films(request: HttpRequest, query: Query[FilmQuery]) -> object:
    """The network's film list by title, a page at a time."""
    viewer = actor(request)
    filters = selectors.FilmFilters(
        representation=query.representation or "", language=query.language or ""
    )
    cards = selectors.list_films(
        viewer=viewer, filters=filters, limit=query.limit, offset=query.offset
    )
    return {
        "items": [film_out(card) for card in cards],
        "count": selectors.count_films(viewer=viewer, filters=filters),
        "limit": query.limit,
        "offset": query.offset,
    }


class FilmIn(InputSchema):
    title: Annotated[Text, Field(min_length=1, max_length=FILM_TITLE_MAX)]
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    original_language: LanguageCode | None = None
    subtitle_languages: list[LanguageCode] = Field(default_factory=list, max_length=MAX_CODES)
    runtime_minutes: int | None = Field(None, ge=1, le=MAX_RUNTIME)
    content_notes: Annotated[Text, Field(max_length=CONTENT_NOTES_MAX)] = ""
    representation: list[Representation] = Field(default_factory=list, max_length=MAX_CODES)


@router.post("/films", response=responses(FilmOut, WRITE_ERRORS, status=201), summary="Add a film")
def post_film(request: HttpRequest, payload: FilmIn) -> object:
    """Add a film to the network's list; any member can."""
    me = actor(request)
    fields = payload.model_dump()
    fields["original_language"] = fields["original_language"] or ""
    film = propose_film(actor=me, **fields)
    return Status(201, film_out(selectors.get_film_card(viewer=me, film_id=film.pk)))


class OptionOut(Schema):
    id: int
    film: FilmOut
    votes: int | None = Field(
        description="How many voted for it; null until you vote or the poll closes."
    )
    mine: bool = Field(description="Your vote is for this film.")


def option_out(card: OptionCard) -> dict[str, Any]:
    return {"id": card.id, "film": film_out(card.film), "votes": card.votes, "mine": card.mine}


class PollOut(Schema):
    id: int
    title: str
    group: str | None = Field(description="The group's name, for a group's poll.")
    closes_at: datetime
    is_open: bool
    options: list[OptionOut]
    total_votes: int | None
    my_vote: int | None = Field(description="The id of the option you voted for, or null.")
    winner: OptionOut | None = Field(description="Once closed: the film with most votes.")
    event_id: int | None = Field(description="The film night made from the winner, if any.")


def poll_out(card: PollCard) -> dict[str, Any]:
    return {
        "id": card.id,
        "title": card.title,
        "group": card.group_name or None,
        "closes_at": card.closes_at,
        "is_open": card.is_open,
        "options": [option_out(option) for option in card.options],
        "total_votes": card.total_votes,
        "my_vote": card.my_vote,
        "winner": option_out(card.winner) if card.winner is not None else None,
        "event_id": card.event_id,
    }


class PollList(PageOut):
    items: list[PollOut]


@router.get("/polls", response=responses(PollList, READ_ERRORS), summary="Polls on the next film")
def get_polls(request: HttpRequest, window: Query[Window]) -> object:
    """The polls you may see: the open ones first, closing soonest first, then closed ones."""
    viewer = actor(request)
    cards = selectors.list_polls(viewer=viewer, limit=window.limit, offset=window.offset)
    return {
        "items": [poll_out(card) for card in cards],
        "count": selectors.count_polls(viewer=viewer),
        "limit": window.limit,
        "offset": window.offset,
    }


@router.get("/polls/{poll_id}", response=responses(PollOut, READ_ERRORS), summary="One poll")
def get_poll(request: HttpRequest, poll_id: Path[PollId]) -> object:
    return poll_out(selectors.get_poll_card(viewer=actor(request), poll_id=poll_id))


class VoteIn(InputSchema):
    option: Id = Field(description="The id of one of the poll's options.")


@router.post(
    "/polls/{poll_id}/vote",
    response=responses(PollOut, WRITE_ERRORS),
    summary="Vote, or change your vote",
)
def post_vote(request: HttpRequest, poll_id: Path[PollId], payload: VoteIn) -> object:
    """Vote for one of the poll's films while it is open; voting again changes your vote."""
    me = actor(request)
    poll = selectors.get_poll(viewer=me, poll_id=poll_id)
    vote(actor=me, poll=poll, option=selectors.get_option(poll=poll, option_id=payload.option))
    return poll_out(selectors.get_poll_card(viewer=me, poll_id=poll_id))


# Running polls -------------------------------------------------------------------------------

PollTitle = Annotated[Text, Field(max_length=POLL_TITLE_MAX)]


class PollIn(InputSchema):
    """A poll on the next film, with the films to choose from (members may add more while it
    is open). Network organisers open polls for the network or any group, a group's
    organisers for their group."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"title_es": "¿Qué vemos en marzo?", "closes_at": "2030-03-01T20:00:00+01:00"}
            ]
        }
    )

    title_es: PollTitle = ""
    title_en: PollTitle = ""
    group: Slug | None = Field(None, description="The slug of the group it is for; none for all.")
    closes_at: AwareDatetime = Field(description="When voting ends: within 90 days.")
    films: list[Id] = Field(
        default_factory=list,
        max_length=MAX_OPTIONS,
        description="Ids of films from the list (`GET /films`).",
    )


@router.post(
    "/polls",
    response=responses(PollOut, WRITE_ERRORS, status=201),
    summary="Open a poll on the next film (organisers)",
)
def post_poll(request: HttpRequest, payload: PollIn) -> object:
    """It gets a title in one language or both, and closes in the future; when it closes,
    everyone who voted is told which film won."""
    me = actor(request)
    group = get_group(viewer=me, slug=payload.group) if payload.group is not None else None
    poll = create_poll(
        actor=me,
        title_es=payload.title_es,
        title_en=payload.title_en,
        group=group,
        closes_at=payload.closes_at,
        films=payload.films,
    )
    return Status(201, poll_out(selectors.get_poll_card(viewer=me, poll_id=poll.pk)))


@router.post(
    "/polls/{poll_id}/close",
    response=responses(PollOut, WRITE_ERRORS),
    summary="Close a poll now (those who run it)",
)
def post_close_poll(request: HttpRequest, poll_id: Path[PollId]) -> object:
    """Voting ends at once; everyone who voted is told which film won. A closed poll is a 409
    (`poll_closed`)."""
    me = actor(request)
    close_poll(actor=me, poll=selectors.get_poll(viewer=me, poll_id=poll_id))
    return poll_out(selectors.get_poll_card(viewer=me, poll_id=poll_id))


class FilmNightIn(InputSchema):
    """When the film night is; its place and the rest are changed on the event afterwards."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"starts_at": "2030-03-06T19:30:00+01:00", "ends_at": "2030-03-06T22:00:00+01:00"}
            ]
        }
    )

    starts_at: AwareDatetime
    ends_at: AwareDatetime


@router.post(
    "/polls/{poll_id}/event",
    response=responses(EventOut, WRITE_ERRORS, status=201),
    summary="Make the film night of a closed poll's winner (those who run it)",
)
def post_poll_event(request: HttpRequest, poll_id: Path[PollId], payload: FilmNightIn) -> object:
    """A film night of the winning film for the poll's group (or the network), once; you
    become its host, and add its place and details with `PATCH /events/{event_id}`. An open
    poll is a 409 (`poll_still_open`), one nobody voted in too (`no_winner`), and so is a poll
    whose film night was made (`event_already_made`)."""
    me = actor(request)
    event = make_event_from_winner(
        actor=me,
        poll=selectors.get_poll(viewer=me, poll_id=poll_id),
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
    )
    return Status(201, event_body(me, event))
