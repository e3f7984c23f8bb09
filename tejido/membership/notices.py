"""The notices membership sends. They never carry an applicant's answers or an organiser's
message: the person opens their application page to read those."""

from django.utils.translation import gettext_lazy as _

from tejido.notifications.kinds import register

register(
    "application_approved",
    subject=_("Your application was approved"),
    text=_("Welcome to %(network)s! Your application was approved and you are now a member."),
)
register(
    "application_declined",
    subject=_("About your application"),
    text=_(
        "The organisers have decided on your application. Open your application page to read it."
    ),
)
register(
    "application_question",
    subject=_("A question about your application"),
    text=_(
        "The organisers have a question about your application. "
        "Open your application page to answer it."
    ),
)
register(
    "application_received",
    subject=_("A new application"),
    text=_("Someone has applied to join. Their application is waiting for review."),
)
register(
    "application_reply",
    subject=_("An applicant replied"),
    text=_("An applicant answered your question. Their application is waiting for review again."),
)
register(
    "invitation_used",
    subject=_("Someone joined with your invitation"),
    text=_("%(name)s joined the network with an invitation link you created."),
)
