"""The one notice check-ins send, whatever happened and whatever the member's discreet
setting: content-free, so that no inbox, email or subject says that someone was checked on."""

from django.utils.translation import gettext_lazy as _

from tejido.notifications.kinds import register

CHECKIN_NEWS = register(
    "checkins_news",
    subject=_("You have a new message in Tejido"),
    text=_("You have a new message in Tejido. Sign in to read it."),
)
