"""The upcoming list's filter form. It checks shape only: a value that is not one of the
choices is left out of the filter (the rest still applies), never an error page."""

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tejido.access.event_cards import ACCESSIBILITY_LABELS
from tejido.accounts.choices import LANGUAGE_CHOICES
from tejido.gatherings.models import Event
from tejido.gatherings.selectors import EventFilters


class EventFilterForm(forms.Form):
    group = forms.ChoiceField(label=_("Group"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind of gathering"),
        required=False,
        choices=[("", _("Any kind")), *Event.Kind.choices],
    )
    language = forms.ChoiceField(
        label=_("Language spoken"),
        required=False,
        choices=[("", _("Any language")), *LANGUAGE_CHOICES],
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibility"),
        required=False,
        choices=[(name, capfirst(label)) for name, label in ACCESSIBILITY_LABELS.items()],
        widget=forms.CheckboxSelectMultiple,
    )
    age = forms.IntegerField(
        label=_("For someone of this age"), required=False, min_value=0, max_value=120
    )
    without_content_notes = forms.BooleanField(
        label=_("Only those without content notes"),
        help_text=_(
            "Leaves out gatherings that warn of difficult themes, or show a film that does."
        ),
        required=False,
    )
    this_week = forms.BooleanField(label=_("Only the next seven days"), required=False)

    def __init__(self, *args: Any, groups: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", _("Any group")), *groups]  # type: ignore[attr-defined]

    def filters(self) -> EventFilters:
        """What was asked for, each wrong value left out."""
        self.is_valid()
        data = self.cleaned_data
        return EventFilters(
            group=data.get("group") or "",
            kind=data.get("kind") or "",
            language=data.get("language") or "",
            accessibility=tuple(data.get("accessibility") or ()),
            this_week=bool(data.get("this_week")),
            age=data.get("age"),
            without_content_notes=bool(data.get("without_content_notes")),
        )
