"""What can go wrong with films and polls, in the members' words."""

from django.utils.translation import gettext_lazy as _

from tejido.core.errors import Conflict, NotAllowed


class PollClosed(Conflict):
    code = "poll_closed"
    message = _("This poll is closed: it takes no more votes or films.")


class PollStillOpen(Conflict):
    code = "poll_still_open"
    message = _("The poll is still open. Close it first; then you can make the film night.")


class NoWinner(Conflict):
    code = "no_winner"
    message = _("Nobody voted in this poll, so there is no winner to show.")


class EventAlreadyMade(Conflict):
    code = "event_already_made"
    message = _("The film night for this poll's winner was already made.")


class FilmAlreadyInPoll(Conflict):
    code = "film_already_in_poll"
    message = _("That film is already in this poll: vote for it instead.")


class CannotRunPoll(NotAllowed):
    code = "cannot_run_poll"
    message = _("Only network organisers and the group's organisers can run polls here.")


class CannotEditFilm(NotAllowed):
    code = "cannot_edit_film"
    message = _("Only network organisers can change or remove a film on the list.")
