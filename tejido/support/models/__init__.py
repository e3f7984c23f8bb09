from tejido.support.models.circles import (
    Circle,
    CircleKind,
    CircleTheme,
    Facilitator,
    KeepApart,
    Place,
    PlaceState,
)
from tejido.support.models.intake import CircleIntake, PlaceIntake

__all__ = [
    "Circle",
    "CircleIntake",
    "CircleKind",
    "CircleTheme",
    "Facilitator",
    "KeepApart",
    "Place",
    "PlaceIntake",
    "PlaceState",
]

# Sessions and facilitator notes.
from tejido.support.models.notes import FacilitatorNote
from tejido.support.models.sessions import Attendance

__all__ += ["Attendance", "FacilitatorNote"]
