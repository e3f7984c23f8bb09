"""The notices support circles send. Every one of them is content-free, whatever the member's
discreet setting: no circle's name, no person's name, not even that it is about a circle. A
notice in an inbox or an email on a shared phone must never out anyone."""

from django.utils.translation import gettext_lazy as _

from tejido.notifications.kinds import register

# A request for a place came in (to facilitators), or one's own was answered (to the member).
CIRCLE_NEWS = register(
    "support_circle_news",
    subject=_("You have a new message in Tejido"),
    text=_("You have a new message in Tejido. Sign in to read it."),
)
