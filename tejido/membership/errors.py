"""Domain errors of membership: applications, invitations and the people organisers manage."""

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from tejido.core.errors import Conflict, DomainError, InvalidInput, NotAllowed


class InvitationInvalid(DomainError):
    """One answer for an unknown, expired, revoked or used-up link: nobody learns which."""

    code = "invitation_invalid"
    message = _("This invitation link is not valid.")
    status = 404


class ApplicationsClosed(NotAllowed):
    code = "applications_closed"
    message = _("The network is not taking applications at the moment.")


class AlreadyApplied(Conflict):
    code = "already_applied"
    message = _("You have already sent your application.")


class TooSoonToApplyAgain(Conflict):
    """A declined applicant whose waiting period has not passed yet."""

    code = "too_soon_to_apply_again"

    def __init__(self, *, may_apply_from: datetime, time_zone: str) -> None:
        try:
            zone = ZoneInfo(time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            zone = None
        day = date_format(localtime(may_apply_from, zone), "DATE_FORMAT")
        super().__init__(
            _("You may apply again from %(date)s.") % {"date": day},
            detail={"may_apply_from": may_apply_from.isoformat()},
        )


class ApplicationDecided(Conflict):
    code = "application_decided"
    message = _("This application has already been decided.")


# A refusal of what was asked, not of who asks: shown on the page as it is, never the 404 page
# that a forbidden thing gets.
class NotYourself(InvalidInput):
    code = "not_yourself"
    message = _("You cannot do that to your own account.")


class LastOrganiser(Conflict):
    code = "last_organiser"
    message = _("The network needs at least one organiser.")


class WrongState(Conflict):
    code = "wrong_state"
    message = _("That is not possible for this person right now.")
