"""The forms of circles' sessions: a facilitator's session series, and a note about a member.
Shapes only; the rules are in tejido.support."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.gatherings.event_services import EVENT_TEXT_RULES
from tejido.gatherings.models import Event
from tejido.support.note_services import NOTE_RULE
from tejido.web.forms.events import EventTimesForm

FREQUENCIES = (("weekly", _("Every week")), ("fortnightly", _("Every two weeks")))


def _max(name: str) -> int:
    """A session series is a gatherings event: its texts are as long as an event's."""
    return EVENT_TEXT_RULES[name].max_length


class SessionSeriesForm(EventTimesForm):
    title_es = forms.CharField(
        label=_("Title in Spanish"), max_length=_max("title_es"), required=False
    )
    title_en = forms.CharField(
        label=_("Title in English"), max_length=_max("title_en"), required=False
    )
    frequency = forms.ChoiceField(
        label=_("Repeats"), choices=FREQUENCIES, widget=forms.RadioSelect, initial="weekly"
    )
    mode = forms.ChoiceField(
        label=_("Where"), choices=Event.Mode.choices, widget=forms.RadioSelect, initial="in_person"
    )
    address = forms.CharField(
        label=_("Exact address (optional)"),
        required=False,
        max_length=_max("address"),
        help_text=_("Shown only to confirmed attendees, shortly before each session."),
    )
    call_link = forms.CharField(
        label=_("Call link (optional)"),
        required=False,
        max_length=_max("call_link"),
        help_text=_("Shown only to confirmed attendees, shortly before each session."),
    )
    reveal_hours = forms.IntegerField(
        label=_("Hours before the start the place is shown"),
        min_value=0,
        max_value=24 * 28,
        initial=24,
    )

    def series_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = ("title_es", "title_en", "mode", "address", "call_link", "reveal_hours")
        return {
            **{name: data[name] for name in names},
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
        }


class NoteForm(forms.Form):
    place = forms.TypedChoiceField(label=_("Who it is about"), coerce=int)
    text = forms.CharField(
        label=_("Note"),
        max_length=NOTE_RULE.max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Only this circle's facilitators can read it. It is deleted after the circle's "
            "retention period."
        ),
    )

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = members  # type: ignore[attr-defined]
