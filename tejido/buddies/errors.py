"""What can go wrong with peer buddies, in the members' words. None says anything about the
other person beyond what the asker already knows."""

from django.utils.translation import gettext_lazy as _

from tejido.core.errors import Conflict


class NotOptedIn(Conflict):
    code = "buddies_not_opted_in"
    message = _("Say first whether you are looking for a buddy or able to be one.")


class AlreadyPaired(Conflict):
    code = "buddies_already_paired"
    message = _("You already have a buddy in this role. End that pairing first to start another.")


class PairFull(Conflict):
    code = "buddies_pair_not_possible"
    message = _("This pairing cannot start now. Try another suggestion later.")


class AlreadyProposed(Conflict):
    code = "buddies_already_proposed"
    message = _("You two already have a proposal or a pairing.")


class TooManyProposals(Conflict):
    code = "buddies_too_many_proposals"
    message = _("You have %(limit)s proposals waiting for an answer, the most one can.")

    def __init__(self, limit: int) -> None:
        super().__init__(self.message % {"limit": limit})


class PairOver(Conflict):
    code = "buddies_pair_over"
    message = _("This pairing is not active: nothing more can be written in it.")
