"""The aid board's forms for members: a request, an offer, the board's filters, a message in a
thread, contact details, offering help and the follow-up's answer. They check shape only; the
rules and limits live in tejido.aid (rules.py and the services). Days and times are in the
member's time zone."""

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tejido.accounts.choices import LANGUAGE_CHOICES
from tejido.aid import rules
from tejido.aid.models import Category, Urgency, Visibility
from tejido.aid.selectors import MAX_QUERY_LENGTH, BoardFilters
from tejido.network.models import Area

# Time windows a form offers (the service takes up to rules.MAX_WINDOWS).
WINDOWS = 3
DEFAULT_VISIBILITY = ""


def _text(label: Any, max_length: int, *, rows: int = 4, **options: Any) -> forms.CharField:
    options.setdefault("required", False)
    return forms.CharField(
        label=label, max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}), **options
    )


def _day(label: Any, **options: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        **options,
    )


def _hour(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )


def _local(day: date, hour: time) -> datetime:
    return datetime.combine(
        day, hour.replace(second=0, microsecond=0), timezone.get_current_timezone()
    )


def _area_field() -> forms.ModelChoiceField[Area]:
    return forms.ModelChoiceField(
        label=_("Area (optional)"),
        queryset=None,
        required=False,
        empty_label=_("No area"),
        help_text=_("Roughly where: never an address."),
    )


