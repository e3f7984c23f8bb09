"""Test and demo factories for membership."""

from datetime import timedelta
from typing import Any

import factory

from tejido.accounts.factories import ApplicantFactory, OrganiserFactory
from tejido.core.clock import now
from tejido.membership.models import (
    Application,
    ApplicationAnswer,
    ApplicationQuestion,
    CodeOfConduct,
    Invitation,
)
from tejido.membership.tokens import token_digest


class ApplicationQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationQuestion

    text_es = factory.Sequence(lambda n: f"¿Pregunta {n}?")
    text_en = factory.Sequence(lambda n: f"Question {n}?")
    required = True
    active = True
    position = factory.Sequence(lambda n: n)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application waiting for review, from a fresh applicant."""

    class Meta:
        model = Application

    user = factory.SubFactory(ApplicantFactory)


class ApplicationAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationAnswer

    application = factory.SubFactory(ApplicationFactory)
    question = factory.SubFactory(ApplicationQuestionFactory)
    text = "An answer."


class CodeOfConductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CodeOfConduct

    version = factory.Sequence(lambda n: n + 1)
    text_es = "Nos cuidamos entre todas las personas."
    text_en = "We look after each other."


class InvitationFactory(factory.django.DjangoModelFactory):
    """An invitation link. The model keeps only the token's digest; the factory leaves the
    token itself on `invitation.token` for tests. Pass `token="..."` to choose it."""

    class Meta:
        model = Invitation

    token = factory.Sequence(lambda n: f"test-invitation-token-{n:04d}-abcdefghijklmnop")
    token_digest = factory.LazyAttribute(lambda o: token_digest(o.token))
    created_by = factory.SubFactory(OrganiserFactory)
    max_uses = 1
    expires_at = factory.LazyFunction(lambda: now() + timedelta(days=7))

    @classmethod
    def _create(cls, model_class: type[Invitation], *args: Any, **kwargs: Any) -> Invitation:
        token = kwargs.pop("token")
        invitation = super()._create(model_class, *args, **kwargs)
        invitation.token = token
        return invitation
