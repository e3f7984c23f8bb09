"""`{% absolute_url path %}`: a path of ours as a full address (an invitation link to copy)."""

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context: dict[str, Any], path: str) -> str:
    request = context.get("request")
    if not path or request is None:
        return path
    return str(request.build_absolute_uri(path))


@register.filter
def with_seat(rows: list[Any] | None, seat: str) -> list[Any]:
    """`{{ page.attendees|with_seat:"pending" }}`: the attendee rows with that seat."""
    return [row for row in rows or [] if row.seat == seat]
