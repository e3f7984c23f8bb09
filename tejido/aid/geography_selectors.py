"""Where areas lie, as organisers said, for their page that says it."""

from dataclasses import dataclass

from tejido.access.aid import can_manage_funds
from tejido.access.base import AnyUser
from tejido.access.network import visible_areas
from tejido.aid.models import AreaNeighbour, AreaPlace
from tejido.core.errors import NotFound
from tejido.network.models import Area


@dataclass(frozen=True)
class AreaRow:
    id: int
    name: str
    latitude: float | None
    longitude: float | None
    neighbours: list[int]


def list_area_places(*, viewer: AnyUser | None) -> list[AreaRow]:
    """Every area with its coordinates and neighbours, in three queries."""
    if not can_manage_funds(viewer):
        raise NotFound()
    places = {p.area_id: p for p in AreaPlace.objects.all()}
    near: dict[int, list[int]] = {}
    for area, neighbour in AreaNeighbour.objects.values_list("area", "neighbour"):
        near.setdefault(area, []).append(neighbour)
    rows = []
    for each in visible_areas(viewer):
        place = places.get(each.pk)
        rows.append(
            AreaRow(
                id=each.pk,
                name=each.name,
                latitude=place.latitude if place else None,
                longitude=place.longitude if place else None,
                neighbours=sorted(near.get(each.pk, [])),
            )
        )
    return rows


def get_area_to_place(*, viewer: AnyUser | None, area_id: int) -> Area:
    area = visible_areas(viewer).filter(pk=area_id).first() if can_manage_funds(viewer) else None
    if area is None:
        raise NotFound()
    return area
