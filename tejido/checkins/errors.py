"""What can go wrong with check-ins, in the members' words."""

from django.utils.translation import gettext_lazy as _

from tejido.core.errors import Conflict


class AlreadyTaken(Conflict):
    code = "checkins_already_taken"
    message = _("Someone on the team is already reaching out to this member.")


class CheckInOver(Conflict):
    code = "checkins_over"
    message = _("This check-in is over: nothing more can be written in it.")


class NotOptedIn(Conflict):
    code = "checkins_not_opted_in"
    message = _("You have not asked for check-ins.")
