"""allauth's passkey forms with a translated, explained name field (allauth leaves it to
Django's untranslated automatic label). Named in settings.MFA_FORMS."""

from typing import Any

from allauth.mfa.webauthn.forms import AddWebAuthnForm, EditWebAuthnForm
from django.utils.translation import gettext_lazy as _

KEY_NAME_LABEL = _("Name of this key")
KEY_NAME_HELP = _("Only for you, to tell your keys apart: for example “my phone”.")


class NamedAddWebAuthnForm(AddWebAuthnForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = KEY_NAME_LABEL
        self.fields["name"].help_text = KEY_NAME_HELP


class NamedEditWebAuthnForm(EditWebAuthnForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = KEY_NAME_LABEL
        self.fields["name"].help_text = KEY_NAME_HELP
