"""The notices the directory sends. None names who wrote a suggestion or a recommendation to
anyone but organisers, or quotes what they wrote."""

from django.utils.translation import gettext_lazy as _

from tejido.notifications.kinds import register

SUGGESTION_RECEIVED = register(
    "directory_suggestion_received",
    subject=_("A member wrote about a listing in the directory"),
    text=_(
        "A member suggested a change to %(listing)s, or said it is out of date. It waits in "
        "the directory's review queue."
    ),
)
SUGGESTION_HANDLED = register(
    "directory_suggestion_handled",
    subject=_("Thank you for your note about %(listing)s"),
    text=_("The organisers have read what you wrote about %(listing)s."),
)
RECOMMENDATION_RECEIVED = register(
    "directory_recommendation_received",
    subject=_("A recommendation waits for review"),
    text=_("A member recommended %(listing)s. It waits in the directory's review queue."),
)
RECOMMENDATION_APPROVED = register(
    "directory_recommendation_approved",
    subject=_("Your recommendation of %(listing)s is shown"),
    text=_("The organisers approved your recommendation of %(listing)s: members see it now."),
)
RECOMMENDATION_DECLINED = register(
    "directory_recommendation_declined",
    subject=_("About your recommendation of %(listing)s"),
    text=_(
        "The organisers did not publish your recommendation of %(listing)s this time. Thank "
        "you for writing it."
    ),
)
