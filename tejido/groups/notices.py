"""The notices the groups feature sends."""

from django.utils.translation import gettext_lazy as _

from tejido.notifications.kinds import register

GROUP_REQUEST_APPROVED = register(
    "group_request_approved",
    subject=_("You are now in %(group)s"),
    text=_("Your request to join %(group)s was accepted. Welcome!"),
)

# Kind words only: no reason and no organiser's name, so that nobody is singled out.
GROUP_REQUEST_DECLINED = register(
    "group_request_declined",
    subject=_("About your request to join %(group)s"),
    text=_(
        "The organisers of %(group)s could not take you in this time. Thank you for wanting "
        "to join; there are other groups you may like to look at."
    ),
)

GROUP_INVITATION = register(
    "group_invitation",
    subject=_("You are invited to join %(group)s"),
    text=_(
        "The organisers of %(group)s invite you to join it. Accept or decline on the group's page."
    ),
)

GROUP_ORGANISER_NAMED = register(
    "group_organiser_named",
    subject=_("You are now an organiser of %(group)s"),
    text=_(
        "You were named an organiser of %(group)s: you can now let members in, invite them "
        "and edit the group."
    ),
)
