"""The organiser actions this app records in the audit log, with their labels."""

from django.utils.translation import gettext_lazy as _

from tejido.audit.actions import register_actions

register_actions(
    {
        "report.dismiss": _("Dismissed a report"),
        "report.warn": _("Warned a member about a report"),
        "report.acted": _("Closed a report after acting on what it was about"),
    }
)
