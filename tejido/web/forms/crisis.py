"""The organisers' form of a crisis line. Shape only: the rules are in tejido.crisis.services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.accounts.choices import LANGUAGE_CHOICES
from tejido.crisis.models import Country, LineAudience
from tejido.crisis.services import TEXTS, URLS


def _max(name: str) -> int:
    return {**TEXTS, **URLS}[name].max_length


class CrisisLineForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), choices=Country.choices)
    name_es = forms.CharField(
        label=_("Name in Spanish"), required=False, max_length=_max("name_es")
    )
    name_en = forms.CharField(
        label=_("Name in English"), required=False, max_length=_max("name_en")
    )
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=_max("phone"))
    sms = forms.CharField(
        label=_("Text message"),
        required=False,
        max_length=_max("sms"),
        help_text=_("The number to text, and what to send if the line asks for a word."),
    )
    chat_url = forms.URLField(label=_("Chat address"), required=False, max_length=_max("chat_url"))
    hours = forms.CharField(
        label=_("Hours"),
        required=False,
        max_length=_max("hours"),
        help_text=_("For example: 24/7."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    audience = forms.ChoiceField(
        label=_("For whom"), choices=LineAudience.choices, initial=LineAudience.EVERYONE
    )
    notes_es = forms.CharField(
        label=_("Notes in Spanish"),
        required=False,
        max_length=_max("notes_es"),
        widget=forms.Textarea,
    )
    notes_en = forms.CharField(
        label=_("Notes in English"),
        required=False,
        max_length=_max("notes_en"),
        widget=forms.Textarea,
    )
    source = forms.URLField(
        label=_("Where the number was seen"),
        required=False,
        max_length=_max("source"),
        help_text=_("The web page that gives this number, best the service's own site."),
    )

    def line_fields(self) -> dict[str, Any]:
        return dict(self.cleaned_data)
