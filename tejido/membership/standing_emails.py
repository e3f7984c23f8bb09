"""What a suspended or removed member learns when they (or someone with their password or
passkey) try to log in: the login page answers as for a wrong password, and the member is told
by email, at most once a day, that their account is suspended or closed and how to reach the
organisers. So whoever holds the password learns nothing from the page."""

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from tejido.access.base import may_sign_in
from tejido.accounts.models import User
from tejido.network.models import NetworkSettings
from tejido.notifications.services import queue_member_email

ONCE_A_DAY = 60 * 60 * 24

SUBJECTS = {
    User.State.SUSPENDED: _("Your account is suspended"),
    User.State.REMOVED: _("Your account is closed"),
}
STATES = {
    User.State.SUSPENDED: _("Your account is suspended, so it cannot be used to log in for now."),
    User.State.REMOVED: _("Your account has been closed, so it cannot be used to log in."),
}
# Rendered in the member's language: %(state)s is one of STATES, %(contact)s what organisers
# wrote on the settings page (the About page shows it too).
TEXT = _(
    "Someone, probably you, has just tried to log in to your account with the right password "
    "or passkey. %(state)s\n\nTo talk to the organisers about it: %(contact)s"
)
TEXT_WITHOUT_CONTACT = _(
    "Someone, probably you, has just tried to log in to your account with the right password "
    "or passkey. %(state)s\n\nTo talk to the organisers about it, ask a member you trust to "
    "put you in touch."
)


def tell_cannot_sign_in(*, user: User) -> bool:
    """Email a suspended or removed person why they cannot sign in, at most once a day
    (whether an email was queued). Anyone else gets nothing."""
    if may_sign_in(user) or user.state not in SUBJECTS or not user.email:
        return False
    if not cache.add(f"tejido:cannot-sign-in:{user.pk}", True, timeout=ONCE_A_DAY):
        return False
    contact = NetworkSettings.current().organiser_contact.strip()
    state = User.State(user.state)
    queue_member_email(
        user=user,
        subject=SUBJECTS[state],
        text=TEXT if contact else TEXT_WITHOUT_CONTACT,
        params={"state": STATES[state], "contact": contact},
    )
    return True
