"""What can go wrong with support circles, in the members' words. None of them says who else
is in a circle, or why someone cannot be placed in one."""

from django.utils.translation import gettext_lazy as _

from tejido.core.errors import Conflict, InvalidInput


class CircleFull(Conflict):
    code = "circle_full"
    message = _("This circle has no free place now. Put them on the waitlist instead.")


class AlreadyAsked(Conflict):
    code = "already_asked"
    message = _("You already have a place in this circle, or asked for one.")


class CannotBePlaced(Conflict):
    code = "cannot_be_placed"
    message = _("This person cannot be placed in this circle.")


class PlaceAlreadyDecided(Conflict):
    code = "place_decided"
    message = _("This request for a place was already answered.")


class AgreementNeeded(InvalidInput):
    code = "agreement_needed"
    message = _("Please read and accept the circle's confidentiality agreement.")


class TherapyNeedsProfessional(Conflict):
    code = "therapy_needs_professional"
    message = _(
        "A group therapy circle must be run by a verified professional: name one as its "
        "facilitator first."
    )


class CircleArchived(Conflict):
    code = "circle_archived"
    message = _("This circle is archived: nobody can ask for a place in it.")


class BadAnswers(InvalidInput):
    code = "bad_answers"
    message = _("Please answer every question.")
