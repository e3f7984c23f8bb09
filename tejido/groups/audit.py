"""The organiser actions this app records in the audit log, with their labels."""

from django.utils.translation import gettext_lazy as _

from tejido.audit.actions import register_actions

register_actions(
    {
        "group.approve_request": _("Let someone into a group"),
        "group.decline_request": _("Declined a request to join a group"),
        "group.create": _("Created a group"),
        "group.update": _("Edited a group"),
        "group.archive": _("Archived a group"),
        "group.unarchive": _("Brought back an archived group"),
        "group.organiser_named": _("Named a group organiser"),
        "group.organiser_removed": _("Removed a group organiser"),
        "group.invite": _("Invited a member to a group"),
    }
)
