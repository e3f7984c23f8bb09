"""Invitation links: organisers make, list and revoke them; whoever holds a usable link may
use it (see membership.tokens)."""

from django.db.models import QuerySet

from tejido.access.base import AnyUser, register_audience
from tejido.access.members import network_organisers
from tejido.access.network import can_manage_network
from tejido.accounts.models import User
from tejido.membership.models import Invitation


def can_manage_invitations(actor: AnyUser | None) -> bool:
    return can_manage_network(actor)


def visible_invitations(viewer: AnyUser | None) -> QuerySet[Invitation]:
    if not can_manage_invitations(viewer):
        return Invitation.objects.none()
    return Invitation.objects.all()


@register_audience(Invitation)
def audience_of_invitation(invitation: Invitation) -> QuerySet[User]:
    """What happens to a link is told to the organisers."""
    return network_organisers()
