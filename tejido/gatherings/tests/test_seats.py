"""Seats, the waitlist and its promotion, offers and approval, proved on the real database;
the limits hold under concurrency (SQLite and PostgreSQL, in CI)."""

from datetime import timedelta

import pytest
import time_machine

from tejido.accounts.factories import UserFactory
from tejido.core.clock import now
from tejido.core.errors import DomainError, NotFound
from tejido.core.testing import at_once
from tejido.gatherings.errors import EventClosed, NoOffer
from tejido.gatherings.factories import EventFactory, HostFactory, OccurrenceFactory
from tejido.gatherings.models import Event, Rsvp
from tejido.gatherings.services import (
    accept_seat,
    approve_rsvp,
    cancel_rsvp,
    decline_seat,
    lapse_offer,
    rsvp,
)
from tejido.notifications.models import Notice

GOING, MAYBE = Rsvp.Answer.GOING, Rsvp.Answer.MAYBE
CONFIRMED, WAITLISTED = Rsvp.Seat.CONFIRMED, Rsvp.Seat.WAITLISTED


def _seats(occurrence) -> dict[str, int]:
    seats: dict[str, int] = {}
    for seat in Rsvp.objects.filter(occurrence=occurrence).values_list("seat", flat=True):
        seats[seat] = seats.get(seat, 0) + 1
    return seats


def _kinds(user) -> list[str]:
    return list(Notice.objects.filter(user=user).order_by("pk").values_list("kind", flat=True))


@pytest.mark.django_db
def test_going_takes_a_seat_then_the_waitlist_when_full():
    occurrence = OccurrenceFactory(event__capacity=2)
    people = UserFactory.create_batch(3)
    answers = [rsvp(actor=p, occurrence=occurrence, answer=GOING) for p in people]
    assert [a.seat for a in answers] == [CONFIRMED, CONFIRMED, WAITLISTED]
    assert _kinds(people[0]) == ["rsvp_confirmed"]
    assert _kinds(people[2]) == ["rsvp_waitlisted"]
    assert Notice.objects.get(user=people[2]).params["position"] == 1


@pytest.mark.django_db
def test_a_freed_seat_goes_to_the_first_waiting_at_once():
    occurrence = OccurrenceFactory(event__capacity=1)
    first, second, third = UserFactory.create_batch(3)
    for person in (first, second, third):
        rsvp(actor=person, occurrence=occurrence, answer=GOING)
    cancel_rsvp(actor=first, occurrence=occurrence)
    assert Rsvp.objects.get(user=second).seat == CONFIRMED
    assert Rsvp.objects.get(user=third).seat == WAITLISTED
    assert _kinds(second)[-1] == "rsvp_promoted"


@pytest.mark.django_db
def test_answering_maybe_frees_the_seat_too():
    occurrence = OccurrenceFactory(event__capacity=1)
    first, second = UserFactory.create_batch(2)
    rsvp(actor=first, occurrence=occurrence, answer=GOING)
    rsvp(actor=second, occurrence=occurrence, answer=GOING)
    rsvp(actor=first, occurrence=occurrence, answer=MAYBE)
    assert Rsvp.objects.get(user=first).seat == Rsvp.Seat.NONE
    assert Rsvp.objects.get(user=second).seat == CONFIRMED


@pytest.mark.django_db
def test_an_offered_seat_is_held_then_passes_to_the_next():
    occurrence = OccurrenceFactory(event__capacity=1, event__promotion=Event.Promotion.OFFER)
    first, second, third = UserFactory.create_batch(3)
    for person in (first, second, third):
        rsvp(actor=person, occurrence=occurrence, answer=GOING)
    cancel_rsvp(actor=first, occurrence=occurrence)
    offer = Rsvp.objects.get(user=second)
    assert offer.seat == Rsvp.Seat.OFFERED
    assert _kinds(second)[-1] == "seat_offered"
    # Too early, nothing lapses.
    assert not lapse_offer(rsvp_id=offer.pk, expires_at=offer.offer_expires_at.isoformat())
    assert offer.offer_expires_at is not None
    with time_machine.travel(offer.offer_expires_at + timedelta(seconds=1)):
        assert lapse_offer(rsvp_id=offer.pk, expires_at=offer.offer_expires_at.isoformat())
        with pytest.raises(NoOffer):
            accept_seat(actor=second, occurrence=occurrence)
    assert Rsvp.objects.get(user=second).answer == Rsvp.Answer.NOT_GOING
    assert Rsvp.objects.get(user=third).seat == Rsvp.Seat.OFFERED
    assert _kinds(second)[-1] == "seat_offer_lapsed"


