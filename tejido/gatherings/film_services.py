"""Every write of film nights: the film list (members propose, organisers correct and remove),
polls on the next film (opened and closed by those who make events for their group), the
members' votes (one per member and poll, changeable until it closes), and turning a closed
poll's winner into a film night."""

from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tejido.access.base import AnyUser
from tejido.access.events import can_create_event
from tejido.access.films import (
    can_create_poll,
    can_edit_film,
    can_make_event,
    can_propose_film,
    can_run_poll,
    can_see_poll,
    can_vote,
    is_open,
    visible_films,
    winning_option,
)
from tejido.accounts.choices import LANGUAGE_CODES
from tejido.accounts.models import User
from tejido.audit.services import record_action
from tejido.core.clock import now
from tejido.core.errors import InvalidInput, NotFound
from tejido.core.later import run_at
from tejido.core.text import TextRule
from tejido.gatherings.event_services import create_event
from tejido.gatherings.film_choices import REPRESENTATION_CODES
from tejido.gatherings.film_errors import (
    CannotEditFilm,
    CannotRunPoll,
    EventAlreadyMade,
    FilmAlreadyInPoll,
    NoWinner,
    PollClosed,
    PollStillOpen,
)
from tejido.gatherings.film_tasks import announce_poll_winner
from tejido.gatherings.models import Event, Film, Poll, PollOption, Vote
from tejido.gatherings.notices import POLL_CLOSED
from tejido.groups.models import Group
from tejido.notifications.services import notify

FILM_TITLE_MAX = Film._meta.get_field("title").max_length or 200
POLL_TITLE_MAX = Poll._meta.get_field("title_es").max_length or 140
CONTENT_NOTES_MAX = 1000
FILM_TEXT_RULES = {
    "title": TextRule(FILM_TITLE_MAX, required=True, name=True),
    "content_notes": TextRule(CONTENT_NOTES_MAX, multiline=True),
}
# A film's subtitle languages and who it shows: at most this many codes in a list.
MAX_CODES = 40
POLL_TEXT_RULES = {
    "title_es": TextRule(POLL_TITLE_MAX, name=True),
    "title_en": TextRule(POLL_TITLE_MAX, name=True),
}
FIRST_YEAR, LAST_YEAR = 1888, 2100
MAX_RUNTIME = 1000
# A poll stays open at most this long.
LONGEST_POLL = timedelta(days=90)
MAX_OPTIONS = 30
FILM_FIELDS = (
    "title",
    "year",
    "original_language",
    "subtitle_languages",
    "runtime_minutes",
    "content_notes",
    "representation",
)


def _number(value: Any, *, field: str, low: int, high: int) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(
            detail={
                field: gettext("Enter a whole number from %(low)d to %(high)d.")
                % {"low": low, "high": high}
            }
        )
    return value


def _codes(value: Any, *, field: str, known: frozenset[str]) -> list[str]:
    if not isinstance(value, list | tuple) or len(value) > MAX_CODES or not set(value) <= known:
        raise InvalidInput(detail={field: gettext("Choose from the list.")})
    return sorted(set(value))


def _clean_film_one(name: str, value: Any) -> Any:
    if name in FILM_TEXT_RULES:
        return FILM_TEXT_RULES[name].clean(value, field=name)
    if name == "year":
        return _number(value, field=name, low=FIRST_YEAR, high=LAST_YEAR)
    if name == "runtime_minutes":
        return _number(value, field=name, low=1, high=MAX_RUNTIME)
    if name == "original_language":
        if value in (None, ""):
            return ""
        if value not in LANGUAGE_CODES:
            raise InvalidInput(detail={name: gettext("Choose from the list.")})
        return value
    if name == "subtitle_languages":
        return _codes(value, field=name, known=LANGUAGE_CODES)
    if name == "representation":
        return _codes(value, field=name, known=REPRESENTATION_CODES)
    raise TypeError(f"Films have no field {name!r}.")


def clean_film_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """A film's fields checked, every problem reported together."""
    errors: dict[str, Any] = {}
    clean: dict[str, Any] = {}
    for name, value in fields.items():
        try:
            clean[name] = _clean_film_one(name, value)
        except InvalidInput as error:
            errors.update(error.detail)
    if errors:
        raise InvalidInput(detail=errors)
    return clean


@transaction.atomic
def propose_film(*, actor: User, **fields: Any) -> Film:
    """Add a film to the network's list: any vetted member."""
    if not can_propose_film(actor):
        raise NotFound()
    if "title" not in fields:
        fields["title"] = ""
    return Film.objects.create(proposed_by=actor, **clean_film_fields(fields))


