"""Every read of groups, always shaped by the viewer."""

from django.db.models import QuerySet

from tejido.access.audience import AnyUser
from tejido.access.visibility import active_group_ids, visible_groups
from tejido.groups.models import Group


def list_my_groups(*, viewer: AnyUser) -> QuerySet[Group]:
    return visible_groups(viewer).filter(pk__in=active_group_ids(viewer))
