"""Test factories for peer buddies. They write the models directly: tests of a rule call the
services."""

import factory

from tejido.accounts.factories import UserFactory
from tejido.buddies.models import BuddyPair, BuddyProfile, PairState, Thread
from tejido.core.clock import now


class BuddyProfileFactory(factory.django.DjangoModelFactory):
    """A member looking for a buddy who speaks Spanish and would talk about family."""

    class Meta:
        model = BuddyProfile

    user = factory.SubFactory(UserFactory)
    seeking = True
    offering = False
    languages = factory.LazyFunction(lambda: ["es"])
    topics = factory.LazyFunction(lambda: ["family"])
    availability = factory.LazyFunction(lambda: ["weekends"])
    updated_at = factory.LazyFunction(now)


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    created_at = factory.LazyFunction(now)


class BuddyPairFactory(factory.django.DjangoModelFactory):
    """An active pair, proposed by the one looking."""

    class Meta:
        model = BuddyPair

    seeker = factory.SubFactory(UserFactory)
    buddy = factory.SubFactory(UserFactory)
    proposed_by = factory.SelfAttribute("seeker")
    state = PairState.ACTIVE
    thread = factory.SubFactory(ThreadFactory)
    created_at = factory.LazyFunction(now)
