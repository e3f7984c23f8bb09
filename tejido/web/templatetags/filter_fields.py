"""A list page's filter form, rendered once per process for each thing it can show.

Rendering a form's fields through Django's widget templates cost the aid board more than its
twenty cards (bench/load/run.py --profile: 2.9 of its 9.6 s in the profiler, mostly the
options of its select boxes). What a filter form shows is its fields and their choices, the
query string it was bound to (values, and the errors they earn) and the language: its cache
key names all of them, so a page never gets another form's HTML. The "frame" cache is each
process's own memory."""

from collections.abc import Iterable
from hashlib import blake2b
from typing import Any

from django import forms, template
from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

KEPT_SECONDS = 3600


def _choices(choices: Iterable[Any]) -> list[Any]:
    """Choices as plain strings (translated labels are lazy objects, whose repr changes)."""
    return [
        (str(value), _choices(label) if isinstance(label, list | tuple) else str(label))
        for value, label in choices
    ]


def fields_key(form: forms.Form) -> str:
    shown = [
        (name, type(field).__name__, _choices(getattr(field, "choices", ())))
        for name, field in form.fields.items()
    ]
    # The values of its own fields only: a page number or another parameter changes nothing.
    names = [form.add_prefix(name) for name in form.fields]
    values = getattr(form.data, "getlist", lambda name: [form.data[name]])
    bound = [(name, values(name)) for name in names if name in form.data]
    named = repr((type(form).__qualname__, form.prefix, shown, bound, get_language()))
    return "filter-fields:" + blake2b(named.encode(), digest_size=16).hexdigest()


@register.simple_tag
def filter_fields(form: forms.Form) -> SafeString:
    """The form's fields, each as its field group (label, help, errors, widget)."""
    store = caches["frame"]
    key = fields_key(form)
    html = store.get(key)
    if html is None:
        html = "".join(str(field.as_field_group()) for field in form)
        store.set(key, html, KEPT_SECONDS)
    # Our own widgets' output, escaped when it was rendered.
    return mark_safe(html)  # noqa: S308
