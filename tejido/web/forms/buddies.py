"""Peer buddies' forms: the opt-in, a proposal and a message in a pair's thread. They check
shape only; the rules live in tejido.buddies."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tejido.accounts.choices import LANGUAGE_CHOICES
from tejido.buddies.choices import AVAILABILITY_CHOICES, TOPIC_CHOICES
from tejido.buddies.threads import MESSAGE_MAX
from tejido.network.models import Area


def _checkboxes(label: Any, choices: Any, **options: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **options,
    )


class OptInForm(forms.Form):
    seeking = forms.BooleanField(label=_("I am looking for a buddy"), required=False)
    offering = forms.BooleanField(label=_("I can be a buddy for someone"), required=False)
    languages = _checkboxes(_("Languages you can talk in"), LANGUAGE_CHOICES)
    area: forms.ModelChoiceField[Area] = forms.ModelChoiceField(
        label=_("Area (optional)"),
        queryset=None,
        required=False,
        empty_label=_("No area"),
        help_text=_("Roughly where: never an address."),
    )
    topics = _checkboxes(_("What you would like to talk about (optional)"), TOPIC_CHOICES)
    availability = _checkboxes(_("When you are usually free (optional)"), AVAILABILITY_CHOICES)

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]

    def opt_in_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        area = data.get("area")
        return {
            "seeking": data["seeking"],
            "offering": data["offering"],
            "languages": list(data.get("languages") or ()),
            "area_id": area.pk if area is not None else None,
            "topics": list(data.get("topics") or ()),
            "availability": list(data.get("availability") or ()),
        }


class ProposeForm(forms.Form):
    other = forms.IntegerField(min_value=1)
    role = forms.ChoiceField(choices=(("seeker", "seeker"), ("buddy", "buddy")))


class ThreadMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
