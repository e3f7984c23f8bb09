"""The forms of those who run gatherings: making or editing an event (the whole series, or one
date and those after it), moving one date, the hosts' message, naming a host. They check shape
only; the rules and the limits live in tejido.gatherings.event_services."""

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tejido.accounts.choices import LANGUAGE_CHOICES
from tejido.gatherings import recurrence
from tejido.gatherings.event_services import (
    EVENT_TEXT_RULES,
    HOURS,
    MAX_MESSAGE,
    MAX_SEATS,
    TEXT_MAX,
    TITLE_MAX,
)
from tejido.gatherings.models import Event, Host, Occurrence
from tejido.gatherings.models.events import (
    DEFAULT_OFFER_HOURS,
    DEFAULT_REMINDER_HOURS,
    DEFAULT_REVEAL_HOURS,
)
from tejido.network.models import Area

MAX_IMAGE_BYTES = 10 * 1024 * 1024
# The form's names for the dates, and the service's.
DATE_FIELDS = {"starts_at": "start_date", "ends_at": "end_date", "repeats": "repeats"}


def _text(label: Any, max_length: int, rows: int = 4, **options: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        **options,
    )


def _hours(label: Any, field: str, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=HOURS[field], help_text=help_text)


def _date(label: Any) -> forms.DateField:
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )


def _time(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )


def _moment(day: date, hour: time, zone: str) -> datetime:
    return datetime.combine(day, hour.replace(second=0, microsecond=0), ZoneInfo(zone))


