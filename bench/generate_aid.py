"""The aid board at scale for the benchmarks (bench/generate.py calls it): open requests and
offers over the generated members, across every category, area, urgency and audience, with
time windows and expiries, made with bulk_create (the sealed fields are sealed on the way)."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

NEEDS = (
    ("Necesito compañía para ir al médico", "Company to a clinic appointment"),
    ("Busco sitio para dormir unas noches", "A place to stay for a few nights"),
    ("Ayuda con el cambio de nombre", "Help with the name change paperwork"),
    ("Ropa y binders de mi talla", "Clothes and binders in my size"),
    ("Una pista de trabajo", "A job lead"),
    ("Comida para esta semana", "Food for this week"),
)


def generate_aid(
    rng: random.Random,
    vetted: list[Any],
    areas: list[Any],
    *,
    requests: int,
    offers: int,
    batch_size: int,
) -> tuple[int, int]:
    from django.utils import timezone

    from tejido.aid.models import AidOffer, AidRequest
    from tejido.aid.models.board import SENSITIVE, Category, Urgency, Visibility
    from tejido.core.text import fold

    if not vetted:
        return 0, 0
    now = timezone.now()
    categories = list(Category.values)
    languages = (["es"], ["es", "en"], ["en"], ["es", "ca"])

    def window() -> list[list[str]]:
        if rng.random() < 0.5:
            return []
        start = now + timedelta(hours=rng.randint(0, 24 * 14))
        return [[start.isoformat(), (start + timedelta(hours=rng.randint(2, 48))).isoformat()]]

    made_requests = []
    for n in range(requests):
        category = categories[n % len(categories)]
        title, _english = NEEDS[n % len(NEEDS)]
        if category in SENSITIVE:
            visibility = Visibility.ORGANISERS if n % 3 else Visibility.HELPERS
        else:
            visibility = (Visibility.MEMBERS, Visibility.MEMBERS, Visibility.HELPERS)[n % 3]
        opened = now - timedelta(hours=rng.randint(0, 24 * 20))
        description = f"Petición generada {n}."
        made_requests.append(
            AidRequest(
                requester=rng.choice(vetted),
                category=category,
                title=f"{title} ({n})",
                description=description,
                urgency=rng.choice(Urgency.values),
                visibility=visibility,
                anonymous=n % 5 == 0,
                amount=25 + n % 200 if category == Category.MONEY else None,
                purpose="Transporte" if category == Category.MONEY else "",
                area=rng.choice(areas) if areas else None,
                languages=rng.choice(languages),
                windows=window(),
                opened_at=opened,
                expires_at=opened + timedelta(days=30),
                search_words=fold(f"{title} ({n}) {description}")
                if visibility == Visibility.MEMBERS
                else "",
            )
        )
    AidRequest.objects.bulk_create(made_requests, batch_size=batch_size)
    made_offers = []
    for n in range(offers):
        category = categories[(n * 7) % len(categories)]
        opened = now - timedelta(hours=rng.randint(0, 24 * 20))
        title = f"Puedo ayudar ({n})"
        made_offers.append(
            AidOffer(
                helper=rng.choice(vetted),
                category=category,
                title=title,
                description="Oferta generada.",
                visibility=Visibility.MEMBERS if n % 10 else Visibility.ORGANISERS,
                area=rng.choice(areas) if areas else None,
                languages=rng.choice(languages),
                windows=window(),
                opened_at=opened,
                expires_at=opened + timedelta(days=60),
                search_words=fold(f"{title} Oferta generada."),
            )
        )
    AidOffer.objects.bulk_create(made_offers, batch_size=batch_size)
    return len(made_requests), len(made_offers)
