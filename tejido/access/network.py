"""The network itself: its settings, areas, application questions and code of conduct. Anyone
may read the network's public face; organisers manage it."""

from django.db.models import QuerySet

from tejido.access.base import (
    AnyUser,
    in_good_standing,
    is_organiser,
    is_vetted,
    register_audience,
)
from tejido.access.members import network_organisers
from tejido.accounts.models import User
from tejido.membership.models import ApplicationQuestion, CodeOfConduct
from tejido.network.models import Area, NetworkSettings


def can_manage_network(actor: AnyUser | None) -> bool:
    """Review applications and invitations, manage members, settings, areas, questions, the
    code of conduct, reports and the audit log."""
    return is_organiser(actor)


def visible_areas(viewer: AnyUser | None) -> QuerySet[Area]:
    """The areas organisers keep, for members to say roughly where they are."""
    if not is_vetted(viewer):
        return Area.objects.none()
    return Area.objects.order_by("position", "name")


def visible_questions(
    viewer: AnyUser | None, *, include_inactive: bool = False
) -> QuerySet[ApplicationQuestion]:
    """The questions applicants answer, in order (anyone may read them: they are the network's
    public face). Organisers may include those no longer asked."""
    questions = ApplicationQuestion.objects.order_by("position", "id")
    if include_inactive and can_manage_network(viewer):
        return questions
    return questions.filter(active=True)


def can_accept_conduct(actor: AnyUser | None) -> bool:
    return is_vetted(actor)


@register_audience(NetworkSettings)
def audience_of_network(network: NetworkSettings) -> QuerySet[User]:
    """Changes to how the network runs are told to its organisers."""
    return network_organisers()


@register_audience(CodeOfConduct)
def audience_of_conduct(code: CodeOfConduct) -> QuerySet[User]:
    """A new code of conduct concerns every member."""
    return User.objects.filter(in_good_standing())