class EventTimesForm(forms.Form):
    """When one date (or the first date of a series) starts and ends, in the event's zone."""

    start_date = _date(_("Start date"))
    start_time = _time(_("Start time"))
    end_date = _date(_("End date"))
    end_time = _time(_("End time"))

    def __init__(self, *args: Any, zone: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone or settings.TIME_ZONE
        note = _("In the time zone %(zone)s.") % {"zone": self.zone}
        for name in ("start_time", "end_time"):
            self.fields[name].help_text = note

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        parts = ("start_date", "start_time", "end_date", "end_time")
        if all(data.get(name) is not None for name in parts):
            data["starts_at"] = _moment(data["start_date"], data["start_time"], self.zone)
            data["ends_at"] = _moment(data["end_date"], data["end_time"], self.zone)
        return data

    @staticmethod
    def initial_times(starts_at: datetime, ends_at: datetime, zone: str) -> dict[str, Any]:
        start, end = starts_at.astimezone(ZoneInfo(zone)), ends_at.astimezone(ZoneInfo(zone))
        return {
            "start_date": start.date(),
            "start_time": start.time().replace(second=0, microsecond=0),
            "end_date": end.date(),
            "end_time": end.time().replace(second=0, microsecond=0),
        }


class EventForm(EventTimesForm):
    """Everything about an event. `groups` are those the viewer may make it for; `network`
    says whether they may make it for the whole network (no group). Editing leaves the group
    out: an event stays where it was made."""

    kind = forms.ChoiceField(label=_("Kind of gathering"), choices=Event.Kind.choices)
    title_es = forms.CharField(label=_("Title in Spanish"), max_length=TITLE_MAX, required=False)
    title_en = forms.CharField(
        label=_("Title in English"),
        max_length=TITLE_MAX,
        required=False,
        help_text=_("Give a title in one language or both."),
    )
    description_es = _text(_("Description in Spanish (optional)"), TEXT_MAX, rows=6)
    description_en = _text(_("Description in English (optional)"), TEXT_MAX, rows=6)
    group: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Group"), queryset=None, required=False
    )
    visibility = forms.ChoiceField(
        label=_("Who can see it"),
        # A circle's sessions are made by its facilitators on the circle's pages.
        choices=[c for c in Event.Visibility.choices if c[0] != Event.Visibility.CIRCLE],
        widget=forms.RadioSelect,
    )
    repeats = forms.ChoiceField(
        label=_("Repeats"),
        choices=recurrence.FREQUENCIES,
        required=False,
        help_text=_(
            "A series follows the first date: for “the first Friday of every month”, start "
            "on a first Friday and choose “Every month, on the same weekday”."
        ),
    )
    repeat_count = forms.IntegerField(
        label=_("Number of times (optional)"),
        min_value=1,
        max_value=recurrence.MAX_AHEAD,
        required=False,
    )
    repeat_until = forms.DateField(
        label=_("Until this date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave both empty for a series that goes on."),
    )
    mode = forms.ChoiceField(label=_("Where"), choices=Event.Mode.choices, widget=forms.RadioSelect)
    area: forms.ModelChoiceField[Area] = forms.ModelChoiceField(
        label=_("Area (optional)"), queryset=None, required=False, empty_label=_("No area")
    )
    address = _text(
        _("Exact address (optional)"),
        EVENT_TEXT_RULES["address"].max_length,
        rows=2,
        help_text=_("Shown only to confirmed attendees, from the hours you choose below."),
    )
    call_link = forms.CharField(
        label=_("Call link (optional)"),
        max_length=EVENT_TEXT_RULES["call_link"].max_length,
        required=False,
        help_text=_("For online gatherings; shown like the address."),
    )
    reveal_hours = _hours(
        _("Hours before the start the place is shown"),
        "reveal_hours",
        _("Confirmed attendees see the address and the call link from then on."),
    )
    capacity = forms.IntegerField(
        label=_("Seats (optional)"),
        min_value=1,
        max_value=MAX_SEATS,
        required=False,
        help_text=_("Leave empty for no limit; when full, members join a waitlist."),
    )
    promotion = forms.ChoiceField(
        label=_("When a seat frees"), choices=Event.Promotion.choices, widget=forms.RadioSelect
    )
    offer_hours = _hours(_("Hours a freed seat is offered"), "offer_hours")
    needs_approval = forms.BooleanField(label=_("Hosts approve each RSVP"), required=False)
    attendee_list = forms.ChoiceField(
        label=_("Who sees who is going"),
        choices=Event.AttendeeList.choices,
        widget=forms.RadioSelect,
    )
    reminder_hours = _hours(_("Hours before the start a reminder is sent"), "reminder_hours")
    step_free = forms.BooleanField(label=_("Step-free access"), required=False)
    accessible_toilet = forms.BooleanField(label=_("Accessible toilet"), required=False)
    quiet_room = forms.BooleanField(label=_("Quiet room"), required=False)
    sign_language = forms.BooleanField(label=_("Sign language"), required=False)
    captions = forms.BooleanField(label=_("Captions"), required=False)
    content_notes = _text(
        _("Content notes (optional)"),
        EVENT_TEXT_RULES["content_notes"].max_length,
        rows=3,
        help_text=_("What people may want to know before they come."),
    )
    age_min = forms.IntegerField(
        label=_("Minimum age (optional)"), min_value=0, max_value=120, required=False
    )
    age_max = forms.IntegerField(
        label=_("Maximum age (optional)"), min_value=0, max_value=120, required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    image = forms.FileField(
        label=_("Picture (optional)"),
        required=False,
        help_text=_(
            "A JPEG, PNG or WebP image. Tejido removes its hidden data (such as where it was "
            "taken) before keeping it."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_description = forms.CharField(
        label=_("Picture description (optional)"),
        max_length=EVENT_TEXT_RULES["image_description"].max_length,
        required=False,
        help_text=_("For those who use a screen reader: what the picture shows."),
    )
    discussion_guide = _text(
        _("Discussion guide (optional)"),
        TEXT_MAX,
        rows=4,
        help_text=_("Questions for after a film: attendees see them once the film is over."),
    )

    DEFAULTS: dict[str, Any] = {
        "kind": Event.Kind.SOCIAL,
        "visibility": Event.Visibility.NETWORK,
        "mode": Event.Mode.IN_PERSON,
        "promotion": Event.Promotion.AT_ONCE,
        "attendee_list": Event.AttendeeList.HOSTS,
        "reveal_hours": DEFAULT_REVEAL_HOURS,
        "offer_hours": DEFAULT_OFFER_HOURS,
        "reminder_hours": DEFAULT_REMINDER_HOURS,
    }
    field_order = [
        "kind",
        "title_es",
        "title_en",
        "description_es",
        "description_en",
        "group",
        "visibility",
        "start_date",
        "start_time",
        "end_date",
        "end_time",
        "repeats",
        "repeat_count",
        "repeat_until",
    ]

    def __init__(
        self,
        *args: Any,
        groups: QuerySet[Any] | None,
        network: bool,
        areas: QuerySet[Area],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", dict(self.DEFAULTS))
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        if groups is None:
            del self.fields["group"]
        else:
            group = self.fields["group"]
            group.queryset = groups  # type: ignore[attr-defined]
            group.required = not network
            group.empty_label = _("None: a gathering of the whole network") if network else None  # type: ignore[attr-defined]

    def clean_image(self) -> Any:
        upload = self.cleaned_data.get("image")
        if upload and upload.size > MAX_IMAGE_BYTES:
            raise forms.ValidationError(_("The picture is too large: at most 10 MB."))
        return upload or None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("repeat_count") and data.get("repeat_until"):
            self.add_error("repeat_until", _("Choose a number of times or an end date, not both."))
        if data.get("repeat_until"):
            data["repeat_until_at"] = _moment(data["repeat_until"], time(23, 59, 59), self.zone)
        return data

    def service_fields(self, *, dates: bool = True) -> dict[str, Any]:
        """The cleaned data in the services' words (without the picture itself). `dates=False`
        leaves the dates and the repetition out, for an edit that does not change them."""
        data = dict(self.cleaned_data)
        fields = {
            name: data[name]
            for name in self.fields
            if name
            not in (
                "start_date",
                "start_time",
                "end_date",
                "end_time",
                "repeats",
                "repeat_count",
                "repeat_until",
                "image",
                "scope",
            )
        }
        if dates:
            fields.update(
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                repeats=data.get("repeats") or "",
                repeat_count=data.get("repeat_count"),
                repeat_until=data.get("repeat_until_at"),
            )
        return fields

    @property
    def dates_changed(self) -> bool:
        return any(
            name in self.changed_data
            for name in (
                "start_date",
                "start_time",
                "end_date",
                "end_time",
                "repeats",
                "repeat_count",
                "repeat_until",
            )
        )

    @staticmethod
    def initial_for(event: Event) -> dict[str, Any]:
        names = set(EventForm.base_fields) - {
            "start_date",
            "start_time",
            "end_date",
            "end_time",
            "repeats",
            "repeat_count",
            "repeat_until",
            "image",
            "group",
        }
        initial = {name: getattr(event, name) for name in names}
        initial.update(
            EventTimesForm.initial_times(event.starts_at, event.ends_at, event.time_zone)
        )
        rule = dict(p.split("=", 1) for p in event.recurrence.split(";") if "=" in p)
        initial["repeats"] = recurrence.frequency_of(event.recurrence)
        initial["repeat_count"] = int(rule["COUNT"]) if rule.get("COUNT", "").isdigit() else None
        until = rule.get("UNTIL", "")
        initial["repeat_until"] = (
            datetime.strptime(until[:8], "%Y%m%d").date() if until[:8].isdigit() else None
        )
        return initial


SCOPE_THIS = "this"
SCOPE_FOLLOWING = "following"


class OccurrenceEditForm(EventForm):
    """One date of a series: only its times, or it and those after it (the whole form)."""

    scope = forms.ChoiceField(
        label=_("What to change"),
        choices=[
            (SCOPE_THIS, _("Only this date (its times only)")),
            (SCOPE_FOLLOWING, _("This date and the following ones")),
        ],
        widget=forms.RadioSelect,
        initial=SCOPE_THIS,
    )
    field_order = ["scope", *EventForm.field_order]

    @staticmethod
    def initial_for_occurrence(occurrence: Occurrence) -> dict[str, Any]:
        event = occurrence.event
        initial = EventForm.initial_for(event)
        initial.update(
            EventTimesForm.initial_times(occurrence.starts_at, occurrence.ends_at, event.time_zone)
        )
        initial["scope"] = SCOPE_THIS
        if initial.get("repeat_count"):
            # "This date and the following ones" carries on with the dates that are left.
            before = recurrence.dates(
                event.recurrence,
                event.starts_at,
                event.ends_at,
                event.time_zone,
                after=event.starts_at,
                until=occurrence.original_start - timedelta(seconds=1),
            )
            initial["repeat_count"] = max(initial["repeat_count"] - len(list(before)), 1)
        return initial


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=MAX_MESSAGE,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Everyone with a confirmed seat gets it as a notification."),
    )


class HostForm(forms.Form):
    """Name a co-host or facilitator: one of the confirmed attendees, or a member's number."""

    member = forms.TypedChoiceField(
        label=_("Confirmed attendee"), coerce=int, required=False, empty_value=None
    )
    member_id = forms.IntegerField(
        label=_("Or a member's number"),
        min_value=1,
        required=False,
        help_text=_("The number at the end of the address of their profile page."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Host.Role.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, candidates: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        member = self.fields["member"]
        member.choices = [("", _("Choose…")), *candidates]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("member") or data.get("member_id")
        if not chosen and not self.errors:
            raise forms.ValidationError(_("Choose an attendee or give a member's number."))
        data["chosen"] = chosen
        return data
