"""The organiser actions the directory records in the audit log, with their labels."""

from django.utils.translation import gettext_lazy as _

from tejido.audit.actions import register_actions

register_actions(
    {
        "directory.organization_create": _("Listed an organisation in the directory"),
        "directory.organization_update": _("Edited an organisation in the directory"),
        "directory.service_create": _("Listed a service in the directory"),
        "directory.service_update": _("Edited a service in the directory"),
        "directory.service_verify": _("Verified a service in the directory"),
        "directory.location_create": _("Added a place to the directory"),
        "directory.location_update": _("Edited a place in the directory"),
        "directory.business_create": _("Listed a welcoming business"),
        "directory.business_update": _("Edited a welcoming business"),
        "directory.business_verify": _("Verified a welcoming business"),
        "directory.business_warn": _("Warned a welcoming business"),
        "directory.business_suspend": _("Suspended a welcoming business's listing"),
        "directory.business_revoke": _("Revoked a welcoming business's listing"),
        "directory.business_reinstate": _("Listed a welcoming business again"),
        "directory.recommendation_approve": _("Approved a recommendation in the directory"),
        "directory.recommendation_decline": _("Declined a recommendation in the directory"),
        "directory.suggestion_apply": _("Took a suggestion about a listing into account"),
        "directory.suggestion_dismiss": _("Dismissed a suggestion about a listing"),
    }
)
