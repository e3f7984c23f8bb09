import factory

from tejido.network.models import Area


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Barrio {n}")
    position = factory.Sequence(lambda n: n)
