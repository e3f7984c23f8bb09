"""The form that makes or edits a group. It checks shape only; the rules and the limits live in
tejido.groups.organiser_services."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tejido.groups.models import Group
from tejido.groups.organiser_services import DESCRIPTION_MAX, NAME_MAX
from tejido.network.models import Area


def _description(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class GroupForm(forms.Form):
    name_es = forms.CharField(label=_("Name in Spanish"), max_length=NAME_MAX)
    name_en = forms.CharField(
        label=_("Name in English (optional)"),
        max_length=NAME_MAX,
        required=False,
        help_text=_("Members reading in English see the Spanish name when this is empty."),
    )
    description_es = _description(_("Description in Spanish (optional)"))
    description_en = _description(_("Description in English (optional)"))
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Group.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "A local group is for a neighbourhood or town; a themed one for a shared interest."
        ),
    )
    area: forms.ModelChoiceField[Area] = forms.ModelChoiceField(
        label=_("Area (optional)"), queryset=None, required=False, empty_label=_("No area")
    )
    join_policy = forms.ChoiceField(
        label=_("Who can join"), choices=Group.JoinPolicy.choices, widget=forms.RadioSelect
    )
    listed = forms.BooleanField(
        label=_("Listed for every member"),
        required=False,
        help_text=_(
            "When this is off, only the group's members, those invited or asking to join, and "
            "network organisers know the group exists."
        ),
    )

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"kind": Group.Kind.THEMED, "join_policy": Group.JoinPolicy.OPEN, "listed": True},
        )
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(group: Group) -> dict[str, Any]:
        return {name: getattr(group, name) for name in GroupForm.base_fields}
