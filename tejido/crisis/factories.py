import factory

from tejido.crisis.models import Country, CrisisLine, LineAudience


class CrisisLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrisisLine

    country = Country.ES
    name_es = factory.Sequence(lambda n: f"Línea de apoyo {n}")
    name_en = factory.Sequence(lambda n: f"Support line {n}")
    phone = factory.Sequence(lambda n: f"900 000 {n:03d}")
    hours = "24/7"
    languages = factory.LazyFunction(lambda: ["es"])
    audience = LineAudience.EVERYONE
