"""The check-ins section of a member's settings page: their choice, with the forms to change
it, snooze or opt out."""

from typing import Any

from django import template

from tejido.checkins.selectors import get_my_choice
from tejido.web.forms.checkins import CheckinChoiceForm, SnoozeForm

register = template.Library()


@register.inclusion_tag("checkins/_settings.html", takes_context=True)
def checkin_settings(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    choice = get_my_choice(viewer=request.user)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "choice": choice,
        "choice_form": CheckinChoiceForm(initial={"weeks": choice.weeks} if choice else None),
        "snooze_form": SnoozeForm(),
        "from": "settings",
    }
