"""Factories for directory tests: a public organisation with a public service by default.
`ServiceFactory` makes its search words (`index_services`) as the services do; call
`index_services` again after adding terms, places or languages to one."""

from datetime import time
from typing import Any, cast

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
    CostOption,
    Language,
    Location,
    Organization,
    Recommendation,
    Review,
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
from tejido.network.factories import AreaFactory


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


# A recommendation organisers approved.
APPROVED_REVIEW = {"review": Review.APPROVED, "reviewed_at": "2026-01-01T00:00Z"}


def directory_of(size: int) -> None:
    """`size` services at places of one area, each with hours (its own and its place's), a
    language, a cost, terms, an approved and a waiting recommendation and a suggestion; and
    `size` businesses there, each with two opening hours, a vouch and a recommendation: the
    network the query-count tests of the directory's pages and API measure at two sizes."""
    area = AreaFactory()
    for number in range(size):
        service = tag(cast(Service, ServiceFactory(name=f"Servicio {number}")), "food", "free")
        place = LocationFactory(area=area)
        AddressFactory(location=place)
        at = ServiceAtLocationFactory(service=service, location=place)
        ScheduleFactory(service=service)
        ScheduleFactory(service=None, service_at_location=at)
        Language.objects.create(service=service, code="es")
        CostOption.objects.create(service=service, amount=0)
        RecommendationFactory(service=service, **APPROVED_REVIEW)
        business = BusinessFactory(area=area)
        BusinessHoursFactory(business=business)
        BusinessHoursFactory(business=business, byday="SU", opens_at=time(11), closes_at=time(14))
        VouchFactory(business=business)
        RecommendationFactory(service=None, business=business, **APPROVED_REVIEW)
        SuggestionFactory(service=service)
        RecommendationFactory(service=service)
