"""Every read of the network's settings and areas."""

from django.db.models import QuerySet

from tejido.access.base import AnyUser
from tejido.access.network import can_manage_network, visible_areas
from tejido.core.errors import NotFound
from tejido.network.models import Area, NetworkSettings


def get_network_settings(*, viewer: AnyUser | None) -> NetworkSettings:
    """The network's public face: everyone may read it."""
    return NetworkSettings.current()


def list_areas(*, viewer: AnyUser | None) -> QuerySet[Area]:
    return visible_areas(viewer)


def get_area(*, viewer: AnyUser | None, area_id: int) -> Area:
    """An area, for organisers to rename, move or delete; NotFound for anyone else."""
    area = visible_areas(viewer).filter(pk=area_id).first() if can_manage_network(viewer) else None
    if area is None:
        raise NotFound()
    return area
