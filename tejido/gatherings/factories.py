from datetime import timedelta

import factory

from tejido.accounts.factories import UserFactory
from tejido.core.clock import now
from tejido.gatherings.models import (
    Claim,
    Event,
    Film,
    Host,
    Occurrence,
    Poll,
    PollOption,
    Rsvp,
    Slot,
)


class EventFactory(factory.django.DjangoModelFactory):
    """A network event, a week from now, once. Pass `recurrence` for a series (its dates are
    not made: use event_services.make_occurrences, or OccurrenceFactory for one date)."""

    class Meta:
        model = Event

    kind = Event.Kind.SOCIAL
    title_es = factory.Sequence(lambda n: f"Encuentro {n}")
    title_en = factory.Sequence(lambda n: f"Gathering {n}")
    description_es = "Nos vemos."
    description_en = "See you there."
    starts_at = factory.LazyFunction(lambda: now().replace(microsecond=0) + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + timedelta(hours=2))
    address = "Calle Falsa 123"


class OccurrenceFactory(factory.django.DjangoModelFactory):
    """One date of an event, at the event's own start unless told otherwise."""

    class Meta:
        model = Occurrence

    event = factory.SubFactory(EventFactory)
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at)
    ends_at = factory.LazyAttribute(lambda o: o.event.ends_at)
    original_start = factory.LazyAttribute(lambda o: o.starts_at)


class HostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Host

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    role = Host.Role.HOST


class RsvpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rsvp

    occurrence = factory.SubFactory(OccurrenceFactory)
    user = factory.SubFactory(UserFactory)
    answer = Rsvp.Answer.GOING
    seat = Rsvp.Seat.CONFIRMED
    queued_at = factory.LazyFunction(now)


class SlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Slot

    occurrence = factory.SubFactory(OccurrenceFactory)
    course = Slot.Course.DESSERT
    wanted = 2


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    slot = factory.SubFactory(SlotFactory)
    user = factory.SubFactory(UserFactory)
    dish = factory.Sequence(lambda n: f"Flan {n}")


class FilmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Film

    title = factory.Sequence(lambda n: f"Film {n}")
    year = 2001
    original_language = "es"
    runtime_minutes = 95


class PollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Poll

    title_es = "¿Qué vemos?"
    title_en = "What shall we watch?"
    closes_at = factory.LazyFunction(lambda: now() + timedelta(days=7))


class PollOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PollOption

    poll = factory.SubFactory(PollFactory)
    film = factory.SubFactory(FilmFactory)
