"""Where the network's areas lie, for matching: organisers give an area its coordinates, or
name the areas next to it (or both). Kept here, beside the matching that reads them, rather
than on the network's own areas."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class AreaPlace(models.Model):
    area = models.OneToOneField(
        "network.Area", on_delete=models.CASCADE, primary_key=True, related_name="aid_place"
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90), name="aid_latitude_in_range"
            ),
            models.CheckConstraint(
                condition=Q(longitude__gte=-180, longitude__lte=180),
                name="aid_longitude_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"place of area #{self.area_id}"


class AreaNeighbour(models.Model):
    """One direction of two areas being next to each other; services keep both."""

    area = models.ForeignKey("network.Area", on_delete=models.CASCADE, related_name="+")
    neighbour = models.ForeignKey("network.Area", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "neighbour"], name="aid_neighbours_once"),
            models.CheckConstraint(
                condition=~Q(area=F("neighbour")), name="aid_area_not_its_own_neighbour"
            ),
        ]

    def __str__(self) -> str:
        return f"areas #{self.area_id} and #{self.neighbour_id}"
