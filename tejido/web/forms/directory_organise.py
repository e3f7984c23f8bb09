"""The organisers' directory forms: an organisation, a service, a place, a business, and a
business's standing. Each field's text is given as written, with optional translations into
Spanish and English; the shape is checked here, the rules (and each field's limit) in
tejido.directory's services."""

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.access.directory_cards import TermCard
from tejido.accounts.choices import LANGUAGE_CHOICES
from tejido.core.text import TextRule
from tejido.directory.business_services import BUSINESS_TEXTS, BUSINESS_TRANSLATED, NOTE
from tejido.directory.cleaning import EMAIL, LINK, LONG_TEXT, NAME, OPTIONAL_NAME, SHORT_TEXT
from tejido.directory.listing_services import (
    ADDRESS_TEXTS,
    COUNTRY_LETTERS,
    LOCATION_TRANSLATED,
    SERVICE_TRANSLATED,
    TRANSLATED,
    Hours,
)
from tejido.directory.models import (
    BusinessKind,
    LocationType,
    ServiceStatus,
    Standing,
    Visibility,
    Weekday,
)
from tejido.directory.selectors import Category
from tejido.web.forms.directory import choose

HOURS_LINES = 3
LANGUAGE_LABELS = {"es": _("in Spanish"), "en": _("in English")}


def _text(
    label: Any, *, rule: TextRule = LONG_TEXT, rows: int = 3, required: bool = False, **options: Any
) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=rule.max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **options,
    )


def _line(
    label: Any, *, rule: TextRule = SHORT_TEXT, required: bool = False, **options: Any
) -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=rule.max_length, **options)


def _website(label: Any) -> forms.URLField:
    return forms.URLField(label=label, required=False, max_length=LINK, assume_scheme="https")


def _email() -> forms.EmailField:
    return forms.EmailField(label=_("Email"), required=False, max_length=EMAIL)


def _date(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _visibility() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Who can see it"),
        choices=Visibility.choices,
        initial=Visibility.MEMBERS,
        widget=forms.RadioSelect,
        help_text=_(
            "Organisers-only listings (a safe house) and their places are never shown to anyone "
            "else, in the directory, search or the API."
        ),
    )


def _translated(form: forms.Form, rules: Mapping[str, TextRule], names: tuple[str, ...]) -> None:
    """Add <field>_es and <field>_en for each of `names`, after the fields, each as long as
    the service's rule for its translations (`rules`) allows."""
    for name in names:
        label, rule = form.fields[name].label, rules[name]
        for lang, in_language in LANGUAGE_LABELS.items():
            copy = _text if rule.multiline else _line
            form.fields[f"{name}_{lang}"] = copy(
                f"{label} ({in_language})",
                rule=rule,
                help_text=_("Leave empty when it is written in this language already."),
            )


class OrganizationForm(forms.Form):
    name = _line(_("Name"), rule=NAME, required=True)
    alternate_name = _line(_("Other name"), rule=OPTIONAL_NAME)
    description = _text(_("Description"), required=True, rows=4)
    email = _email()
    website = _website(_("Website"))
    visibility = _visibility()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _translated(self, TRANSLATED, ("name", "description"))


def _add_hours(form: forms.Form) -> list[str]:
    """HOURS_LINES lines of opening hours (days, opens at, closes at), as a service and a
    business are given them; the names of the fields added."""
    names = []
    for line in range(1, HOURS_LINES + 1):
        form.fields[f"days_{line}"] = forms.MultipleChoiceField(
            label=_("Days (opening hours %(line)s)") % {"line": line},
            required=False,
            choices=Weekday.choices,
            widget=forms.CheckboxSelectMultiple,
        )
        form.fields[f"opens_{line}"] = forms.TimeField(
            label=_("Opens at"),
            required=False,
            widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        )
        form.fields[f"closes_{line}"] = forms.TimeField(
            label=_("Closes at"),
            required=False,
            widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        )
        names += [f"days_{line}", f"opens_{line}", f"closes_{line}"]
    return names


def _hours_initial(hours: list[dict[str, Any]]) -> dict[str, Any]:
    """The lines' initial values from a listing's hours ({"days", "opens_at", "closes_at"})."""
    initial = {}
    for line, given in enumerate(hours[:HOURS_LINES], start=1):
        initial[f"days_{line}"] = given["days"]
        initial[f"opens_{line}"] = given["opens_at"]
        initial[f"closes_{line}"] = given["closes_at"]
    return initial


