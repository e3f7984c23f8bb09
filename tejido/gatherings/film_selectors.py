"""Reads of film nights, always for a viewer: the film list (filtered by representation tag
and language), one film, the polls and one poll, as cards shaped by tejido.access.films."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from tejido.access.base import AnyUser
from tejido.access.films import (
    FilmCard,
    PollCard,
    film_card,
    poll_cards,
    visible_films,
    visible_polls,
)
from tejido.accounts.choices import LANGUAGE_CODES
from tejido.core.clock import now
from tejido.core.errors import NotFound
from tejido.core.paging import ListPage, paginate
from tejido.gatherings.film_choices import REPRESENTATION_CODES
from tejido.gatherings.models import Film, Poll, PollOption

FILMS_PER_PAGE = 50
POLLS_PER_PAGE = 30


@dataclass(frozen=True)
class FilmFilters:
    """Unknown codes are ignored (a stale link shows the whole list rather than an error)."""

    representation: str = ""
    language: str = ""

    @property
    def clean(self) -> "FilmFilters":
        return FilmFilters(
            representation=self.representation
            if self.representation in REPRESENTATION_CODES
            else "",
            language=self.language if self.language in LANGUAGE_CODES else "",
        )


def _json_has(field: str, code: str) -> Q:
    # JSON lists of codes: `contains` works on PostgreSQL but not on SQLite; the codes are
    # plain words, so matching the quoted code in the text is exact.
    return Q(**{f"{field}__icontains": f'"{code}"'})


def list_films(
    *,
    viewer: AnyUser | None,
    filters: FilmFilters | None = None,
    limit: int = FILMS_PER_PAGE,
    offset: int = 0,
) -> list[FilmCard]:
    """The film list by title, one query: a language matches the original or the subtitles."""
    films = _filtered(viewer, filters)
    return [film_card(viewer, film) for film in films[offset : offset + limit]]


def count_films(*, viewer: AnyUser | None, filters: FilmFilters | None = None) -> int:
    return _filtered(viewer, filters).count()


def _filtered(viewer: AnyUser | None, filters: FilmFilters | None) -> QuerySet[Film]:
    films = visible_films(viewer)
    chosen = (filters or FilmFilters()).clean
    if chosen.representation:
        films = films.filter(_json_has("representation", chosen.representation))
    if chosen.language:
        films = films.filter(
            Q(original_language=chosen.language) | _json_has("subtitle_languages", chosen.language)
        )
    return films.order_by("title", "pk")


def get_film(*, viewer: AnyUser | None, film_id: int) -> Film:
    film = visible_films(viewer).filter(pk=film_id).first()
    if film is None:
        raise NotFound()
    return film


def get_film_card(*, viewer: AnyUser | None, film_id: int) -> FilmCard:
    return film_card(viewer, get_film(viewer=viewer, film_id=film_id))


def list_polls(
    *, viewer: AnyUser | None, limit: int = POLLS_PER_PAGE, offset: int = 0
) -> list[PollCard]:
    """The polls the viewer may see, the open ones first (closing soonest first), then the
    closed ones, latest first."""
    moment = now()
    polls = visible_polls(viewer).select_related("group")
    open_polls = list(polls.filter(closes_at__gt=moment).order_by("closes_at", "pk"))
    rest = max(limit - max(len(open_polls) - offset, 0), 0)
    closed_offset = max(offset - len(open_polls), 0)
    closed = list(
        polls.filter(closes_at__lte=moment).order_by("-closes_at", "-pk")[
            closed_offset : closed_offset + rest
        ]
    )
    chosen = (open_polls[offset : offset + limit] + closed)[:limit]
    return poll_cards(viewer, chosen, now=moment)


def count_polls(*, viewer: AnyUser | None) -> int:
    return visible_polls(viewer).count()


def get_poll(*, viewer: AnyUser | None, poll_id: int) -> Poll:
    poll = visible_polls(viewer).select_related("group").filter(pk=poll_id).first()
    if poll is None:
        raise NotFound()
    return poll


def get_poll_card(*, viewer: AnyUser | None, poll_id: int) -> PollCard:
    return poll_cards(viewer, [get_poll(viewer=viewer, poll_id=poll_id)], now=now())[0]


def get_option(*, poll: Poll, option_id: int) -> PollOption:
    option = PollOption.objects.filter(poll=poll.pk, pk=option_id).first()
    if option is None:
        raise NotFound()
    return option


def films_to_add(*, viewer: AnyUser | None, poll: Poll) -> list[FilmCard]:
    """The films of the list not yet in the poll, for its "propose a film" form."""
    taken = PollOption.objects.filter(poll=poll.pk).values("film")
    films = visible_films(viewer).exclude(pk__in=taken).order_by("title", "pk")[:500]
    return [film_card(viewer, film) for film in films]


def list_film_page(
    *, viewer: AnyUser | None, filters: FilmFilters | None = None, page: int | str | None = None
) -> ListPage[FilmCard]:
    """One page of the film list for the web (one query for the count, one for the page)."""
    return paginate(
        _filtered(viewer, filters),
        page,
        lambda films: [film_card(viewer, film) for film in films],
        per_page=FILMS_PER_PAGE,
    )


def list_poll_page(*, viewer: AnyUser | None, page: int | str | None = None) -> ListPage[PollCard]:
    count = count_polls(viewer=viewer)
    pages = max((count + POLLS_PER_PAGE - 1) // POLLS_PER_PAGE, 1)
    try:
        number = min(max(int(page or 1), 1), pages)
    except (TypeError, ValueError):
        number = 1
    items = list_polls(viewer=viewer, limit=POLLS_PER_PAGE, offset=(number - 1) * POLLS_PER_PAGE)
    return ListPage(items=items, number=number, num_pages=pages, count=count)