@transaction.atomic
def update_film(*, actor: User, film: Film, **fields: Any) -> Film:
    """Correct a film on the list: network organisers. Only the fields given change."""
    if not visible_films(actor).filter(pk=film.pk).exists():
        raise NotFound()
    if not can_edit_film(actor, film):
        raise CannotEditFilm()
    for name, value in clean_film_fields(fields).items():
        setattr(film, name, value)
    film.save()
    record_action(actor=actor, action="film.update", target=film)
    return film


@transaction.atomic
def remove_film(*, actor: User, film: Film) -> None:
    """Take a film off the list, and out of every poll it is in (with the votes for it);
    a film night already made keeps its date, without the film."""
    if not visible_films(actor).filter(pk=film.pk).exists():
        raise NotFound()
    if not can_edit_film(actor, film):
        raise CannotEditFilm()
    record_action(actor=actor, action="film.remove", target=film)
    film.delete()


def _clean_closes_at(value: Any, moment: datetime) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise InvalidInput(detail={"closes_at": gettext("Enter a date and time.")})
    if value <= moment:
        raise InvalidInput(detail={"closes_at": gettext("The poll must close in the future.")})
    if value > moment + LONGEST_POLL:
        raise InvalidInput(detail={"closes_at": gettext("A poll stays open at most 90 days.")})
    return value


def _films(actor: User, films: Any) -> list[Film]:
    ids = [film.pk if isinstance(film, Film) else film for film in films]
    if not all(isinstance(pk, int) and not isinstance(pk, bool) for pk in ids):
        raise InvalidInput(detail={"films": gettext("Choose films from the list.")})
    ids = list(dict.fromkeys(ids))
    if len(ids) > MAX_OPTIONS:
        raise InvalidInput(
            detail={"films": gettext("A poll holds at most %(n)d films.") % {"n": MAX_OPTIONS}}
        )
    found = {film.pk: film for film in visible_films(actor).filter(pk__in=ids)}
    if len(found) != len(ids):
        raise InvalidInput(detail={"films": gettext("Choose films from the list.")})
    return [found[pk] for pk in ids]


@transaction.atomic
def create_poll(
    *,
    actor: User,
    title_es: str = "",
    title_en: str = "",
    group: Group | None = None,
    closes_at: datetime,
    films: Any = (),
) -> Poll:
    """Open a poll on the next film, for the network or a group, with the films to choose
    from (members can add more while it is open)."""
    if not can_create_poll(actor, group.pk if group is not None else None):
        raise CannotRunPoll(detail={"group": str(CannotRunPoll.message)})
    errors: dict[str, Any] = {}
    titles: dict[str, str] = {}
    for name, value in (("title_es", title_es), ("title_en", title_en)):
        try:
            titles[name] = POLL_TEXT_RULES[name].clean(value, field=name)
        except InvalidInput as error:
            errors.update(error.detail)
    if not errors and not (titles["title_es"] or titles["title_en"]):
        errors["title_es"] = gettext("Give the poll a title in one language or both.")
    chosen: list[Film] = []
    for check in (lambda: _clean_closes_at(closes_at, now()), lambda: _films(actor, films)):
        try:
            result = check()
        except InvalidInput as error:
            errors.update(error.detail)
        else:
            if isinstance(result, list):
                chosen = result
    if errors:
        raise InvalidInput(detail=errors)
    poll = Poll.objects.create(group=group, closes_at=closes_at, created_by=actor, **titles)
    PollOption.objects.bulk_create(
        [PollOption(poll=poll, film=film, proposed_by=actor) for film in chosen]
    )
    record_action(actor=actor, action="poll.create", target=poll)
    moment = closes_at.isoformat()
    transaction.on_commit(
        lambda: run_at(announce_poll_winner, closes_at, poll.pk, moment), robust=True
    )
    return poll


def _locked(actor: AnyUser, poll: Poll) -> Poll:
    """The poll locked for the rest of the transaction, for one who sees it; else NotFound."""
    if not can_see_poll(actor, poll):
        raise NotFound()
    locked = (
        Poll.objects.select_for_update(of=("self",))
        .select_related("group")
        .filter(pk=poll.pk)
        .first()
    )
    if locked is None:  # pragma: no cover - deleted between the two lines
        raise NotFound()
    return locked


