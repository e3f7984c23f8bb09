"""`{% support_upkeep %}`: on the organisers' overview, the crisis lines not checked for six
months and the professionals whose verification is due."""

from typing import Any

from django import template

from tejido.crisis.selectors import count_overdue_lines
from tejido.professionals.selectors import count_due_professionals

register = template.Library()


@register.inclusion_tag("organise/_support_upkeep.html", takes_context=True)
def support_upkeep(context: Any) -> dict[str, Any]:
    viewer = context["request"].user
    return {
        "overdue_lines": count_overdue_lines(viewer=viewer),
        "due_professionals": count_due_professionals(viewer=viewer),
    }
