"""The forms of a gathering's sign-up sheet: a host's slot, a member's claim. They check shape
only; the rules live in tejido.gatherings.sheet_services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.accounts.choices import ALLERGEN_CHOICES, DIET_CHOICES
from tejido.gatherings.models import Slot
from tejido.gatherings.sheet_services import DISH_RULE, LABEL_RULE, MAX_SERVINGS, MAX_WANTED


class SlotForm(forms.Form):
    course = forms.ChoiceField(label=_("Kind"), choices=Slot.Course.choices)
    label = forms.CharField(
        label=_("What is needed"), required=False, max_length=LABEL_RULE.max_length
    )
    wanted = forms.IntegerField(label=_("How many"), min_value=1, max_value=MAX_WANTED)


class SlotChangeForm(forms.Form):
    label = forms.CharField(
        label=_("What is needed"), required=False, max_length=LABEL_RULE.max_length
    )
    wanted = forms.IntegerField(label=_("How many"), min_value=1, max_value=MAX_WANTED)


class ClaimForm(forms.Form):
    dish = forms.CharField(label=_("What you will bring"), max_length=DISH_RULE.max_length)
    servings = forms.IntegerField(
        label=_("Servings"), required=False, min_value=1, max_value=MAX_SERVINGS
    )
    diet = forms.MultipleChoiceField(label=_("It is"), required=False, choices=DIET_CHOICES)
    allergens = forms.MultipleChoiceField(
        label=_("It contains"), required=False, choices=ALLERGEN_CHOICES
    )

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            "dish": data["dish"],
            "servings": data["servings"],
            "diet_tags": data["diet"],
            "allergens": data["allergens"],
        }


def form_problems(form: forms.BaseForm) -> list[str]:
    """A form's errors as sentences for messages: "Field: problem"."""
    problems = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else None
        for error in errors:
            problems.append(f"{label}: {error}" if label else str(error))
    return problems
