"""Support circles at scale for the benchmarks (bench/generate.py calls it): circles of every
theme in both languages, a tenth of them hidden, each with its intake, one or two
facilitators and members in its places, made with bulk_create."""

from __future__ import annotations

import random
from typing import Any

CIRCLE_PREFIX = "Bench circle"


def generate_support(
    rng: random.Random, vetted: list[Any], *, circles: int, batch_size: int
) -> int:
    from tejido.support.models import (
        Circle,
        CircleIntake,
        CircleTheme,
        Facilitator,
        Place,
        PlaceState,
    )

    if not circles or len(vetted) < 12:
        return 0
    themes = list(CircleTheme.values)
    made = Circle.objects.bulk_create(
        [
            Circle(
                name_es=f"Círculo de prueba {n}",
                name_en=f"{CIRCLE_PREFIX} {n}",
                description_es="Un círculo generado.",
                theme=themes[n % len(themes)],
                language="es" if n % 3 else "en",
                size_limit=12,
                is_listed=n % 10 != 0,
            )
            for n in range(circles)
        ],
        batch_size=batch_size,
    )
    CircleIntake.objects.bulk_create(
        [
            CircleIntake(
                circle=circle,
                questions=[{"es": "¿Qué esperas del círculo?", "en": "What do you hope for?"}],
                agreement_es="Lo que se dice en el círculo se queda en el círculo.",
                agreement_en="What is said in the circle stays in the circle.",
            )
            for circle in made
        ],
        batch_size=batch_size,
    )
    facilitators, places = [], []
    for circle in made:
        people = rng.sample(vetted, 12)
        facilitators += [Facilitator(circle=circle, user=u) for u in people[: rng.randint(1, 2)]]
        states = [PlaceState.MEMBER] * 8 + [PlaceState.ASKED, PlaceState.WAITLISTED]
        places += [
            Place(circle=circle, user=user, state=state)
            for user, state in zip(people[2:], states, strict=True)
        ]
    Facilitator.objects.bulk_create(facilitators, batch_size=batch_size)
    Place.objects.bulk_create(places, batch_size=batch_size)
    # Facilitators are flagged so the audiences' check knows to look for their circles.
    type(vetted[0]).objects.filter(pk__in={f.user_id for f in facilitators}).update(
        is_facilitator=True
    )
    return len(made)
