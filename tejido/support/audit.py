"""The organiser and facilitator actions support circles record in the audit log, with their
labels. Entries name the circle by its number only and never say who asked for a place."""

from django.utils.translation import gettext_lazy as _

from tejido.audit.actions import register_actions

register_actions(
    {
        "support.circle_created": _("Created a support circle"),
        "support.circle_changed": _("Changed a support circle"),
        "support.circle_archived": _("Archived a support circle"),
        "support.facilitator_named": _("Named a facilitator of a support circle"),
        "support.facilitator_removed": _("Removed a facilitator from a support circle"),
        "support.kept_apart": _("Marked two members to be kept apart in support circles"),
        "support.intake_changed": _("Changed a support circle's intake questions or agreement"),
        "support.place_decided": _("Answered a request for a place in a support circle"),
    }
)
