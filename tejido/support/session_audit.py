"""What circles' facilitators do that the audit log records, with its labels. The log names a
session and a note by number only: never a title, a member or what a note says."""

from django.utils.translation import gettext_lazy as _

from tejido.audit.actions import register_actions

register_actions(
    {
        "circle_session.create": _("Made a support circle's session series"),
        "circle_session.attendance": _("Recorded attendance at a support circle's session"),
        "circle_note.write": _("Wrote a facilitator note"),
        "circle_note.delete": _("Deleted a facilitator note"),
    }
)
