"""The organisers' forms on the aid board: dispatching a request, granting a microgrant and
recording its payment, a fund and money received, and where an area lies. Shape only; the
rules live in tejido.aid's services."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tejido.aid import rules
from tejido.aid.fund_services import CURRENCY_RULE, NAME_RULE
from tejido.aid.models import Fund
from tejido.network.models import Area


def _amount(label: Any, *, required: bool = False, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_digits=11,
        decimal_places=2,
        help_text=help_text,
    )


def _note() -> forms.CharField:
    return forms.CharField(label=_("Note (optional)"), max_length=rules.NOTE_MAX, required=False)


class DispatchForm(forms.Form):
    offer = forms.TypedChoiceField(label=_("Helper"), coerce=int)
    message = forms.CharField(
        label=_("A few words for both of them (optional)"),
        max_length=rules.MESSAGE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer"].choices = choices  # type: ignore[attr-defined]


class GrantForm(forms.Form):
    fund: forms.ModelChoiceField[Fund] = forms.ModelChoiceField(
        label=_("From the fund"), queryset=None
    )
    amount = _amount(_("Amount"), help_text=_("Leave empty to grant what was asked for."))
    note = _note()

    def __init__(self, *args: Any, funds: QuerySet[Fund], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["fund"].queryset = funds  # type: ignore[attr-defined]


class PaymentForm(forms.Form):
    amount = _amount(_("Amount paid"), help_text=_("Leave empty for all that is still owed."))
    note = _note()


class FundForm(forms.Form):
    name = forms.CharField(label=_("Name of the fund"), max_length=NAME_RULE.max_length)
    currency = forms.CharField(
        label=_("Currency"), max_length=CURRENCY_RULE.max_length, initial="EUR"
    )


class ReceivedForm(forms.Form):
    amount = _amount(_("Amount received"), required=True)
    note = _note()


class AreaPlaceForm(forms.Form):
    latitude = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    longitude = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180
    )
    neighbours: forms.ModelMultipleChoiceField[Area] = forms.ModelMultipleChoiceField(
        label=_("Areas next to it"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, area: Area, areas: QuerySet[Area], **kwargs: Any) -> None:
        kwargs["prefix"] = f"area{area.pk}"
        super().__init__(*args, **kwargs)
        self.fields["neighbours"].queryset = areas.exclude(pk=area.pk)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise forms.ValidationError(_("Give both the latitude and the longitude, or neither."))
        return data
