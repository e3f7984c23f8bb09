"""What can go wrong in the directory, in the members' words."""

from django.utils.translation import gettext_lazy as _

from tejido.core.errors import Conflict, InvalidInput


class AlreadyRecommended(Conflict):
    code = "already_recommended"
    message = _("You have already recommended this. Thank you!")


class AlreadyVouched(Conflict):
    code = "already_vouched"
    message = _("You have already vouched for this business. Thank you!")


class AlreadyReviewed(Conflict):
    code = "already_reviewed"
    message = _("Another organiser has already handled this.")


class BadHours(InvalidInput):
    code = "bad_hours"
    message = _("Give both the opening and the closing time, as HH:MM.")


class BadDays(InvalidInput):
    code = "bad_days"
    message = _("Choose the days it is open.")


class SameStanding(Conflict):
    code = "same_standing"
    message = _("The business already has that standing.")
