"""Forms of the organiser area. They check shape only; the rules (and the audit log) live in
the membership services."""

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from tejido.accounts.selectors import MAX_QUERY_LENGTH
from tejido.groups.models import Group
from tejido.membership.member_services import PROFESSION, REASON_MAX, VERIFICATION_METHOD
from tejido.membership.network_services import AREA_NAME, QUESTION_HELP, QUESTION_TEXT
from tejido.membership.services import (
    CONDUCT_MAX,
    INVITATION_MAX_DAYS,
    INVITATION_MAX_USES,
    INVITATION_NOTE,
    MESSAGE_MAX,
)
from tejido.network.models import NetworkSettings


class DeclineForm(forms.Form):
    prefix = "decline"

    message = forms.CharField(
        label=_("Message to the applicant (optional)"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("They read it on their application page. It is not kept in the audit log."),
    )


class AskForm(forms.Form):
    prefix = "ask"

    question = forms.CharField(
        label=_("Your question to the applicant"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InvitationForm(forms.Form):
    max_uses = forms.IntegerField(
        label=_("How many people can use it"),
        min_value=1,
        max_value=INVITATION_MAX_USES,
        initial=1,
    )
    valid_days = forms.IntegerField(
        label=_("Valid for how many days"),
        min_value=1,
        max_value=INVITATION_MAX_DAYS,
        initial=7,
    )
    group: forms.ModelChoiceField[Group] = forms.ModelChoiceField(
        label=_("Group to join on arrival (optional)"),
        queryset=None,
        required=False,
        empty_label=_("No group"),
    )
    note = forms.CharField(
        label=_("Note for organisers (optional)"),
        required=False,
        max_length=INVITATION_NOTE.max_length,
        help_text=_("For example, who the link is for. Only organisers see it."),
    )
    email = forms.EmailField(
        label=_("Email the link to (optional)"),
        required=False,
        help_text=_("The address is used once to send the link and is not kept."),
    )
    email_language = forms.ChoiceField(
        label=_("Language of the email"), choices=settings.LANGUAGES, required=False
    )

    def __init__(self, *args: Any, groups: QuerySet[Group], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]


class SuspendForm(forms.Form):
    prefix = "suspend"

    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept on their record for organisers; not written to the audit log."),
    )


class RemoveForm(forms.Form):
    prefix = "remove"

    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    confirm = forms.BooleanField(label=_("Yes, remove this person from the network"), required=True)


class RolesForm(forms.Form):
    prefix = "roles"

    organiser = forms.BooleanField(label=_("Organiser"), required=False)
    facilitator = forms.BooleanField(label=_("Facilitator"), required=False)


class VerifyForm(forms.Form):
    prefix = "verify"

    profession = forms.CharField(label=_("Profession"), max_length=PROFESSION.max_length)
    method = forms.CharField(
        label=_("How it was checked"),
        max_length=VERIFICATION_METHOD.max_length,
        help_text=_("For example: saw their licence and checked it in the public register."),
    )


class MemberSearchForm(forms.Form):
    STATE_CHOICES = [
        ("", _("Everyone")),
        ("member", _("Members")),
        ("suspended", _("Suspended people")),
        ("removed", _("Removed people")),
    ]
    ROLE_CHOICES = [
        ("", _("Any role")),
        ("organiser", _("Organisers")),
        ("facilitator", _("Facilitators")),
        ("professional", _("Verified professionals")),
    ]
    q = forms.CharField(label=_("Chosen name"), required=False, max_length=MAX_QUERY_LENGTH)
    state = forms.ChoiceField(label=_("Standing"), choices=STATE_CHOICES, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, required=False)


class NetworkSettingsForm(forms.ModelForm):
    """Shape only: the service validates (https only for the quick exit) and saves."""

    class Meta:
        model = NetworkSettings
        fields = [
            "name",
            "tagline_es",
            "tagline_en",
            "mission_es",
            "mission_en",
            "how_to_join_es",
            "how_to_join_en",
            "organiser_contact",
            "quick_exit_url",
            "applications_open",
            "reapply_after_days",
        ]
        help_texts = {
            "quick_exit_url": _(
                "Where the quick-exit button and key send someone at once. It must start with "
                "https:// and should be a harmless, busy site."
            ),
            "applications_open": _("When closed, people can only join with an invitation link."),
            "reapply_after_days": _(
                "Someone whose application was declined may apply again after this many days."
            ),
        }
        widgets = {
            "mission_es": forms.Textarea(attrs={"rows": 4}),
            "mission_en": forms.Textarea(attrs={"rows": 4}),
            "how_to_join_es": forms.Textarea(attrs={"rows": 4}),
            "how_to_join_en": forms.Textarea(attrs={"rows": 4}),
        }


class AreaForm(forms.Form):
    name = forms.CharField(label=_("Area name"), max_length=AREA_NAME.max_length)


class QuestionForm(forms.Form):
    text_es = forms.CharField(label=_("Question (Spanish)"), max_length=QUESTION_TEXT.max_length)
    text_en = forms.CharField(label=_("Question (English)"), max_length=QUESTION_TEXT.max_length)
    help_es = forms.CharField(
        label=_("Help text (Spanish, optional)"),
        max_length=QUESTION_HELP.max_length,
        required=False,
    )
    help_en = forms.CharField(
        label=_("Help text (English, optional)"),
        max_length=QUESTION_HELP.max_length,
        required=False,
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)


class ConductForm(forms.Form):
    text_es = forms.CharField(
        label=_("Code of conduct (Spanish)"),
        max_length=CONDUCT_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    text_en = forms.CharField(
        label=_("Code of conduct (English)"),
        max_length=CONDUCT_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
