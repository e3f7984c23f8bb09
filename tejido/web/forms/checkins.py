"""Check-ins' forms: how many weeks, a snooze, taking a check-in with its first words, and
the organisers' search for team members. They check shape only; the rules live in
tejido.checkins."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from tejido.accounts.selectors import MAX_QUERY_LENGTH
from tejido.buddies.threads import MESSAGE_MAX
from tejido.checkins.models import DEFAULT_WEEKS, MAX_WEEKS, MIN_WEEKS, SNOOZE_WEEKS


def _weeks(numbers: range | tuple[int, ...]) -> list[tuple[int, str]]:
    return [(n, ngettext_lazy("%(n)s week", "%(n)s weeks", n) % {"n": n}) for n in numbers]


class CheckinChoiceForm(forms.Form):
    weeks = forms.TypedChoiceField(
        label=_("Check on me after this long without my using Tejido"),
        choices=_weeks(range(MIN_WEEKS, MAX_WEEKS + 1)),
        coerce=int,
        initial=DEFAULT_WEEKS,
    )


class SnoozeForm(forms.Form):
    weeks = forms.TypedChoiceField(
        label=_("Not now, for"), choices=_weeks(SNOOZE_WEEKS), coerce=int, initial=SNOOZE_WEEKS[0]
    )


class TakeForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A few warm words from you, as a person: how are you, and I am here."),
    )


class TeamSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find a member by chosen name"), max_length=MAX_QUERY_LENGTH, required=False
    )


class TeamMemberForm(forms.Form):
    member = forms.IntegerField(min_value=1)
