"""The one notice peer buddies send, whatever happened (a proposal, an answer, a message, an
end) and whatever the member's discreet setting: content-free, so that an inbox, an email or
its subject never says that someone has a buddy, or who."""

from django.utils.translation import gettext_lazy as _

from tejido.notifications.kinds import register

BUDDY_NEWS = register(
    "buddies_news",
    subject=_("You have a new message in Tejido"),
    text=_("You have a new message in Tejido. Sign in to read it."),
)
