"""The form that uploads an HSDS file for import. It checks shape only (a file, not too large,
a visibility); the file itself is checked by tejido.directory.hsds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.directory.hsds.errors import FileTooLarge
from tejido.directory.hsds.services import MAX_UPLOAD_MB
from tejido.directory.models import Visibility


class HsdsImportForm(forms.Form):
    file = forms.FileField(
        label=_("The HSDS file"),
        help_text=_(
            "A zip file with datapackage.json and its CSV files, or a JSON file of services or "
            "organizations. At most %(limit)s MB."
        )
        % {"limit": MAX_UPLOAD_MB},
        widget=forms.ClearableFileInput(
            attrs={"accept": ".zip,.json,application/zip,application/json"}
        ),
    )
    visibility = forms.ChoiceField(
        label=_("Who can see the new listings"),
        choices=Visibility.choices,
        initial=Visibility.MEMBERS,
        widget=forms.RadioSelect,
        help_text=_(
            "Listings already in the directory keep their own. A file can make a listing "
            "narrower than this (an organiser's export marks each one), never wider: to restore "
            "an export of this directory as it was, choose everyone."
        ),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(str(FileTooLarge.message))
        return upload
