"""Organisers say where areas lie, for matching: an area's coordinates, and the areas next to
it (kept in both directions)."""

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from tejido.access.aid import can_manage_funds
from tejido.accounts.models import User
from tejido.aid.models import AreaNeighbour, AreaPlace
from tejido.audit.services import record_action
from tejido.core.errors import InvalidInput, NotFound
from tejido.network.models import Area


def _coordinate(value: Any, *, field: str, limit: float) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not -limit <= value <= limit
    ):
        raise InvalidInput(
            detail={
                field: gettext("Enter a number from %(low)s to %(high)s.")
                % {"low": -limit, "high": limit}
            }
        )
    return float(value)


@transaction.atomic
def set_area_place(
    *, actor: User, area: Area, latitude: Any, longitude: Any, neighbours: list[Area]
) -> None:
    """Where `area` lies: its coordinates (both None: not known) and its neighbours."""
    if not can_manage_funds(actor):
        raise NotFound()
    if latitude is None and longitude is None:
        AreaPlace.objects.filter(area=area).delete()
    else:
        AreaPlace.objects.update_or_create(
            area=area,
            defaults={
                "latitude": _coordinate(latitude, field="latitude", limit=90),
                "longitude": _coordinate(longitude, field="longitude", limit=180),
            },
        )
    if any(not isinstance(other, Area) or other.pk == area.pk for other in neighbours):
        raise InvalidInput(detail={"neighbours": gettext("Choose other areas from the list.")})
    neighbours = list({other.pk: other for other in neighbours}.values())
    AreaNeighbour.objects.filter(Q(area=area) | Q(neighbour=area)).delete()
    AreaNeighbour.objects.bulk_create(
        [AreaNeighbour(area=area, neighbour=other) for other in neighbours]
        + [AreaNeighbour(area=other, neighbour=area) for other in neighbours]
    )
    record_action(actor=actor, action="aid.area_place", target=area)
