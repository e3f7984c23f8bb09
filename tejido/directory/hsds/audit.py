"""The organiser actions HSDS import and export record in the audit log, with their labels."""

from django.utils.translation import gettext_lazy as _

from tejido.audit.actions import register_actions

register_actions(
    {
        "directory.hsds_import": _("Imported an HSDS file into the directory"),
        "directory.hsds_export": _("Exported the directory as an HSDS file"),
    }
)
