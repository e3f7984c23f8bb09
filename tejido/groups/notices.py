"""The notices the groups feature sends."""

from django.utils.translation import gettext_lazy as _

from tejido.notifications.kinds import register

GROUP_REQUEST_APPROVED = register(
    "group_request_approved",
    subject=_("You are now in %(group)s"),
    text=_("Your request to join %(group)s was accepted. Welcome!"),
)
