"""`{% crisis_lines %}`: the crisis lines as a block that support pages include, from the
cached public list (no query while it is fresh)."""

from typing import Any

from django import template

from tejido.crisis.selectors import list_crisis_lines

register = template.Library()


@register.inclusion_tag("crisis/_lines_block.html")
def crisis_lines() -> dict[str, Any]:
    return {"lines": list_crisis_lines(viewer=None)}
