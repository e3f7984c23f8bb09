"""Forms of reports: a member's report, and the organisers' three ways of handling one. They
check shape only; the rules live in tejido.moderation.report_services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tejido.membership.member_services import REASON_MAX
from tejido.moderation.models import Report
from tejido.moderation.report_services import MESSAGE, NOTE, TEXT


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What happened"),
        choices=[("", _("Choose a reason")), *Report.Reason.choices],
    )
    text = forms.CharField(
        label=_("Tell the organisers more"),
        required=False,
        max_length=TEXT.max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What happened, when and where, so the organisers can understand it. Needed if you "
            "chose “Something else”. Only the organisers read it."
        ),
    )


class DismissForm(forms.Form):
    prefix = "dismiss"

    note = forms.CharField(
        label=_("Note for organisers (optional)"),
        required=False,
        max_length=NOTE.max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why nothing needs to be done. Only organisers read it."),
    )


class WarnForm(forms.Form):
    prefix = "warn"

    message = forms.CharField(
        label=_("Message to the member"),
        max_length=MESSAGE.max_length,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "They read it on their warnings page. It never says who reported them, so do not "
            "name or hint at the person who did."
        ),
    )


class ReportSuspendForm(forms.Form):
    prefix = "suspend"

    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept on their record for organisers; not written to the audit log."),
    )
