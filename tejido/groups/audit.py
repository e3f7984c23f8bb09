"""The organiser actions this app records in the audit log, with their labels."""

from django.utils.translation import gettext_lazy as _

from tejido.audit.actions import register_actions

register_actions(
    {
        "group.approve_request": _("Let someone into a group"),
        "group.decline_request": _("Declined a request to join a group"),
    }
)
