"""Applications: an applicant sees their own; organisers review those of the people they
manage (so not of someone in a block with them)."""

from django.db.models import QuerySet

from tejido.access.base import AnyUser, register_audience
from tejido.access.members import audience_of_member, managed_people
from tejido.access.network import can_manage_network
from tejido.accounts.models import User
from tejido.membership.models import Application


def can_apply(actor: AnyUser | None) -> bool:
    """Only someone signed up and not yet a member applies."""
    return bool(actor and actor.is_authenticated and actor.state == User.State.APPLICANT)


def reviewable_applications(viewer: AnyUser | None) -> QuerySet[Application]:
    if not can_manage_network(viewer):
        return Application.objects.none()
    return Application.objects.filter(user__in=managed_people(viewer))


def own_applications(viewer: AnyUser | None) -> QuerySet[Application]:
    if not can_apply(viewer):
        return Application.objects.none()
    return Application.objects.filter(user=viewer.pk)  # type: ignore[union-attr]


def visible_applications(viewer: AnyUser | None) -> QuerySet[Application]:
    """The applications the viewer may read: their own, and for organisers those they review."""
    return own_applications(viewer) | reviewable_applications(viewer)


def can_see_application(viewer: AnyUser | None, application: Application) -> bool:
    return visible_applications(viewer).filter(pk=application.pk).exists()


def can_review_application(actor: AnyUser | None, application: Application) -> bool:
    return reviewable_applications(actor).filter(pk=application.pk).exists()


@register_audience(Application)
def audience_of_application(application: Application) -> QuerySet[User]:
    """The applicant, and the organisers who may review them: the applicant's own audience."""
    return audience_of_member(application.user)
