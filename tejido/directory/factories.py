"""Factories for directory tests: a public organisation with a public service by default.
`ServiceFactory` makes its search words (`index_services`) as the services do; call
`index_services` again after adding terms, places or languages to one."""

from datetime import time
from typing import Any

import factory

from tejido.accounts.factories import UserFactory
from tejido.directory.indexing import index_business, index_services
from tejido.directory.models import (
    ATTRIBUTES_ID,
    CATEGORIES_ID,
    Address,
    Attribute,
    Business,
    BusinessHours,
    Location,
    Organization,
    Recommendation,
    Schedule,
    Service,
    ServiceAtLocation,
    Suggestion,
    Taxonomy,
    TaxonomyTerm,
    Visibility,
    Vouch,
)
from tejido.directory.taxonomy_seed import seed_taxonomies


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Colectivo {n}")
    description = "Una organización de prueba."
    visibility = Visibility.PUBLIC


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Servicio {n}")
    description = ""
    visibility = Visibility.PUBLIC

    @factory.post_generation
    def indexed(obj: Service, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            index_services([obj.pk])


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Local {n}")
    visibility = Visibility.PUBLIC


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    location = factory.SubFactory(LocationFactory)
    address_1 = factory.Sequence(lambda n: f"Calle del Ejemplo {n}")
    city = "Madrid"
    state_province = "Madrid"
    postal_code = "28001"
    country = "ES"


class ServiceAtLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)


class ScheduleFactory(factory.django.DjangoModelFactory):
    """Weekdays, 9:00 to 17:00, in the network's time zone."""

    class Meta:
        model = Schedule

    service = factory.SubFactory(ServiceFactory)
    freq = "WEEKLY"
    byday = "MO,TU,WE,TH,FR"
    opens_at = time(9, 0)
    closes_at = time(17, 0)


def term(code: str) -> TaxonomyTerm:
    """One of the seeded categories or attributes, by its code (seeded again first when a
    transactional test emptied the database)."""
    seeded = TaxonomyTerm.objects.filter(taxonomy_detail__in=[CATEGORIES_ID, ATTRIBUTES_ID])
    if not seeded.exists():
        seed_taxonomies(Taxonomy, TaxonomyTerm)
    return seeded.get(code=code)


def tag(service: Service, *codes: str) -> Service:
    """Give the service these seeded terms, and make its words again."""
    for code in codes:
        Attribute.objects.create(
            link_entity="service", link_id=service.pk, taxonomy_term=term(code)
        )
    index_services([service.pk])
    return service


class BusinessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Business
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Peluquería {n}")
    kind = Business.Kind.HAIR
    description = "Un negocio de prueba."
    visibility = Visibility.PUBLIC

    @factory.post_generation
    def indexed(obj: Business, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            index_business(obj)


class BusinessHoursFactory(factory.django.DjangoModelFactory):
    """Tuesday to Saturday, 10:00 to 20:00, in the network's time zone."""

    class Meta:
        model = BusinessHours

    business = factory.SubFactory(BusinessFactory)
    byday = "TU,WE,TH,FR,SA"
    opens_at = time(10, 0)
    closes_at = time(20, 0)


class VouchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vouch

    business = factory.SubFactory(BusinessFactory)
    member = factory.SubFactory(UserFactory)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    author = factory.SubFactory(UserFactory)
    service = factory.SubFactory(ServiceFactory)
    note = "Me trataron muy bien."


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    kind = Suggestion.Kind.OUTDATED
    author = factory.SubFactory(UserFactory)
    service = factory.SubFactory(ServiceFactory)
    text = "El horario ha cambiado."
