"""What can go wrong on the aid board, in the members' words."""

from django.utils.translation import gettext_lazy as _

from tejido.core.errors import Conflict, InvalidInput


class TooManyRequests(Conflict):
    code = "too_many_requests"
    message = _(
        "You have opened %(limit)s requests in the last day, the most one can. If you need more "
        "help now, write to the organisers, or add to one of your open requests."
    )


class RequestNotOpen(Conflict):
    code = "request_not_open"
    message = _("This request is no longer open: it found someone, or it was closed or expired.")


class RequestFinished(Conflict):
    code = "request_finished"
    message = _("This request is over: it was fulfilled, closed or expired.")


class AlreadyOffered(Conflict):
    code = "already_offered"
    message = _("You already offered to help with this request, or were asked to.")


class NoSuchMatch(Conflict):
    code = "no_such_match"
    message = _("There is no such offer of help waiting for your answer, or it was answered.")


class MatchOver(Conflict):
    code = "match_over"
    message = _("This match was declined or withdrawn: nothing more can be done in it.")


class NotAgreedYet(Conflict):
    code = "not_agreed_yet"
    message = _("Both sides must agree first; then you can share contact details.")


class NotUnderWay(Conflict):
    code = "not_under_way"
    message = _("Only a request that has found someone can be marked as started or done.")


class OfferNotOpen(Conflict):
    code = "offer_not_open"
    message = _("This offer is no longer open.")


class CannotHelpOneself(Conflict):
    code = "cannot_help_oneself"
    message = _("This is your own request or offer.")


class CannotMatch(Conflict):
    code = "cannot_match"
    message = _("This helper cannot take this request. Choose another one.")


class BadWindows(InvalidInput):
    code = "bad_windows"
    message = _(
        "Each time window needs a start and an end after it, in the coming year and lasting "
        "a month at most; give five at most."
    )


class NotAMoneyRequest(Conflict):
    code = "not_a_money_request"
    message = _("Only money requests can be granted from a fund.")


class AlreadyGranted(Conflict):
    code = "already_granted"
    message = _("This request was already granted.")


class NotEnoughInFund(Conflict):
    code = "not_enough_in_fund"
    message = _("The fund does not hold enough for this grant: %(balance)s is left to grant.")


class PaidTooMuch(Conflict):
    code = "paid_too_much"
    message = _("That is more than is still owed on this grant.")


class NotGranted(Conflict):
    code = "not_granted"
    message = _("Record a payment once the request has been granted.")


class FollowUpAnswered(Conflict):
    code = "follow_up_answered"
    message = _("You already answered this follow-up. Thank you!")
