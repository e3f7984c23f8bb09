"""The organiser actions this app records in the audit log, with their labels."""

from django.utils.translation import gettext_lazy as _

from tejido.audit.actions import register_actions

register_actions(
    {
        "application.approve": _("Approved an application"),
        "application.decline": _("Declined an application"),
        "application.ask": _("Asked an applicant a question"),
        "invitation.create": _("Created an invitation link"),
        "invitation.revoke": _("Revoked an invitation link"),
        "conduct.publish": _("Published a new code of conduct"),
        "settings.update": _("Changed the network settings"),
        "area.add": _("Added an area"),
        "area.rename": _("Renamed an area"),
        "area.move": _("Moved an area"),
        "area.delete": _("Deleted an area"),
        "question.add": _("Added an application question"),
        "question.edit": _("Edited an application question"),
        "question.move": _("Moved an application question"),
        "question.activate": _("Asked an application question again"),
        "question.deactivate": _("Stopped asking an application question"),
        "member.suspend": _("Suspended a member"),
        "member.reinstate": _("Reinstated a member"),
        "member.remove": _("Removed a member"),
        "member.roles": _("Changed a member's roles"),
        "member.verify_professional": _("Verified a professional"),
        "member.withdraw_verification": _("Withdrew a professional verification"),
    }
)
