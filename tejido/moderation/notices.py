"""The notices reports send. None of them carries what the reporter wrote, who reported, or
what a warning says: the reader opens the page the notice links to."""

from django.utils.translation import gettext_lazy as _

from tejido.notifications.kinds import register

register(
    "report_received",
    subject=_("A new report"),
    text=_("A member sent a report. It is waiting in the moderation queue."),
)
register(
    "report_handled",
    subject=_("Your report was handled"),
    text=_("Thank you: the organisers have handled your report."),
)
register(
    "member_warned",
    subject=_("A warning from the organisers"),
    text=_("The organisers have sent you a warning. Open your warnings page to read it."),
)
