"""The forms of a member's own profile and settings. They check shape only; the rules live in
tejido.accounts.services (update_profile, update_settings)."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tejido.accounts.choices import (
    ALLERGEN_CHOICES,
    DIET_CHOICES,
    LANGUAGE_CHOICES,
    PRONOUN_PRESETS,
    TIME_ZONE_CHOICES,
)
from tejido.accounts.models import Audience, Profile
from tejido.accounts.services import AUDIENCE_FIELDS, PROFILE_TEXT_FIELDS, PROFILE_TEXT_RULES
from tejido.core.errors import DomainError
from tejido.web.forms.errors import add_domain_error

CUSTOM_PRONOUNS = "custom"


def _max(name: str) -> int:
    return PROFILE_TEXT_RULES[name].max_length


def _audience(label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=Audience.choices)


def _text(label: Any, name: str, help_text: Any = "", rows: int = 2) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=_max(name),
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ProfileForm(forms.Form):
    """Each profile field, followed by the select of who may see it, in the order the page
    groups them (about you; where and how you take part; needs), so that the error summary
    reads in the page's order."""

    chosen_name = forms.CharField(
        label=_("Chosen name"),
        max_length=_max("chosen_name"),
        help_text=_(
            "The name you want to be called. We never ask for a legal name. Every member "
            "who can see you sees this name, and a new name shows everywhere at once."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    pronouns_preset = forms.ChoiceField(
        label=_("Pronouns"),
        required=False,
        choices=[
            ("", _("Not set")),
            *((text, text) for text in PRONOUN_PRESETS),
            (CUSTOM_PRONOUNS, _("In my own words (write them below)")),
        ],
    )
    pronouns_custom = forms.CharField(
        label=_("Pronouns in your own words"),
        required=False,
        max_length=_max("pronouns"),
        help_text=_("Used when you choose “In my own words” above."),
    )
    pronouns_audience = _audience(_("Who can see your pronouns"))
    bio = _text(_("About me"), "bio", rows=3)
    bio_audience = _audience(_("Who can see “About me”"))
    identity_tags = _text(
        _("Identity (optional)"),
        "identity_tags",
        _("Words you use for yourself, only if you want to. Only you see them unless you choose."),
    )
    identity_tags_audience = _audience(_("Who can see your identity"))
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        required=False,
        choices=LANGUAGE_CHOICES,
        # "choices" lays the boxes out in columns of large tap targets (tejido.css).
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
    )
    languages_audience = _audience(_("Who can see your languages"))
    area = forms.ChoiceField(
        label=_("Area"),
        required=False,
        help_text=_("A neighbourhood or town, never your address. Organisers keep this list."),
    )
    area_audience = _audience(_("Who can see your area"))
    interests = _text(_("Interests"), "interests")
    interests_audience = _audience(_("Who can see your interests"))
    skills = _text(
        _("Skills"), "skills", _("Things you could help others with, if you want to share them.")
    )
    skills_audience = _audience(_("Who can see your skills"))
    accessibility_needs = _text(
        _("Accessibility needs"),
        "accessibility_needs",
        _("What helps you take part, so organisers can plan for it."),
    )
    accessibility_needs_audience = _audience(_("Who can see your accessibility needs"))
    dietary_needs = _text(
        _("Dietary needs"),
        "dietary_needs",
        _("For potlucks and shared meals: allergies, diets, things you avoid."),
    )
    dietary_needs_audience = _audience(_("Who can see your dietary needs"))
    # Shown to the dietary needs' audience; a potluck's cooks count them without names.
    diet = forms.MultipleChoiceField(
        label=_("Diet"),
        required=False,
        choices=DIET_CHOICES,
        help_text=_(
            "Seen by the same people as your dietary needs. At a potluck, its cooks see how "
            "many attendees eat this way, never who."
        ),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
    )
    allergies = forms.MultipleChoiceField(
        label=_("Allergies and intolerances"),
        required=False,
        choices=ALLERGEN_CHOICES,
        help_text=_(
            "Seen by the same people as your dietary needs. At a potluck, its cooks see how "
            "many attendees must avoid each, never who."
        ),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
    )

    def __init__(self, *args: Any, areas: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [  # type: ignore[attr-defined]
            ("", _("Not set")),
            *((str(area.pk), area.name) for area in areas),
        ]

    @staticmethod
    def initial_from(profile: Profile | None) -> dict[str, Any]:
        """The form's starting values from the member's saved profile."""
        if profile is None:
            return {}
        initial: dict[str, Any] = {
            name: getattr(profile, name)
            for name in (*PROFILE_TEXT_FIELDS, "languages", "diet", "allergies", *AUDIENCE_FIELDS)
        }
        initial["area"] = str(profile.area_id) if profile.area_id else ""
        if profile.pronouns in PRONOUN_PRESETS or not profile.pronouns:
            initial["pronouns_preset"] = profile.pronouns
        else:
            initial["pronouns_preset"] = CUSTOM_PRONOUNS
            initial["pronouns_custom"] = profile.pronouns
        return initial

    def _chosen(self, name: str) -> list[str]:
        return [str(box.choice_label) for box in self[name] if box.data["selected"]]

    @property
    def chosen_languages(self) -> list[str]:
        """The names of the ticked languages, for the summary the boxes fold behind."""
        return self._chosen("languages")

    @property
    def chosen_diet(self) -> list[str]:
        return self._chosen("diet")

    @property
    def chosen_allergies(self) -> list[str]:
        return self._chosen("allergies")

    def changes(self) -> dict[str, Any]:
        """The cleaned data in the shape `update_profile` takes."""
        data = dict(self.cleaned_data)
        preset = data.pop("pronouns_preset")
        custom = data.pop("pronouns_custom")
        data["pronouns"] = custom if preset == CUSTOM_PRONOUNS else preset
        data["area"] = data["area"] or None
        return data

    def add_domain_error(self, error: DomainError) -> None:
        """Show a service's InvalidInput on the fields it names."""
        add_domain_error(self, error, fields={"pronouns": "pronouns_custom"})


class SettingsForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("Pages and emails reach you in this language."),
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("Dates and times on the site and in emails are shown in this time zone."),
    )
    discreet_mode = forms.BooleanField(
        label=_("Discreet mode"),
        required=False,
        help_text=_(
            "For a shared phone or computer, or an inbox someone else may read: the browser "
            "tab shows a neutral title and icon, and our emails come from a neutral sender "
            "with neutral subjects that do not name the network."
        ),
    )

    def __init__(self, *args: Any, current_time_zone: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = list(TIME_ZONE_CHOICES)
        if current_time_zone and current_time_zone not in dict(choices):
            choices.insert(0, (current_time_zone, current_time_zone))
        self.fields["time_zone"].choices = choices  # type: ignore[attr-defined]

    def add_domain_error(self, error: DomainError) -> None:
        add_domain_error(self, error)
