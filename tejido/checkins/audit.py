"""The organiser actions check-ins record in the audit log, with their labels."""

from django.utils.translation import gettext_lazy as _

from tejido.audit.actions import register_actions

register_actions(
    {
        "checkins.team_added": _("Named a member to the check-in team"),
        "checkins.team_removed": _("Took a member off the check-in team"),
    }
)