def _hours_given(data: dict[str, Any]) -> list[Hours]:
    """The lines of opening hours out of the cleaned data (taken out of it)."""
    return [
        Hours(
            days=data.pop(f"days_{line}"),
            opens_at=data.pop(f"opens_{line}"),
            closes_at=data.pop(f"closes_{line}"),
        )
        for line in range(1, HOURS_LINES + 1)
    ]


def _choices_of(terms: list[TermCard]) -> list[tuple[str, str]]:
    return [(str(term.id), term.name) for term in terms]


class ServiceForm(forms.Form):
    organization_id = forms.ChoiceField(label=_("Organisation"))
    name = _line(_("Name"), rule=NAME, required=True)
    alternate_name = _line(_("Other name"), rule=OPTIONAL_NAME)
    description = _text(_("Description"), rows=4)
    status = forms.ChoiceField(label=_("Status"), choices=ServiceStatus.choices)
    visibility = _visibility()
    categories = forms.MultipleChoiceField(
        label=_("Categories"), required=False, widget=forms.CheckboxSelectMultiple
    )
    attributes = forms.MultipleChoiceField(
        label=_("Who runs it and whom it serves"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    eligibility_description = _text(_("Who it is for"))
    application_process = _text(_("How to get it"))
    fees_description = _text(_("About the fees"))
    cost = forms.DecimalField(
        label=_("Cost in euros"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("0 when it is free; leave empty when there is nothing to say."),
    )
    interpretation_services = _text(_("Interpretation"))
    language_codes = forms.MultipleChoiceField(
        label=_("Languages it is offered in"),
        required=False,
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    minimum_age = forms.IntegerField(
        label=_("Minimum age"), required=False, min_value=0, max_value=150
    )
    maximum_age = forms.IntegerField(
        label=_("Maximum age"), required=False, min_value=0, max_value=150
    )
    phones = _text(_("Phone numbers"), rows=2, help_text=_("One a line."))
    url = _website(_("Website"))
    email = _email()
    wait_time = _line(_("Waiting time"))
    alert = _text(
        _("Notice"), help_text=_("A short-term notice shown at the top, such as a closure.")
    )
    location_ids = forms.MultipleChoiceField(
        label=_("Places where it is offered"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: Any,
        organizations: list[tuple[UUID, str]],
        categories: list[Category],
        attributes: list[TermCard],
        locations: list[tuple[UUID, str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choose(self, "organization_id", [(str(pk), name) for pk, name in organizations])
        options = []
        for category in categories:
            options.append((str(category.term.id), category.term.name))
            options += [(str(c.id), f"{category.term.name}: {c.name}") for c in category.children]
        choose(self, "categories", options)
        choose(self, "attributes", _choices_of(attributes))
        shown = dict(Visibility.choices)
        choose(
            self,
            "location_ids",
            [(str(pk), f"{name} ({shown[visibility]})") for pk, name, visibility in locations],
        )
        _translated(
            self,
            SERVICE_TRANSLATED,
            ("name", "description", "eligibility_description", "application_process"),
        )
        _add_hours(self)

    @staticmethod
    def initial_from(values: dict[str, Any]) -> dict[str, Any]:
        """The form's initial data from `review_selectors.service_for_edit`."""
        initial = {k: v for k, v in values.items() if k not in ("hours", "term_ids")}
        initial["organization_id"] = str(values["organization_id"])
        initial["categories"] = initial["attributes"] = [str(t) for t in values["term_ids"]]
        initial["location_ids"] = [str(pk) for pk in values["location_ids"]]
        return {**initial, **_hours_initial(values["hours"])}

    def service_fields(self) -> dict[str, Any]:
        """What save_service takes."""
        data = dict(self.cleaned_data)
        hours = _hours_given(data)
        terms = [*data.pop("categories"), *data.pop("attributes")]
        return {
            **data,
            "organization_id": UUID(data["organization_id"]),
            "term_ids": [UUID(t) for t in terms],
            "location_ids": [UUID(pk) for pk in data.pop("location_ids")],
            "phones": [line.strip() for line in data.pop("phones").splitlines() if line.strip()],
            "hours": hours,
        }


class LocationForm(forms.Form):
    name = _line(_("Name"), rule=NAME, required=True)
    visibility = _visibility()
    location_type = forms.ChoiceField(label=_("Kind of place"), choices=LocationType.choices)
    organization_id = forms.ChoiceField(label=_("Organisation"), required=False)
    area_id = forms.ChoiceField(label=_("Area"), required=False)
    address_1 = _line(_("Street address"), rule=ADDRESS_TEXTS["address_1"])
    address_2 = _line(_("Address, second line"), rule=ADDRESS_TEXTS["address_2"])
    postal_code = _line(_("Postal code"), rule=ADDRESS_TEXTS["postal_code"])
    city = _line(_("City"), rule=ADDRESS_TEXTS["city"])
    state_province = _line(_("Province"), rule=ADDRESS_TEXTS["state_province"])
    country = forms.CharField(
        label=_("Country (two letters)"), required=False, max_length=COUNTRY_LETTERS, initial="ES"
    )
    transportation = _text(_("How to get there, in words"))
    accessibility = _text(_("Accessibility"), help_text=_("Steps, lifts, toilets, quiet spaces …"))
    description = _text(_("Description"))
    url = _website(_("Web address (online places)"))

    def __init__(
        self,
        *args: Any,
        organizations: list[tuple[UUID, str]],
        areas: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choose(
            self,
            "organization_id",
            [
                ("", _("None")),
                *((str(pk), n) for pk, n in organizations),
            ],
        )
        choose(self, "area_id", [("", _("None")), *((str(pk), n) for pk, n in areas)])
        _translated(self, LOCATION_TRANSLATED, ("name", "transportation"))

    def location_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["organization_id"] = UUID(data["organization_id"]) if data["organization_id"] else None
        data["area_id"] = int(data["area_id"]) if data["area_id"] else None
        return data


class BusinessForm(forms.Form):
    name = _line(_("Name"), rule=BUSINESS_TEXTS["name"], required=True)
    kind = forms.ChoiceField(label=_("Kind of business"), choices=BusinessKind.choices)
    visibility = _visibility()
    description = _text(_("Description"), rule=BUSINESS_TEXTS["description"], rows=4)
    address = _line(_("Address"), rule=BUSINESS_TEXTS["address"])
    directions = _text(
        _("How to get there, in words"),
        rule=BUSINESS_TEXTS["directions"],
        help_text=_("The nearest stop, which door, which floor …"),
    )
    area_id = forms.ChoiceField(label=_("Area"), required=False)
    hours_note = _text(
        _("About the opening hours"),
        rule=BUSINESS_TEXTS["hours_note"],
        rows=2,
        help_text=_("What the lines of hours do not say, such as “closed in August”."),
    )
    phone = _line(_("Phone"), rule=BUSINESS_TEXTS["phone"])
    website = _website(_("Website"))
    fitting_rooms = _text(_("Fitting rooms and toilets"))
    names_used = _text(
        _("Names and pronouns"), help_text=_("Do staff use the name and pronouns people give?")
    )
    staff_trained = _text(_("Staff training"))
    pledge_accepted_on = _date(_("Pledge accepted on"))
    visited_on = _date(_("Visited by an organiser on"))

    def __init__(self, *args: Any, areas: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        given = {k: v for k, v in self.initial.items() if k != "hours"}
        self.initial = {**given, **_hours_initial(self.initial.get("hours", []))}
        choose(self, "area_id", [("", _("None")), *((str(pk), n) for pk, n in areas)])
        _translated(
            self,
            BUSINESS_TRANSLATED,
            (
                "name",
                "description",
                "directions",
                "hours_note",
                "fitting_rooms",
                "names_used",
                "staff_trained",
            ),
        )
        # The lines of opening hours just before the note about them.
        hours = _add_hours(self)
        self.order_fields(
            [*list(self.fields)[: list(self.fields).index("hours_note")], *hours, "hours_note"]
        )

    def business_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["area_id"] = int(data["area_id"]) if data["area_id"] else None
        data["hours"] = _hours_given(data)
        return data


class StandingForm(forms.Form):
    standing = forms.ChoiceField(
        label=_("What to do"),
        choices=[
            (Standing.WARNED, _("Warn the business (it stays listed)")),
            (Standing.SUSPENDED, _("Suspend the listing")),
            (Standing.REVOKED, _("Revoke the listing")),
            (Standing.LISTED, _("List it again")),
        ],
        widget=forms.RadioSelect,
    )
    note = _text(
        _("Note for organisers"),
        rule=NOTE,
        help_text=_("What happened and what the business was told. Only organisers read it."),
    )
