"""The professionals' forms: members' search and filters, and the organisers' listing.
Shape only: the rules are in tejido.professionals.services."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.accounts.choices import LANGUAGE_CHOICES
from tejido.professionals.models import Cost, Profession
from tejido.professionals.selectors import MAX_QUERY_LENGTH, ProfessionalFilters
from tejido.professionals.services import TEXTS


def _max(name: str) -> int:
    return TEXTS[name].max_length


def _area_choices(areas: list[tuple[int, str]], empty: Any) -> list[tuple[str, Any]]:
    return [("", empty), *((str(pk), name) for pk, name in areas)]


def _number_or_none(value: str) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


class ProfessionalSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    profession = forms.ChoiceField(
        label=_("Profession"),
        required=False,
        choices=[("", _("Any profession")), *Profession.choices],
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any language")), *LANGUAGE_CHOICES]
    )
    cost = forms.ChoiceField(
        label=_("Cost"), required=False, choices=[("", _("Any cost")), *Cost.choices]
    )
    area = forms.ChoiceField(label=_("Area"), required=False)

    def __init__(self, *args: Any, areas: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = _area_choices(areas, _("Any area"))  # type: ignore[attr-defined]

    def filters(self, *, due: bool = False) -> ProfessionalFilters:
        self.is_valid()
        data = self.cleaned_data
        return ProfessionalFilters(
            q=data.get("q") or "",
            profession=data.get("profession") or "",
            language=data.get("language") or "",
            cost=data.get("cost") or "",
            area=_number_or_none(data.get("area") or ""),
            due=due,
        )


class ProfessionalForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=_max("name"))
    profession = forms.ChoiceField(label=_("Profession"), choices=Profession.choices)
    specialities_es = forms.CharField(
        label=_("Specialities in Spanish"),
        required=False,
        max_length=_max("specialities_es"),
        widget=forms.Textarea,
    )
    specialities_en = forms.CharField(
        label=_("Specialities in English"),
        required=False,
        max_length=_max("specialities_en"),
        widget=forms.Textarea,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    cost = forms.ChoiceField(label=_("Cost"), choices=Cost.choices, widget=forms.RadioSelect)
    cost_note_es = forms.CharField(
        label=_("About the cost, in Spanish"), required=False, max_length=_max("cost_note_es")
    )
    cost_note_en = forms.CharField(
        label=_("About the cost, in English"), required=False, max_length=_max("cost_note_en")
    )
    how_to_reach = forms.CharField(
        label=_("How to reach them"),
        max_length=_max("how_to_reach"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to vetted members only."),
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    verify_again_by = forms.DateField(
        label=_("Verify again by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("A year after the verification when left empty."),
    )

    def __init__(self, *args: Any, areas: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = _area_choices(areas, _("No area"))  # type: ignore[attr-defined]

    def professional_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["area_id"] = _number_or_none(data.pop("area") or "")
        return data


class VerifyForm(forms.Form):
    verify_again_by = forms.DateField(
        label=_("Verify again by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("A year from today when left empty."),
    )
