"""A list page's filter form, rendered once per process for each thing it can show.

Rendering a form's fields through Django's widget templates cost the aid board more than its
twenty cards (bench/load/run.py --profile: 2.9 of its 9.6 s in the profiler, mostly the
options of its select boxes). What a filter form shows is its fields and their choices and the
query string it was bound to (values, and the errors they earn): that is its stamp in the
per-process cache of rendered pieces (tejido.web.card_cache, which adds the language), so a page
never gets another form's HTML."""

from collections.abc import Iterable
from typing import Any

from django import forms, template
from django.utils.safestring import SafeString

from tejido.web.card_cache import cached_items

register = template.Library()


def _choices(choices: Iterable[Any]) -> list[Any]:
    """Choices as plain strings (translated labels are lazy objects, whose repr changes)."""
    return [
        (str(value), _choices(label) if isinstance(label, list | tuple) else str(label))
        for value, label in choices
    ]


def fields_stamp(form: forms.Form) -> str:
    shown = [
        (name, type(field).__name__, _choices(getattr(field, "choices", ())))
        for name, field in form.fields.items()
    ]
    # The values of its own fields only: a page number or another parameter changes nothing.
    names = [form.add_prefix(name) for name in form.fields]
    values = getattr(form.data, "getlist", lambda name: [form.data[name]])
    bound = [(name, values(name)) for name in names if name in form.data]
    return repr((type(form).__qualname__, form.prefix, shown, bound))


@register.simple_tag
def filter_fields(form: forms.Form) -> SafeString:
    """The form's fields, each as its field group (label, help, errors, widget)."""

    def render(_ids: list[int]) -> dict[int, str]:
        return {0: "".join(str(field.as_field_group()) for field in form)}

    (html,) = cached_items("filter-fields", [(0, fields_stamp(form))], render)
    return html
