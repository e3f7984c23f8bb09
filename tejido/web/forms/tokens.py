"""The form that names a new personal access token. Shape only; the rules are in
tejido.accounts.tokens."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.accounts.tokens import TOKEN_NAME


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=TOKEN_NAME.max_length,
        help_text=_("Where you will use it, so you can tell your tokens apart later."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
