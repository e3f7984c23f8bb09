"""Template filters of the aid board's pages."""

from datetime import UTC, datetime, timedelta

from django import template
from django.utils.timesince import timesince

register = template.Library()
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@register.filter
def span_words(span: timedelta) -> str:
    """A length of time in words, in the active language: "2 days, 3 hours"."""
    if span < timedelta(minutes=1):
        return timesince(_EPOCH, _EPOCH + timedelta(minutes=1))
    return timesince(_EPOCH, _EPOCH + span)
