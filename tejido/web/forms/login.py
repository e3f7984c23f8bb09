"""The login form: allauth's own, in Tejido's words. Named in settings.ACCOUNT_FORMS["login"]."""

from typing import Any

from allauth.account.forms import LoginForm
from django.utils.translation import gettext_lazy as _


class TejidoLoginForm(LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # allauth says "Remember Me"; what the box does is keep this device logged in.
        if "remember" in self.fields:
            self.fields["remember"].label = _("Stay logged in on this device")
