from datetime import timedelta

import factory

from tejido.core.text import fold
from tejido.professionals.models import VERIFIED_FOR_DAYS, Cost, Profession, Professional
from tejido.professionals.moments import today


class ProfessionalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Professional

    name = factory.Sequence(lambda n: f"Alex Profesional {n}")
    profession = Profession.PSYCHOLOGIST
    specialities_es = "Identidad de género y salida del armario"
    specialities_en = "Gender identity and coming out"
    languages = " es en "
    cost = Cost.SLIDING
    how_to_reach = factory.Sequence(lambda n: f"Teléfono 600 000 {n:03d}")
    verified_on = factory.LazyFunction(today)
    verify_again_by = factory.LazyAttribute(
        lambda p: p.verified_on + timedelta(days=VERIFIED_FOR_DAYS)
    )
    verified_by = factory.SubFactory("tejido.accounts.factories.OrganiserFactory")
    words = factory.LazyAttribute(
        lambda p: fold(f"{p.name} {p.specialities_es} {p.specialities_en} psicologa psychologist")
    )
    sort_name = factory.LazyAttribute(lambda p: fold(p.name))