def _languages() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class BoardItemForm(forms.Form):
    """What requests and offers share: the kind of help, words, area, languages, when and
    until when."""

    category = forms.ChoiceField(label=_("Kind of help"), choices=Category.choices)
    title = forms.CharField(label=_("In a few words"), max_length=rules.TITLE_MAX)
    description = _text(_("More about it (optional)"), rules.TEXT_MAX, rows=5)
    area = _area_field()
    languages = _languages()
    expires_on = _day(
        _("Open until (optional)"),
        help_text=_("After this day it leaves the board. Leave empty for the usual time."),
    )

    def __init__(self, *args: Any, areas: QuerySet[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas  # type: ignore[attr-defined]
        for n in range(1, WINDOWS + 1):
            self.fields[f"window_{n}_day"] = _day(_("Day %(n)s (optional)") % {"n": n})
            self.fields[f"window_{n}_from"] = _hour(_("From"))
            self.fields[f"window_{n}_to"] = _hour(_("To"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        windows = []
        for n in range(1, WINDOWS + 1):
            parts = [data.get(f"window_{n}_{part}") for part in ("day", "from", "to")]
            if not any(parts):
                continue
            day, start, end = parts
            if day is None or start is None or end is None:
                self.add_error(f"window_{n}_day", _("Give the day, the start and the end."))
                continue
            windows.append((_local(day, start), _local(day, end)))
        data["windows"] = windows
        expires_on = data.get("expires_on")
        data["expires_at"] = _local(expires_on, time(23, 59)) if expires_on is not None else None
        return data

    def board_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {name: data.get(name) for name in ("category", "title", "description", "area")}
        fields["languages"] = list(data.get("languages") or ())
        fields["windows"] = data["windows"]
        fields["expires_at"] = data["expires_at"]
        return fields

    @staticmethod
    def initial_board_fields(item: Any) -> dict[str, Any]:
        zone = timezone.get_current_timezone()
        initial = {
            "category": item.category,
            "title": item.title,
            "description": item.description,
            "area": item.area_id,
            "languages": list(item.languages or ()),
            "expires_on": item.expires_at.astimezone(zone).date(),
        }
        for n, (start, end) in enumerate(item.windows or (), start=1):
            if n > WINDOWS:
                break
            begins = datetime.fromisoformat(start).astimezone(zone)
            ends = datetime.fromisoformat(end).astimezone(zone)
            initial[f"window_{n}_day"] = begins.date()
            initial[f"window_{n}_from"] = begins.time()
            initial[f"window_{n}_to"] = ends.time()
        return initial


class RequestForm(BoardItemForm):
    urgency = forms.ChoiceField(
        label=_("How soon"), choices=Urgency.choices, widget=forms.RadioSelect, initial="week"
    )
    visibility = forms.ChoiceField(
        label=_("Who can see it"),
        choices=[
            (
                DEFAULT_VISIBILITY,
                _(
                    "As usual for this kind of help: organisers only for housing, legal advice, "
                    "health care, mental health and money; all vetted members otherwise"
                ),
            ),
            *Visibility.choices,
        ],
        required=False,
        widget=forms.RadioSelect,
        initial=DEFAULT_VISIBILITY,
    )
    anonymous = forms.BooleanField(
        label=_("Hide my name from other members (the organisers still know it is me)"),
        required=False,
    )
    amount = forms.DecimalField(
        label=_("Amount (money requests only)"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
    )
    purpose = _text(_("What the money is for (money requests only)"), rules.PURPOSE_MAX, rows=2)
    field_order = [
        "category",
        "title",
        "description",
        "urgency",
        "visibility",
        "anonymous",
        "amount",
        "purpose",
    ]

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = self.board_fields()
        fields["urgency"] = data.get("urgency")
        fields["anonymous"] = bool(data.get("anonymous"))
        fields["amount"] = data.get("amount")
        fields["purpose"] = data.get("purpose") or ""
        if data.get("visibility"):
            fields["visibility"] = data["visibility"]
        return fields

    @classmethod
    def initial_for(cls, request: Any) -> dict[str, Any]:
        return {
            **cls.initial_board_fields(request),
            "urgency": request.urgency,
            "visibility": request.visibility,
            "anonymous": request.anonymous,
            "amount": request.amount,
            "purpose": request.purpose,
        }


class OfferForm(BoardItemForm):
    visibility = forms.ChoiceField(
        label=_("Who can see it"),
        choices=[
            (Visibility.MEMBERS, _("All vetted members")),
            (Visibility.ORGANISERS, _("Organisers only: they match me with requests")),
        ],
        widget=forms.RadioSelect,
        initial=Visibility.MEMBERS,
    )
    field_order = ["category", "title", "description", "visibility"]

    def service_fields(self) -> dict[str, Any]:
        return {**self.board_fields(), "visibility": self.cleaned_data["visibility"]}

    @classmethod
    def initial_for(cls, offer: Any) -> dict[str, Any]:
        return {**cls.initial_board_fields(offer), "visibility": offer.visibility}


class BoardFilterForm(forms.Form):
    """The board's filters. A value that is not one of the choices is left out of the filter
    (the rest still applies), never an error page."""

    q = forms.CharField(label=_("Words"), required=False, max_length=MAX_QUERY_LENGTH)
    category = forms.ChoiceField(
        label=_("Kind of help"), required=False, choices=[("", _("Any kind")), *Category.choices]
    )
    area = forms.TypedChoiceField(label=_("Area"), required=False, coerce=int, empty_value=None)
    urgency = forms.ChoiceField(
        label=_("How soon"), required=False, choices=[("", _("Any time")), *Urgency.choices]
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("Any language")), *LANGUAGE_CHOICES],
    )

    def __init__(self, *args: Any, areas: QuerySet[Area], urgency: bool = True, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [  # type: ignore[attr-defined]
            ("", _("Any area")),
            *((area.pk, area.name) for area in areas),
        ]
        if not urgency:
            del self.fields["urgency"]

    def filters(self) -> BoardFilters:
        """What was asked for, each wrong value left out."""
        self.is_valid()
        data = self.cleaned_data
        return BoardFilters(
            category=data.get("category") or "",
            area=data.get("area"),
            urgency=data.get("urgency") or "",
            language=data.get("language") or "",
            query=(data.get("q") or "").strip(),
        )


class MessageForm(forms.Form):
    body = _text(_("Your message"), rules.MESSAGE_MAX, rows=4, required=True)


class HelpForm(forms.Form):
    message = _text(
        _("A few words for the person asking (optional)"),
        rules.MESSAGE_MAX,
        rows=4,
        help_text=_("Say how and when you could help. Only they (and no one else) read it."),
    )


class ContactForm(forms.Form):
    contact = forms.CharField(
        label=_("How they can reach you"),
        max_length=rules.CONTACT_MAX,
        required=False,
        help_text=_(
            "A phone number, a messaging app or anything you choose. The other side sees it "
            "only once they share theirs too. Leave empty to stop sharing."
        ),
    )


class FollowUpForm(forms.Form):
    happened = forms.TypedChoiceField(
        label=_("Did the help happen?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    feedback = _text(
        _("Anything you want the organisers to know (optional)"),
        rules.FEEDBACK_MAX,
        rows=4,
        help_text=_("Only the organisers read this, not the other side."),
    )
