from tejido.support.models.circles import (
    Circle,
    CircleKind,
    CircleTheme,
    Facilitator,
    KeepApart,
    Place,
    PlaceState,
)

__all__ = [
    "Circle",
    "CircleKind",
    "CircleTheme",
    "Facilitator",
    "KeepApart",
    "Place",
    "PlaceState",
]

# Sessions and facilitator notes.
from tejido.support.models.notes import FacilitatorNote
from tejido.support.models.sessions import Attendance

__all__ += ["Attendance", "FacilitatorNote"]
