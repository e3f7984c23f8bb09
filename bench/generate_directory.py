"""The directory at scale for the benchmarks (bench/generate.py calls it): organisations with
services across the seeded categories and attributes, in both languages, some members-only
or organisers-only, delivered at places in the generated areas, with languages, costs and
opening hours; then every service's search words made by the directory's own indexing."""

from __future__ import annotations

import random
from datetime import time
from decimal import Decimal
from typing import Any

BENCH_ORGANIZATION = "Bench colectivo"
# Words a search benchmark asks for (bench/directory_search.py): each names many services.
KINDS = (
    ("Asesoría jurídica", "legal-name-gender"),
    ("Clínica de salud sexual", "health-sexual"),
    ("Acompañamiento psicológico", "health-mental"),
    ("Banco de alimentos", "food"),
    ("Vivienda de emergencia", "housing"),
    ("Bolsa de empleo", "employment"),
    ("Clases de castellano", "education"),
    ("Centro comunitario", "community-centre"),
    ("Línea de escucha", "crisis-line"),
    ("Atención médica trans", "health-gender-affirming"),
)
SERVICES_PER_ORGANIZATION = 5


def generate_directory(
    rng: random.Random, areas: list[Any], *, services: int, batch_size: int
) -> int:
    from tejido.directory.indexing import index_services
    from tejido.directory.models import (
        ATTRIBUTES_ID,
        CATEGORIES_ID,
        Attribute,
        CostOption,
        Language,
        Location,
        Organization,
        Schedule,
        Service,
        ServiceAtLocation,
        Taxonomy,
        TaxonomyTerm,
        Visibility,
    )
    from tejido.directory.taxonomy_seed import seed_taxonomies

    if not services:
        return 0
    seed_taxonomies(Taxonomy, TaxonomyTerm)
    terms = {
        term.code: term
        for term in TaxonomyTerm.objects.filter(taxonomy_detail__in=[CATEGORIES_ID, ATTRIBUTES_ID])
    }
    attributes = [t for t in terms.values() if t.taxonomy_detail_id == ATTRIBUTES_ID]
    organizations = Organization.objects.bulk_create(
        [
            Organization(
                name=f"{BENCH_ORGANIZATION} {n}",
                description="Una organización generada.",
                visibility=Visibility.PUBLIC if n % 10 else Visibility.MEMBERS,
            )
            for n in range(-(-services // SERVICES_PER_ORGANIZATION))
        ],
        batch_size=batch_size,
    )
    places = Location.objects.bulk_create(
        [
            Location(
                organization=organization,
                name=f"Local {n}",
                area=rng.choice(areas) if areas else None,
                visibility=organization.visibility,
            )
            for n, organization in enumerate(organizations)
        ],
        batch_size=batch_size,
    )
    visibilities = [Visibility.PUBLIC] * 16 + [Visibility.MEMBERS] * 3 + [Visibility.ORGANISERS]
    made = Service.objects.bulk_create(
        [
            Service(
                organization=(organization := organizations[n // SERVICES_PER_ORGANIZATION]),
                name=f"{KINDS[n % len(KINDS)][0]} {n}",
                description=f"Servicio generado número {n} para la red.",
                visibility=Visibility.MEMBERS
                if organization.visibility == Visibility.MEMBERS
                else visibilities[n % len(visibilities)],
            )
            for n in range(services)
        ],
        batch_size=batch_size,
    )
    links: list[Any] = []
    languages: list[Any] = []
    hours: list[Any] = []
    costs: list[Any] = []
    delivered: list[Any] = []
    for n, service in enumerate(made):
        category = terms.get(KINDS[n % len(KINDS)][1])
        chosen = [category] if category else []
        chosen += rng.sample(attributes, rng.randint(0, 2))
        links += [
            Attribute(link_entity="service", link_id=service.pk, taxonomy_term=term)
            for term in chosen
        ]
        codes = ("es",) if n % 3 else ("es", "en")
        languages += [Language(service=service, code=code) for code in codes]
        if n % 2:
            hours.append(
                Schedule(
                    service=service,
                    freq="WEEKLY",
                    byday="MO,TU,WE,TH,FR",
                    opens_at=time(9),
                    closes_at=time(rng.choice((14, 17, 20))),
                )
            )
        costs.append(CostOption(service=service, amount=Decimal(0 if n % 4 else 20)))
        delivered.append(
            ServiceAtLocation(service=service, location=places[n // SERVICES_PER_ORGANIZATION])
        )
    for rows in (links, languages, hours, costs, delivered):
        type(rows[0]).objects.bulk_create(rows, batch_size=batch_size)
    index_services(service.pk for service in made)
    return len(made)
