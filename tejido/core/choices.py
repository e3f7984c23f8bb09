"""The label of a field's choice, as a person reads it.

Django's `get_FOO_display()` builds a dictionary of every choice of the field to find one, and
hashing a translatable label translates it: a card with three such fields translated some forty
labels to show three, and a page of twenty cards was a tenth of its work doing it. Here each
field's choices are gathered once per process and only the label shown is translated."""

from functools import cache
from typing import Any

from django.db.models import Field, Model


@cache
def _labels(field: Field[Any, Any]) -> dict[Any, Any]:
    return dict(field.flatchoices)


def label(instance: Model, name: str) -> str:
    """What `instance.get_<name>_display()` gives: the label of the field's value in the
    active language, or the value itself when it is not one of the choices."""
    field = instance._meta.get_field(name)
    assert isinstance(field, Field), name
    value = getattr(instance, field.attname)
    return str(_labels(field).get(value, value))
