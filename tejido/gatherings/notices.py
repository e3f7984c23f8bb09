"""The notices gatherings send. None of them carries the exact address or the call link: the
event's page shows the place to whoever may see it, when they may."""

from django.utils.translation import gettext_lazy as _

from tejido.notifications.kinds import register

RSVP_CONFIRMED = register(
    "rsvp_confirmed",
    subject=_("You are going to %(event)s"),
    text=_(
        "Your seat at %(event)s on %(when)s is confirmed. The exact place is shown on the "
        "gathering's page shortly before it starts."
    ),
)
RSVP_WAITLISTED = register(
    "rsvp_waitlisted",
    subject=_("You are on the waitlist for %(event)s"),
    text=_(
        "%(event)s on %(when)s is full. You are number %(position)s on the waitlist; you will "
        "hear from us as soon as a seat frees."
    ),
)
RSVP_PENDING = register(
    "rsvp_pending",
    subject=_("Your answer to %(event)s is waiting for the hosts"),
    text=_(
        "The hosts of %(event)s on %(when)s approve each place. You will hear from us when "
        "they have decided."
    ),
)
RSVP_PROMOTED = register(
    "rsvp_promoted",
    subject=_("A seat freed up: you are going to %(event)s"),
    text=_("A seat at %(event)s on %(when)s freed up and it is yours now. See you there!"),
)
SEAT_OFFERED = register(
    "seat_offered",
    subject=_("A seat at %(event)s is yours if you want it"),
    text=_(
        "A seat at %(event)s on %(when)s freed up. It is held for you for %(hours)s hours: "
        "accept it on the gathering's page, or it goes to the next person on the waitlist."
    ),
)
OFFER_LAPSED = register(
    "seat_offer_lapsed",
    subject=_("The seat at %(event)s went to the next person"),
    text=_(
        "The seat we held for you at %(event)s on %(when)s was not taken in time, so it went "
        "to the next person waiting. You can join the waitlist again on the gathering's page."
    ),
)
RSVP_DECLINED = register(
    "rsvp_declined",
    subject=_("About %(event)s"),
    text=_(
        "The hosts of %(event)s on %(when)s could not give you a place this time. Thank you "
        "for wanting to come; there are other gatherings you may like."
    ),
)
EVENT_CHANGED = register(
    "event_changed",
    subject=_("%(event)s has changed"),
    text=_("The hosts changed %(event)s on %(when)s. Have a look at its page for what is new."),
)
OCCURRENCE_CANCELLED = register(
    "occurrence_cancelled",
    subject=_("%(event)s on %(when)s is cancelled"),
    text=_("The hosts cancelled %(event)s on %(when)s. We are sorry for the change of plans."),
)
EVENT_REMINDER = register(
    "event_reminder",
    subject=_("Soon: %(event)s"),
    text=_(
        "%(event)s starts on %(when)s. The gathering's page shows where, and how to reach the "
        "hosts if your plans change."
    ),
)
HOSTS_MESSAGE = register(
    "event_hosts_message",
    subject=_("A message from the hosts of %(event)s"),
    text=_("The hosts of %(event)s on %(when)s wrote to everyone going: %(message)s"),
)
RSVP_TO_DECIDE = register(
    "rsvp_to_decide",
    subject=_("Someone asked for a place at %(event)s"),
    text=_("A member asked for a place at %(event)s on %(when)s. Decide on the gathering's page."),
)
POLL_CLOSED = register(
    "film_poll_closed",
    subject=_("The vote on %(poll)s is closed"),
    text=_("The vote on %(poll)s is closed: the winner is %(film)s. Thank you for voting!"),
)
