"""In-app notices: a member only ever sees their own."""

from django.db.models import QuerySet

from tejido.access.base import AnyUser
from tejido.notifications.models import Notice


def visible_notices(viewer: AnyUser | None) -> QuerySet[Notice]:
    if viewer is None or not viewer.is_authenticated:
        return Notice.objects.none()
    return Notice.objects.filter(user=viewer.pk)
