"""The organiser actions on crisis lines that the audit log records, with their labels."""

from django.utils.translation import gettext_lazy as _

from tejido.audit.actions import register_actions

register_actions(
    {
        "crisis.line_create": _("Added a crisis line"),
        "crisis.line_update": _("Changed a crisis line"),
        "crisis.line_checked": _("Checked a crisis line"),
        "crisis.line_remove": _("Removed a crisis line"),
    }
)
