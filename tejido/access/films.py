"""Film nights: who sees the film list and the polls on the next film, who adds and edits
films, who opens, closes and votes in a poll, who sees its counts, and who turns its winner
into an event.

Vetted members see the film list and propose films; network organisers edit and remove them.
A network poll is for every vetted member; a group's poll for that group's active members and
network organisers. Those who may make events for a poll's group (network organisers, and the
group's organisers) open and close its polls and turn the winner into an event. Votes are
private: nobody, organisers included, ever sees who voted for what; the counts are shown to
whoever voted, once the poll closed, and always to the poll's creator and those who run it."""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet

from tejido.access.base import (
    AnyUser,
    in_good_standing,
    is_organiser,
    is_vetted,
    register_audience,
)
from tejido.access.events import can_create_event
from tejido.access.groups import active_group_ids
from tejido.access.members import network_organisers
from tejido.accounts.choices import language_name
from tejido.accounts.models import User
from tejido.gatherings.models import Film, Poll, PollOption, Vote
from tejido.groups.models import GroupMembership


def visible_films(viewer: AnyUser | None) -> QuerySet[Film]:
    """The film list is the network's: every vetted member sees all of it, nobody else any."""
    if not is_vetted(viewer):
        return Film.objects.none()
    return Film.objects.all()


def can_propose_film(actor: AnyUser | None) -> bool:
    """Any vetted member adds a film to the list."""
    return is_vetted(actor)


def can_edit_film(actor: AnyUser | None, film: Film) -> bool:
    """Network organisers correct and remove films."""
    return is_organiser(actor)


def visible_polls(viewer: AnyUser | None) -> QuerySet[Poll]:
    """Network organisers see every poll; a vetted member the network's and those of the
    groups they are an active member of."""
    if not is_vetted(viewer):
        return Poll.objects.none()
    if is_organiser(viewer):
        return Poll.objects.all()
    return Poll.objects.filter(Q(group__isnull=True) | Q(group__in=active_group_ids(viewer)))


def can_see_poll(viewer: AnyUser | None, poll: Poll) -> bool:
    return visible_polls(viewer).filter(pk=poll.pk).exists()


@register_audience(Poll)
def audience_of_poll(poll: Poll) -> QuerySet[User]:
    """Who may be told about a poll: the members who may see it."""
    people = User.objects.filter(in_good_standing())
    if poll.group_id is None:
        return people
    in_group = GroupMembership.objects.filter(
        group=poll.group_id, state=GroupMembership.State.ACTIVE
    ).values("user")
    return people.filter(Q(pk__in=in_group) | Q(pk__in=network_organisers().values("pk")))


def can_create_poll(actor: AnyUser | None, group_id: int | None = None) -> bool:
    """Network organisers open polls for the network or any group; a group's organisers for
    their group: as for making events."""
    return can_create_event(actor, group_id)


def is_open(poll: Poll, now: datetime) -> bool:
    return now < poll.closes_at


def can_run_poll(actor: AnyUser | None, poll: Poll) -> bool:
    """Close a poll and always see its counts: its creator while they may still open polls
    there, network organisers, and the group's organisers for a group's poll."""
    return can_create_poll(actor, poll.group_id)


def can_close_poll(actor: AnyUser | None, poll: Poll, now: datetime) -> bool:
    return is_open(poll, now) and can_run_poll(actor, poll)


def can_vote(actor: AnyUser | None, poll: Poll, now: datetime) -> bool:
    """Vote, change one's vote, or propose a film into the poll: a vetted member who sees the
    poll while it is open."""
    return is_vetted(actor) and is_open(poll, now) and can_see_poll(actor, poll)


def can_see_counts(
    viewer: AnyUser | None, poll: Poll, *, voted: bool, now: datetime, runs: bool | None = None
) -> bool:
    """How many votes each film has (never who cast them): for those who run the poll always,
    for the rest once they voted or the poll closed. `runs`: `can_run_poll`, when the caller
    already asked it."""
    if not is_vetted(viewer):
        return False
    if voted or not is_open(poll, now):
        return True
    return can_run_poll(viewer, poll) if runs is None else runs


def can_make_event(actor: AnyUser | None, poll: Poll, *, has_winner: bool, now: datetime) -> bool:
    """Turn a closed poll's winner into a film night: whoever may make events for the poll's
    group, once, and only when there is a winner."""
    return (
        has_winner
        and poll.event_id is None
        and not is_open(poll, now)
        and can_create_event(actor, poll.group_id)
    )


# Cards --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FilmCard:
    id: int
    title: str
    year: int | None
    original_language: str
    original_language_name: str
    subtitle_languages: tuple[str, ...]
    subtitle_language_names: tuple[str, ...]
    runtime_minutes: int | None
    content_notes: str
    # Codes of tejido.gatherings.film_choices (the pages name them).
    representation: tuple[str, ...]
    can_edit: bool


