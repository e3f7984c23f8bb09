"""What can go wrong with gatherings, in the members' words."""

from django.utils.translation import gettext_lazy as _

from tejido.core.errors import Conflict, InvalidInput, NotAllowed


class EventClosed(Conflict):
    code = "event_closed"
    message = _("This gathering was cancelled or has already ended: it takes no answers now.")


class NotGoing(Conflict):
    code = "not_going"
    message = _("Answer that you are going first; then you can sign up to bring something.")


class NoOffer(Conflict):
    code = "no_offer"
    message = _("There is no seat held for you now: the offer ended or was already answered.")


class NoSuchRsvp(Conflict):
    code = "no_such_rsvp"
    message = _("There is no such answer waiting for a decision, or it was already decided.")


class BadRecurrence(InvalidInput):
    code = "bad_recurrence"
    message = _("That repetition cannot be used. Choose one of the options.")


class BadDates(InvalidInput):
    code = "bad_dates"
    message = _("The end must come after the start.")


class GroupNeeded(InvalidInput):
    code = "group_needed"
    message = _("Choose the group whose members can see this gathering.")


class CannotCreateEvent(NotAllowed):
    code = "cannot_create_event"
    message = _("Only network organisers and the group's organisers can make gatherings here.")


class BadImage(InvalidInput):
    code = "bad_image"
    message = _("That file is not a picture Tejido can read. Use a JPEG, PNG or WebP image.")


class AlreadyHost(Conflict):
    code = "already_host"
    message = _("%(name)s already helps run this gathering.")


class NotStartedYet(Conflict):
    code = "not_started_yet"
    message = _("Attendance can be recorded once the gathering has started.")


class LastHost(Conflict):
    code = "last_host"
    message = _("A gathering always keeps a host. Name another host first; then this one can go.")


class SlotFull(Conflict):
    code = "slot_full"
    message = _(
        "Enough people already signed up for this. Choose another slot that still needs someone."
    )


class AlreadyClaimed(Conflict):
    code = "already_claimed"
    message = _("You already signed up for this slot. Change what you bring there instead.")


class SlotHasClaims(Conflict):
    code = "slot_has_claims"
    message = _(
        "More people already signed up than that. Ask some of them to withdraw, or want more."
    )