@pytest.mark.django_db
def test_accepting_or_declining_an_offer():
    occurrence = OccurrenceFactory(event__capacity=1, event__promotion=Event.Promotion.OFFER)
    first, second, third = UserFactory.create_batch(3)
    for person in (first, second, third):
        rsvp(actor=person, occurrence=occurrence, answer=GOING)
    cancel_rsvp(actor=first, occurrence=occurrence)
    decline_seat(actor=second, occurrence=occurrence)
    assert Rsvp.objects.get(user=third).seat == Rsvp.Seat.OFFERED
    assert accept_seat(actor=third, occurrence=occurrence).seat == CONFIRMED


@pytest.mark.django_db
def test_approval_holds_each_place_until_a_host_decides():
    occurrence = OccurrenceFactory(event__capacity=5, event__needs_approval=True)
    host = HostFactory(event=occurrence.event).user
    member = UserFactory()
    assert rsvp(actor=member, occurrence=occurrence, answer=GOING).seat == Rsvp.Seat.PENDING
    assert "rsvp_to_decide" in _kinds(host)
    assert approve_rsvp(actor=host, occurrence=occurrence, member=member).seat == CONFIRMED
    with pytest.raises(DomainError):
        approve_rsvp(actor=member, occurrence=occurrence, member=member)


@pytest.mark.django_db
def test_no_answers_once_it_has_ended_or_was_cancelled():
    occurrence = OccurrenceFactory(event__capacity=5)
    member = UserFactory()
    ended = occurrence.ends_at + timedelta(minutes=1)
    with time_machine.travel(ended), pytest.raises(EventClosed):
        rsvp(actor=member, occurrence=occurrence, answer=GOING)
    occurrence.cancelled_at = now()
    occurrence.save()
    with pytest.raises(EventClosed):
        rsvp(actor=member, occurrence=occurrence, answer=GOING)


@pytest.mark.django_db
def test_an_event_one_may_not_see_is_not_found():
    occurrence = OccurrenceFactory(event=EventFactory(visibility=Event.Visibility.INVITATION))
    with pytest.raises(NotFound):
        rsvp(actor=UserFactory(), occurrence=occurrence, answer=GOING)


@pytest.mark.django_db(transaction=True)
def test_two_hundred_at_once_for_twenty_seats():
    occurrence = OccurrenceFactory(event__capacity=20)
    people = UserFactory.create_batch(200)
    outcomes = at_once(
        *[lambda p=p: rsvp(actor=p, occurrence=occurrence, answer=GOING) for p in people],
        refused=DomainError,
    )
    assert outcomes == ["done"] * 200
    assert _seats(occurrence) == {CONFIRMED: 20, WAITLISTED: 180}


@pytest.mark.django_db(transaction=True)
def test_cancellations_at_once_promote_each_waiting_person_once():
    occurrence = OccurrenceFactory(event__capacity=10)
    going = UserFactory.create_batch(10)
    waiting = UserFactory.create_batch(10)
    for person in going + waiting:
        rsvp(actor=person, occurrence=occurrence, answer=GOING)
    outcomes = at_once(
        *[lambda p=p: cancel_rsvp(actor=p, occurrence=occurrence) for p in going],
        refused=DomainError,
    )
    assert outcomes == ["done"] * 10
    assert _seats(occurrence) == {CONFIRMED: 10}
    for person in waiting:
        assert _kinds(person).count("rsvp_promoted") == 1
