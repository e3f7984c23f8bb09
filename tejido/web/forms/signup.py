"""The sign-up form: allauth's own (email, password twice) plus what Tejido needs to know about
an applicant, which is little: the name they want to be called, optionally their pronouns, and
whether our emails should be discreet from the very first one.

No legal name is ever asked for. The account and profile are created by
`tejido.accounts.services.register_applicant` through the allauth adapter, which allauth
calls after the form is valid: so the form applies the service's text rules itself, to show
their errors beside the fields.
"""

from typing import Any

from allauth.account.forms import SignupForm
from django import forms
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tejido.accounts.services import PROFILE_TEXT_RULES
from tejido.core.errors import InvalidInput


def _by_rule(field: str, value: Any) -> str:
    try:
        return PROFILE_TEXT_RULES[field].clean(value, field=field)
    except InvalidInput as error:
        raise forms.ValidationError(error.detail[field], code="invalid") from None


class ApplicantSignupForm(SignupForm):
    """Named in settings.ACCOUNT_FORMS["signup"]."""

    chosen_name = forms.CharField(
        label=_("Chosen name"),
        max_length=PROFILE_TEXT_RULES["chosen_name"].max_length,
        help_text=_(
            "The name you want to be called here. We never ask for your legal name, "
            "and you can change this later."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    pronouns = forms.CharField(
        label=_("Pronouns (optional)"),
        required=False,
        max_length=PROFILE_TEXT_RULES["pronouns"].max_length,
        help_text=_(
            "For example: she/her, he/him, they/them, or leave it empty. "
            "You decide later who can see them."
        ),
    )
    discreet_mode = forms.BooleanField(
        label=_("Send me discreet emails"),
        required=False,
        help_text=_(
            "Our emails, starting with the one that confirms your address, will have a "
            "neutral subject and sender that do not name the network."
        ),
    )

    field_order = ["email", "chosen_name", "pronouns", "password1", "password2", "discreet_mode"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # allauth uses placeholders as a second label; a placeholder that repeats the label
        # only adds noise for screen readers and disappears as one types.
        for field in self.fields.values():
            field.widget.attrs.pop("placeholder", None)

    def clean_chosen_name(self) -> str:
        name: str = self.cleaned_data["chosen_name"].strip()
        if not name:
            raise forms.ValidationError(_("Please tell us what to call you."), code="required")
        return _by_rule("chosen_name", name)

    def clean_pronouns(self) -> str:
        return _by_rule("pronouns", self.cleaned_data.get("pronouns", ""))

    def try_save(self, request: HttpRequest) -> tuple[Any, Any]:
        if self.account_already_exists:
            # A new account costs a password hash; do the same work when the address is
            # taken so that the time to answer does not tell the two apart.
            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)
