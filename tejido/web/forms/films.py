"""The forms of film nights. They check shape only; the rules and the limits live in
tejido.gatherings.film_services."""

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tejido.access.films import FilmCard
from tejido.accounts.choices import LANGUAGE_CHOICES
from tejido.gatherings.film_choices import REPRESENTATION_CHOICES
from tejido.gatherings.film_services import (
    CONTENT_NOTES_MAX,
    FILM_TITLE_MAX,
    FIRST_YEAR,
    LAST_YEAR,
    MAX_RUNTIME,
    POLL_TITLE_MAX,
)
from tejido.groups.models import Group


class FilmForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=FILM_TITLE_MAX)
    year = forms.IntegerField(
        label=_("Year (optional)"), required=False, min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    original_language = forms.ChoiceField(
        label=_("Original language (optional)"),
        required=False,
        choices=[("", _("Not known")), *LANGUAGE_CHOICES],
    )
    subtitle_languages = forms.MultipleChoiceField(
        label=_("Subtitles available (optional)"),
        required=False,
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    runtime_minutes = forms.IntegerField(
        label=_("Runtime in minutes (optional)"), required=False, min_value=1, max_value=MAX_RUNTIME
    )
    content_notes = forms.CharField(
        label=_("Content notes (optional)"),
        required=False,
        max_length=CONTENT_NOTES_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What someone may want to know before watching: violence, transphobia, "
            "homophobia, self-harm, and so on."
        ),
    )
    representation = forms.MultipleChoiceField(
        label=_("Who it shows (optional)"),
        required=False,
        choices=REPRESENTATION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )


class FilmFilterForm(forms.Form):
    representation = forms.ChoiceField(
        label=_("Showing"), required=False, choices=[("", _("Any")), *REPRESENTATION_CHOICES]
    )
    language = forms.ChoiceField(
        label=_("In or subtitled in"),
        required=False,
        choices=[("", _("Any language")), *LANGUAGE_CHOICES],
    )


class PollForm(forms.Form):
    title_es = forms.CharField(label=_("Title in Spanish"), max_length=POLL_TITLE_MAX)
    title_en = forms.CharField(
        label=_("Title in English (optional)"),
        max_length=POLL_TITLE_MAX,
        required=False,
        help_text=_("Members reading in English see the Spanish title when this is empty."),
    )
    group: forms.ModelChoiceField[Group] = forms.ModelChoiceField(
        label=_("For"), queryset=None, required=False, empty_label=_("The whole network")
    )
    closes_at = forms.DateTimeField(
        label=_("Voting closes"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    films = forms.TypedMultipleChoiceField(
        label=_("Films to choose from"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members can propose more films from the list while the poll is open."),
    )

    def __init__(
        self,
        *args: Any,
        groups: QuerySet[Group],
        network: bool,
        films: list[FilmCard],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        group_field = self.fields["group"]
        assert isinstance(group_field, forms.ModelChoiceField)
        group_field.queryset = groups
        if not network:
            group_field.required = True
            group_field.empty_label = None
        films_field = self.fields["films"]
        assert isinstance(films_field, forms.TypedMultipleChoiceField)
        films_field.choices = [(card.id, _film_label(card)) for card in films]


def _film_label(card: FilmCard) -> str:
    return f"{card.title} ({card.year})" if card.year else card.title


class VoteForm(forms.Form):
    option = forms.TypedChoiceField(
        label=_("Your vote"), coerce=int, widget=forms.RadioSelect, choices=()
    )

    def __init__(self, *args: Any, options: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["option"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = options


class ProposeForm(forms.Form):
    film = forms.TypedChoiceField(label=_("Film from the list"), coerce=int, choices=())

    def __init__(self, *args: Any, films: list[FilmCard], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["film"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(card.id, _film_label(card)) for card in films]


class FilmNightForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(
        label=_("Ends"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("An end earlier than the start is on the next day."),
    )

    def moments(self) -> tuple[datetime, datetime]:
        """The start and end in the member's time zone; an end before the start is the next
        day's (a late screening)."""
        day: date = self.cleaned_data["day"]
        zone = timezone.get_current_timezone()
        starts = datetime.combine(day, self.cleaned_data["starts"], tzinfo=zone)
        end_time: time = self.cleaned_data["ends"]
        ends = datetime.combine(day, end_time, tzinfo=zone)
        if ends <= starts:
            ends = datetime.combine(day + timedelta(days=1), end_time, tzinfo=zone)
        return starts, ends
