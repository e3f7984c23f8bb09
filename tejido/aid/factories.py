"""Test factories for the aid board. They write the models directly: tests of a rule call the
services."""

from datetime import timedelta
from decimal import Decimal

import factory

from tejido.accounts.factories import UserFactory
from tejido.aid.models import (
    AidOffer,
    AidRequest,
    Category,
    Fund,
    Match,
    MatchState,
    Message,
    ProposedBy,
    Visibility,
)
from tejido.core.clock import now


class AidRequestFactory(factory.django.DjangoModelFactory):
    """An open request for food, seen by every vetted member, for two weeks."""

    class Meta:
        model = AidRequest

    requester = factory.SubFactory(UserFactory)
    category = Category.FOOD
    title = factory.Sequence(lambda n: f"Comida para esta semana {n}")
    description = "Una compra pequeña."
    visibility = Visibility.MEMBERS
    opened_at = factory.LazyFunction(now)
    expires_at = factory.LazyAttribute(lambda r: r.opened_at + timedelta(days=14))


class MoneyRequestFactory(AidRequestFactory):
    category = Category.MONEY
    visibility = Visibility.ORGANISERS
    amount = Decimal("150.00")
    purpose = "El abono de transporte del mes."


class AidOfferFactory(factory.django.DjangoModelFactory):
    """An open offer of food, seen by every vetted member, for three months."""

    class Meta:
        model = AidOffer

    helper = factory.SubFactory(UserFactory)
    category = Category.FOOD
    title = factory.Sequence(lambda n: f"Puedo cocinar {n}")
    description = "Cocino de más los domingos."
    opened_at = factory.LazyFunction(now)
    expires_at = factory.LazyAttribute(lambda o: o.opened_at + timedelta(days=90))


class MatchFactory(factory.django.DjangoModelFactory):
    """A helper's offer on a request, waiting for the requester's answer."""

    class Meta:
        model = Match

    request = factory.SubFactory(AidRequestFactory)
    helper = factory.SubFactory(UserFactory)
    proposed_by = ProposedBy.HELPER
    state = MatchState.PROPOSED
    created_at = factory.LazyFunction(now)


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    match = factory.SubFactory(MatchFactory)
    author = factory.LazyAttribute(lambda m: m.match.helper)
    body = "Hola, puedo ayudar."
    created_at = factory.LazyFunction(now)


class FundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fund

    name = factory.Sequence(lambda n: f"Fondo {n}")
