"""`{{ moment|html_datetime }}`: the value of a `<time datetime>` attribute.

`|date:'c'` writes microseconds, and HTML's global date-and-time string allows at most three
digits of a second's fraction: the W3C checker rejects it. This writes whole seconds with the
offset of the active time zone, as the visible text beside it is shown in.

The library is one of the template engine's builtins (config/settings.py): no `{% load %}`.
"""

from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def html_datetime(value: datetime | None) -> str:
    if not isinstance(value, datetime):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()