@transaction.atomic
def add_option(*, actor: User, poll: Poll, film: Film) -> PollOption:
    """Propose a film from the list into an open poll: any member who may vote in it."""
    poll = _locked(actor, poll)
    if not visible_films(actor).filter(pk=film.pk).exists():
        raise NotFound()
    if not can_vote(actor, poll, now()):
        raise PollClosed()
    if PollOption.objects.filter(poll=poll, film=film).exists():
        raise FilmAlreadyInPoll()
    if PollOption.objects.filter(poll=poll).count() >= MAX_OPTIONS:
        raise InvalidInput(
            detail={"film": gettext("A poll holds at most %(n)d films.") % {"n": MAX_OPTIONS}}
        )
    return PollOption.objects.create(poll=poll, film=film, proposed_by=actor)


def vote(*, actor: User, poll: Poll, option: PollOption) -> Vote:
    """Vote for one of the poll's films, or change one's vote, while the poll is open. The
    poll is locked while the vote is written, so that closing it and voting do not cross,
    and the database holds one vote per member and poll: the same member voting twice at
    once leaves one vote (the later one)."""
    try:
        with transaction.atomic():
            return _vote(actor, poll, option)
    except IntegrityError:
        # Another request of the same member wrote the first vote between our look and our
        # write (a database without row locks): theirs is there now, so this one changes it.
        with transaction.atomic():
            return _vote(actor, poll, option)


def _vote(actor: User, poll: Poll, option: PollOption) -> Vote:
    poll = _locked(actor, poll)
    if option.poll_id != poll.pk or not PollOption.objects.filter(pk=option.pk).exists():
        raise NotFound()
    if not can_vote(actor, poll, now()):
        raise PollClosed()
    ballot, _created = Vote.objects.update_or_create(
        poll=poll, user=actor, defaults={"option": option}
    )
    return ballot


@transaction.atomic
def close_poll(*, actor: User, poll: Poll) -> Poll:
    """Close a poll now; everyone who voted is told which film won."""
    poll = _locked(actor, poll)
    if not can_run_poll(actor, poll):
        raise CannotRunPoll()
    moment = now()
    if not is_open(poll, moment):
        raise PollClosed()
    poll.closes_at = moment
    poll.save(update_fields=["closes_at", "updated_at"])
    record_action(actor=actor, action="poll.close", target=poll)
    _announce(poll)
    return poll


def _announce(poll: Poll) -> int:
    """Tell everyone who voted in the closed poll which film won; nothing without votes."""
    winner = winning_option(poll)
    if winner is None:
        return 0
    url = reverse("poll_detail", kwargs={"poll_id": poll.pk})
    voters = User.objects.filter(pk__in=Vote.objects.filter(poll=poll).values("user"))
    told = 0
    for voter in voters.order_by("pk"):
        # The poll's title in the voter's language, as the notice is read in it.
        with translation.override(voter.language or None):
            title = poll.title
        notice = notify(
            user=voter,
            kind=POLL_CLOSED.name,
            about=poll,
            params={"poll": title, "film": winner.film.title},
            url=url,
        )
        told += notice is not None
    return told


@transaction.atomic
def announce_winner(*, poll_id: int, closes_at: str) -> int:
    """The poll closed at its time (`closes_at`, as it was scheduled): tell its voters the
    winner. A poll closed earlier by hand, or one whose time has not come, is left alone."""
    poll = Poll.objects.select_for_update().filter(pk=poll_id).first()
    if poll is None or poll.closes_at.isoformat() != closes_at or is_open(poll, now()):
        return 0
    return _announce(poll)


@transaction.atomic
def make_event_from_winner(
    *, actor: User, poll: Poll, starts_at: datetime, ends_at: datetime, **fields: Any
) -> Event:
    """Turn a closed poll's winning film into a film night for the poll's group (or the
    network), once. `fields` are more of the event's fields (description, place, ...)."""
    poll = _locked(actor, poll)
    if not can_create_event(actor, poll.group_id):
        raise CannotRunPoll()
    moment = now()
    winner = winning_option(poll)
    if not can_make_event(actor, poll, has_winner=winner is not None, now=moment):
        if is_open(poll, moment):
            raise PollStillOpen()
        if poll.event_id is not None:
            raise EventAlreadyMade()
        raise NoWinner()
    assert winner is not None
    fields.setdefault(
        "visibility", Event.Visibility.GROUP if poll.group_id else Event.Visibility.NETWORK
    )
    event = create_event(
        actor=actor,
        group=poll.group,
        kind=Event.Kind.FILM_NIGHT,
        film=winner.film,
        title_es=winner.film.title[:140],
        title_en=winner.film.title[:140],
        starts_at=starts_at,
        ends_at=ends_at,
        **fields,
    )
    poll.event = event
    poll.save(update_fields=["event", "updated_at"])
    record_action(actor=actor, action="poll.event_made", target=poll)
    return event
