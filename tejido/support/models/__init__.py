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
