"""Test and demo factories for support circles."""

import factory

from tejido.support.models import Circle, CircleIntake, Facilitator, Place, PlaceIntake


class CircleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Circle
        skip_postgeneration_save = True

    name_es = factory.Sequence(lambda n: f"Círculo {n}")
    name_en = factory.Sequence(lambda n: f"Circle {n}")
    theme = Circle.Theme.COMING_OUT
    language = "es"
    size_limit = 8
    intake = factory.RelatedFactory("tejido.support.factories.CircleIntakeFactory", "circle")


class CircleIntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CircleIntake

    circle = factory.SubFactory(CircleFactory, intake=None)
    questions = factory.LazyFunction(
        lambda: [{"es": "¿Qué esperas del círculo?", "en": "What do you hope for?"}]
    )
    agreement_es = "Lo que se dice en el círculo se queda en el círculo."
    agreement_en = "What is said in the circle stays in the circle."


class FacilitatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facilitator

    circle = factory.SubFactory(CircleFactory)
    user = factory.SubFactory("tejido.accounts.factories.UserFactory", is_facilitator=True)


class PlaceFactory(factory.django.DjangoModelFactory):
    """A member in the circle, who accepted its current agreement."""

    class Meta:
        model = Place
        skip_postgeneration_save = True

    circle = factory.SubFactory(CircleFactory)
    user = factory.SubFactory("tejido.accounts.factories.UserFactory")
    state = Place.State.MEMBER
    intake = factory.RelatedFactory(
        "tejido.support.factories.PlaceIntakeFactory",
        "place",
        agreed_version=factory.SelfAttribute("..circle.intake.agreement_version"),
    )


class PlaceIntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaceIntake

    place = factory.SubFactory(PlaceFactory, intake=None)
    answers = ""
    agreed_version = 1
