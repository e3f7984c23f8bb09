"""`{% event_sheet %}`: the occurrence page's sign-up sheet, as the member looking sees it.

It takes the page's `request.user` and `page.occurrence` (gatherings.selectors.OccurrencePage)
from the context and renders events/_sheet_card.html."""

from typing import Any

from django import template

from tejido.accounts.choices import ALLERGEN_CHOICES, DIET_CHOICES
from tejido.core.errors import NotFound
from tejido.gatherings.models import Slot
from tejido.gatherings.sheet_selectors import get_sheet
from tejido.gatherings.sheet_services import DISH_RULE, LABEL_RULE, MAX_SERVINGS, MAX_WANTED

register = template.Library()


@register.inclusion_tag("events/_sheet_card.html", takes_context=True)
def event_sheet(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    page = context["page"]
    occurrence = page.occurrence
    try:
        sheet = get_sheet(
            viewer=request.user,
            occurrence=occurrence,
            relation=page.relation,
            seat=page.card.my_seat,
        )
    except NotFound:
        sheet = None
    return {
        "sheet": sheet,
        "occurrence_id": occurrence.pk,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "courses": Slot.Course.choices,
        "diet_choices": DIET_CHOICES,
        "allergen_choices": ALLERGEN_CHOICES,
        "max_wanted": MAX_WANTED,
        "max_servings": MAX_SERVINGS,
        "dish_max": DISH_RULE.max_length,
        "label_max": LABEL_RULE.max_length,
    }
