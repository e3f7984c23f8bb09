"""`{% event_film page %}`: the film of a film night on its occurrence page, as a FilmCard;
`{{ film.representation|representation_names }}`: its tags in the reader's language."""

from typing import Any

from django import template

from tejido.access.films import film_card
from tejido.gatherings.film_choices import representation_name

register = template.Library()


@register.inclusion_tag("films/_event_film.html")
def event_film(page: Any) -> dict[str, Any]:
    """`page` is the occurrence page (gatherings.selectors.OccurrencePage): whoever sees the
    event sees its film, which is the network's list, not anyone's personal data."""
    film = page.occurrence.event.film if page is not None else None
    return {"film": film_card(None, film) if film is not None else None}


@register.filter
def representation_names(codes: Any) -> list[str]:
    return [representation_name(code) for code in codes or ()]
