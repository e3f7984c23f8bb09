"""Who came to a circle's session, as its facilitators recorded it. A circle's sessions are
gatherings events (visibility "circle", tejido.access.events); attendance hangs on the member's
place in the circle, so leaving the circle takes it away with the place."""

from django.conf import settings
from django.db import models

from tejido.core.models import TimeStamped
from tejido.support.models.circles import Place


class Attendance(TimeStamped):
    occurrence = models.ForeignKey(
        "gatherings.Occurrence", on_delete=models.CASCADE, related_name="circle_attendance"
    )
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "place"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"attendance #{self.pk}"
