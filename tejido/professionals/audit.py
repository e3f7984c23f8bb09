"""The organiser actions on professionals that the audit log records, with their labels."""

from django.utils.translation import gettext_lazy as _

from tejido.audit.actions import register_actions

register_actions(
    {
        "professionals.create": _("Listed a verified professional"),
        "professionals.update": _("Changed a professional's listing"),
        "professionals.verify": _("Verified a professional again"),
        "professionals.unlist": _("Took a professional off the list"),
        "professionals.relist": _("Put a professional back on the list"),
    }
)
