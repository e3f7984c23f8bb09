"""Search and filters over services, on the real database: accents and case do not matter in
either language, words are prefixes, plurals are found from the singular and back, and each
filter narrows as it says. The same corpus runs on PostgreSQL in CI."""

from datetime import datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tejido.core.search import stemmed
from tejido.directory.factories import (
    LocationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    tag,
    term,
)
from tejido.directory.indexing import index_services
from tejido.directory.models import CostOption, Language, Visibility
from tejido.directory.selectors import ServiceFilters, filtered_services, list_services
from tejido.network.factories import AreaFactory

pytestmark = pytest.mark.django_db
MADRID = ZoneInfo("Europe/Madrid")
# A Wednesday at 10:00 in Madrid.
WEDNESDAY_MORNING = datetime(2026, 3, 4, 10, 0, tzinfo=MADRID)


def _names(viewer=None, **filters) -> list[str]:
    found = filtered_services(viewer, ServiceFilters(**filters), moment=WEDNESDAY_MORNING)
    return sorted(found.values_list("name", flat=True))


def test_accents_and_case_do_not_matter_in_either_language():
    ServiceFactory(name="Asesoría jurídica trans", description="Cambio de nombre")
    ServiceFactory(
        name="Legal clinic", translations={"es": {"name": "Clínica legal"}}, description="Free"
    )
    ServiceFactory(name="Banco de alimentos")
    assert _names(q="asesoria juridica") == ["Asesoría jurídica trans"]
    assert _names(q="ASESORÍA") == ["Asesoría jurídica trans"]
    assert _names(q="clinica") == ["Legal clinic"]
    assert _names(q="legal") == ["Legal clinic"]
    assert _names(q="aliment") == ["Banco de alimentos"]
    assert _names(q="!!!") == []


def test_plurals_and_singulars_find_each_other():
    ServiceFactory(name="Clases de español")
    ServiceFactory(name="Servicio de empleo")
    ServiceFactory(name="Abogado de extranjería")
    assert stemmed("servicios clases trans") == "servici clas trans"
    assert _names(q="clase") == ["Clases de español"]
    assert _names(q="clases") == ["Clases de español"]
    assert _names(q="servicios") == ["Servicio de empleo"]
    # Snowball stems: the feminine finds the masculine.
    assert _names(q="abogadas") == ["Abogado de extranjería"]
    assert _names(q="abogada") == ["Abogado de extranjería"]


def test_categories_and_attributes_are_found_by_name_in_both_languages():
    tag(ServiceFactory(name="Casa de acogida"), "housing", "trans-led")
    assert _names(q="vivienda") == ["Casa de acogida"]
    assert _names(q="housing") == ["Casa de acogida"]
    assert _names(q="dirigido trans") == ["Casa de acogida"]


def test_a_category_takes_its_sub_categories():
    tag(ServiceFactory(name="PrEP"), "health-sexual")
    tag(ServiceFactory(name="Médica de familia"), "health-general")
    tag(ServiceFactory(name="Asilo"), "legal-asylum")
    assert _names(category=term("health").pk) == ["Médica de familia", "PrEP"]
    assert _names(category=term("health-sexual").pk) == ["PrEP"]


def test_attribute_language_and_cost_filters():
    free = tag(ServiceFactory(name="Gratis"), "free")
    paid = ServiceFactory(name="De pago")
    CostOption.objects.create(service=paid, amount=Decimal("20"))
    zero = ServiceFactory(name="Cero euros")
    CostOption.objects.create(service=zero, amount=Decimal("0"))
    Language.objects.create(service=free, code="en")
    assert _names(attribute=term("free").pk) == ["Gratis"]
    assert _names(cost="free") == ["Cero euros", "Gratis"]
    assert _names(cost="paid") == ["De pago"]
    assert _names(language="en") == ["Gratis"]


def test_area_counts_only_places_the_viewer_sees(make_user):
    centre = AreaFactory(name="Centro")
    open_place = LocationFactory(area=centre)
    hidden_place = LocationFactory(area=centre, visibility=Visibility.ORGANISERS)
    ServiceAtLocationFactory(service=ServiceFactory(name="En el centro"), location=open_place)
    ServiceAtLocationFactory(service=ServiceFactory(name="Escondido"), location=hidden_place)
    assert _names(area=centre.pk) == ["En el centro"]
    assert _names(make_user(role="organiser"), area=centre.pk) == ["En el centro", "Escondido"]


def test_a_hidden_place_gives_a_service_no_words():
    centre = AreaFactory(name="Lavapiés")
    service = ServiceFactory(name="Acompañamiento")
    place = LocationFactory(area=centre, visibility=Visibility.ORGANISERS)
    ServiceAtLocationFactory(service=service, location=place)
    index_services([service.pk])
    assert _names(q="lavapies") == []
    place.visibility = Visibility.PUBLIC
    place.save()
    index_services([service.pk])
    assert _names(q="lavapies") == ["Acompañamiento"]


def test_open_now_reads_the_schedules_in_the_network_time_zone():
    ScheduleFactory(service=ServiceFactory(name="Mañanas"), opens_at=time(9), closes_at=time(14))
    ScheduleFactory(service=ServiceFactory(name="Tardes"), opens_at=time(16), closes_at=time(20))
    ScheduleFactory(service=ServiceFactory(name="Fin de semana"), byday="SA,SU")
    ScheduleFactory(
        service=ServiceFactory(name="Noches"), byday="TU", opens_at=time(22), closes_at=time(11)
    )
    ScheduleFactory(
        service=ServiceFactory(name="En UTC-5"),
        timezone=Decimal("-5"),
        opens_at=time(4),
        closes_at=time(5),
    )
    ScheduleFactory(service=ServiceFactory(name="Primer miércoles"), freq="MONTHLY", byday="1WE")
    ScheduleFactory(service=ServiceFactory(name="Segundo miércoles"), freq="MONTHLY", byday="2WE")
    ServiceFactory(name="Sin horario")
    assert _names(open_now=True) == ["En UTC-5", "Mañanas", "Noches", "Primer miércoles"]


def test_the_card_says_open_now_as_the_filter_does():
    ScheduleFactory(service=ServiceFactory(name="Mañanas"), opens_at=time(9), closes_at=time(14))
    ServiceFactory(name="Sin horario")
    with time_machine.travel(WEDNESDAY_MORNING, tick=False):
        page = list_services(viewer=None, filters=ServiceFilters())
    assert {card.name: card.open_now for card in page} == {"Mañanas": True, "Sin horario": None}


def test_visitors_see_public_listings_only(make_user):
    ServiceFactory(name="Público")
    ServiceFactory(name="Para socias", visibility=Visibility.MEMBERS)
    ServiceFactory(name="Casa segura", visibility=Visibility.ORGANISERS)
    hidden_org = ServiceFactory(name="De un colectivo oculto").organization
    hidden_org.visibility = Visibility.ORGANISERS
    hidden_org.save()
    assert _names() == ["Público"]
    assert _names(make_user(role="applicant")) == ["Público"]
    assert _names(make_user()) == ["Para socias", "Público"]
    assert _names(make_user(role="organiser")) == [
        "Casa segura",
        "De un colectivo oculto",
        "Para socias",
        "Público",
    ]
