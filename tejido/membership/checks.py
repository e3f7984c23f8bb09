"""The check every membership service shares: who may act. Text is checked by the one rule
in tejido.core.text."""

from tejido.access.base import AnyUser
from tejido.access.network import can_manage_network
from tejido.accounts.models import User
from tejido.core.errors import NotAllowed


def require_organiser(actor: AnyUser | None) -> User:
    """The actor, if they may manage the network; NotAllowed otherwise."""
    if not can_manage_network(actor):
        raise NotAllowed()
    assert isinstance(actor, User)
    return actor
