"""The notices the aid board sends. None carries a request's words, a message or a contact
detail: `%(what)s` names the kind of help ("the request for help (Food)"), or for a sensitive
category only "the request for help", so a notice says nothing of a housing, legal, health or
money matter (and in discreet mode the email says less still)."""

from django.utils.translation import gettext_lazy as _

from tejido.notifications.kinds import register

HELP_OFFERED = register(
    "aid_help_offered",
    subject=_("Someone offered to help"),
    text=_("A member offered to help with %(what)s. Read their message and answer them."),
)
HELPER_ASKED = register(
    "aid_helper_asked",
    subject=_("Someone asks for your help"),
    text=_(
        "A member who needs %(what)s chose your offer and asks whether you can help. Read "
        "their message and answer them."
    ),
)
MATCH_ACCEPTED = register(
    "aid_match_accepted",
    subject=_("It is agreed: you are matched"),
    text=_(
        "Your match on %(what)s was agreed. Use its private thread to arrange the details; "
        "share contact details there if you both want to."
    ),
)
MATCH_DECLINED = register(
    "aid_match_declined",
    subject=_("About your match"),
    text=_("Your match on %(what)s will not go ahead this time. Thank you for reaching out."),
)
MATCH_WITHDRAWN = register(
    "aid_match_withdrawn",
    subject=_("A match was withdrawn"),
    text=_("The match on %(what)s was withdrawn. An open request goes back on the board."),
)
DISPATCHED_TO_HELPER = register(
    "aid_dispatched_helper",
    subject=_("The organisers ask for your help"),
    text=_(
        "The organisers matched your offer with %(what)s. Its private thread has the details; "
        "withdraw from it if you cannot help."
    ),
)
DISPATCHED_TO_REQUESTER = register(
    "aid_dispatched_requester",
    subject=_("The organisers found someone to help"),
    text=_("The organisers found a helper for %(what)s. Say hello in its private thread."),
)
MESSAGE = register(
    "aid_message",
    subject=_("A new message in a private thread"),
    text=_("There is a new message in the private thread about %(what)s."),
)
CONTACTS_SHARED = register(
    "aid_contacts_shared",
    subject=_("Contact details shared"),
    text=_("You both chose to share contact details for %(what)s: see them in its thread."),
)
STARTED = register(
    "aid_started",
    subject=_("The help has started"),
    text=_("The help with %(what)s is now under way."),
)
FULFILLED = register(
    "aid_fulfilled",
    subject=_("Thank you for helping"),
    text=_("The help with %(what)s was marked as done. Thank you for helping!"),
)
FOLLOW_UP = register(
    "aid_follow_up",
    subject=_("Did it happen?"),
    text=_(
        "Some days ago you were matched on %(what)s. Did the help happen? Answer in a few "
        "words; only the organisers read what you write."
    ),
)
REQUEST_EXPIRED = register(
    "aid_request_expired",
    subject=_("Your request for help expired"),
    text=_("The time for %(what)s ran out. If you still need help, open a new request."),
)
REQUEST_CLOSED = register(
    "aid_request_closed",
    subject=_("A request was closed"),
    text=_("Your match on %(what)s ends: the request was closed. Thank you for offering."),
)
GRANTED = register(
    "aid_granted",
    subject=_("Your request was granted"),
    text=_("The organisers granted %(amount)s for %(what)s. They will tell you how it is paid."),
)
PAID = register(
    "aid_paid",
    subject=_("A payment was recorded"),
    text=_("The organisers recorded a payment of %(amount)s for %(what)s."),
)