def film_card(viewer: AnyUser | None, film: Film) -> FilmCard:
    """A film as the viewer sees it (who proposed it is not shown: the list is the network's)."""
    subtitles = tuple(film.subtitle_languages or ())
    tags = tuple(film.representation or ())
    return FilmCard(
        id=film.pk,
        title=film.title,
        year=film.year,
        original_language=film.original_language,
        original_language_name=(
            language_name(film.original_language) if film.original_language else ""
        ),
        subtitle_languages=subtitles,
        subtitle_language_names=tuple(language_name(code) for code in subtitles),
        runtime_minutes=film.runtime_minutes,
        content_notes=film.content_notes,
        representation=tags,
        can_edit=can_edit_film(viewer, film),
    )


@dataclass(frozen=True)
class OptionCard:
    id: int
    film: FilmCard
    # None when the viewer may not see the counts yet.
    votes: int | None
    mine: bool


@dataclass(frozen=True)
class PollCard:
    id: int
    title: str
    group_id: int | None
    group_name: str
    closes_at: datetime
    is_open: bool
    options: tuple[OptionCard, ...]
    counts_shown: bool
    # None when the counts are not shown.
    total_votes: int | None
    my_vote: int | None
    # Once closed: the film with most votes (the earliest proposed on a tie), or None.
    winner: OptionCard | None
    event_id: int | None
    can_vote: bool
    can_close: bool
    can_make_event: bool


def _winner(options: list[PollOption], counts: Counter[int]) -> PollOption | None:
    best = max(options, key=lambda option: (counts[option.pk], -option.pk), default=None)
    if best is None or counts[best.pk] == 0:
        return None
    return best


def winning_option(poll: Poll) -> PollOption | None:
    """The option with most votes (the earliest proposed on a tie); None without votes."""
    options = list(PollOption.objects.filter(poll=poll.pk).select_related("film"))
    return _winner(options, _counts(Vote.objects.filter(poll=poll.pk)))


def _counts(votes: QuerySet[Vote]) -> Counter[int]:
    rows = votes.values("option").annotate(n=Count("pk")).values_list("option", "n")
    return Counter(dict(rows))


def poll_cards(viewer: AnyUser | None, polls: list[Poll], *, now: datetime) -> list[PollCard]:
    """Cards for polls the viewer may see (the caller's list comes from `visible_polls`), in
    three queries whatever their number: the options with their films, the counts, my votes.
    The permissions asked per poll answer without a query for a network organiser and cost
    one (the group's organisers) for a group's poll otherwise."""
    ids = [poll.pk for poll in polls]
    options: dict[int, list[PollOption]] = {pk: [] for pk in ids}
    for option in PollOption.objects.filter(poll__in=ids).select_related("film"):
        options[option.poll_id].append(option)
    counts = _counts(Vote.objects.filter(poll__in=ids))
    mine: dict[int, int] = {}
    if is_vetted(viewer):
        assert viewer is not None
        mine = dict(Vote.objects.filter(poll__in=ids, user=viewer.pk).values_list("poll", "option"))
    runs: dict[int | None, bool] = {}
    cards = []
    for poll in polls:
        if poll.group_id not in runs:
            runs[poll.group_id] = can_run_poll(viewer, poll)
        cards.append(
            _poll_card(
                viewer,
                poll,
                options[poll.pk],
                counts,
                mine.get(poll.pk),
                now=now,
                runs=runs[poll.group_id],
            )
        )
    return cards


def _poll_card(
    viewer: AnyUser | None,
    poll: Poll,
    options: list[PollOption],
    counts: Counter[int],
    my_vote: int | None,
    *,
    now: datetime,
    runs: bool,
) -> PollCard:
    open_now = is_open(poll, now)
    shown = can_see_counts(viewer, poll, voted=my_vote is not None, now=now, runs=runs)
    cards = {
        option.pk: OptionCard(
            id=option.pk,
            film=film_card(viewer, option.film),
            votes=counts[option.pk] if shown else None,
            mine=option.pk == my_vote,
        )
        for option in options
    }
    winner = _winner(options, counts) if not open_now else None
    return PollCard(
        id=poll.pk,
        title=poll.title,
        group_id=poll.group_id,
        group_name=poll.group.name if poll.group_id is not None and poll.group else "",
        closes_at=poll.closes_at,
        is_open=open_now,
        options=tuple(cards.values()),
        counts_shown=shown,
        total_votes=sum(counts[pk] for pk in cards) if shown else None,
        my_vote=my_vote,
        winner=cards[winner.pk] if winner is not None else None,
        event_id=poll.event_id,
        can_vote=open_now and is_vetted(viewer),
        can_close=open_now and runs,
        can_make_event=runs
        and can_make_event(viewer, poll, has_winner=winner is not None, now=now),
    )
