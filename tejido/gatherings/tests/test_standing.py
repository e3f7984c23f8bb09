"""Who keeps what when their standing changes: a host or a member who leaves a group loses its
events and their places; a suspended member's seat is free for others; the attendee list shows
others only who is going; a seat offer that lapses never takes back a seat just accepted."""

from datetime import timedelta

import pytest
import time_machine

from tejido.access.events import (
    can_manage_event,
    can_see_event,
    can_see_place,
    event_relation,
    visible_attendees,
)
from tejido.accounts.factories import UserFactory
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.gatherings.errors import EventClosed
from tejido.gatherings.factories import EventFactory, HostFactory, OccurrenceFactory
from tejido.gatherings.models import Event, Rsvp
from tejido.gatherings.services import (
    accept_seat,
    approve_rsvp,
    cancel_rsvp,
    lapse_offer,
    rsvp,
)
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import GroupMembership
from tejido.groups.services import leave_group

GOING = Rsvp.Answer.GOING


def _group_date(**event):
    group = GroupFactory()
    occurrence = OccurrenceFactory(
        event=EventFactory(group=group, visibility=Event.Visibility.GROUP, **event)
    )
    return group, occurrence


@pytest.mark.django_db
def test_a_host_who_leaves_the_group_keeps_no_power_and_no_place():
    group, occurrence = _group_date()
    host = UserFactory()
    GroupMembershipFactory(group=group, user=host)
    GroupMembershipFactory(group=group, role=GroupMembership.Role.ORGANISER)
    HostFactory(event=occurrence.event, user=host)
    assert can_manage_event(host, occurrence.event)
    leave_group(actor=host, group=group)
    assert not can_see_event(host, occurrence.event)
    assert not event_relation(host, occurrence.event).runs
    assert not can_see_place(host, occurrence, seat="", now=now())


@pytest.mark.django_db
def test_a_member_who_leaves_loses_the_event_and_their_seat_goes_on():
    group, occurrence = _group_date(capacity=1)
    leaving, waiting = UserFactory(), UserFactory()
    for person in (leaving, waiting):
        GroupMembershipFactory(group=group, user=person)
    rsvp(actor=leaving, occurrence=occurrence, answer=GOING)
    rsvp(actor=waiting, occurrence=occurrence, answer=GOING)
    leave_group(actor=leaving, group=group)
    assert not can_see_event(leaving, occurrence.event)
    assert not Rsvp.objects.filter(user=leaving).exists()
    assert Rsvp.objects.get(user=waiting).seat == Rsvp.Seat.CONFIRMED


@pytest.mark.django_db
def test_an_invitation_counts_only_while_the_event_is_by_invitation():
    from tejido.gatherings.models import Invitation

    occurrence = OccurrenceFactory(event=EventFactory(visibility=Event.Visibility.INVITATION))
    guest = UserFactory()
    Invitation.objects.create(event=occurrence.event, user=guest)
    assert can_see_event(guest, occurrence.event)
    group = GroupFactory()
    Event.objects.filter(pk=occurrence.event_id).update(
        visibility=Event.Visibility.GROUP, group=group
    )
    occurrence.event.refresh_from_db()
    assert not can_see_event(guest, occurrence.event)


@pytest.mark.django_db
def test_a_suspended_members_seat_is_free_and_they_are_passed_over():
    occurrence = OccurrenceFactory(event__capacity=1)
    first, suspended, third = UserFactory.create_batch(3)
    rsvp(actor=first, occurrence=occurrence, answer=GOING)
    rsvp(actor=suspended, occurrence=occurrence, answer=GOING)
    rsvp(actor=third, occurrence=occurrence, answer=GOING)
    User.objects.filter(pk=suspended.pk).update(state=User.State.SUSPENDED)
    cancel_rsvp(actor=first, occurrence=occurrence)
    assert Rsvp.objects.get(user=suspended).seat == Rsvp.Seat.WAITLISTED
    assert Rsvp.objects.get(user=third).seat == Rsvp.Seat.CONFIRMED


@pytest.mark.django_db
def test_others_see_only_who_is_going_and_hosts_see_every_answer():
    occurrence = OccurrenceFactory(
        event__capacity=1,
        event__attendee_list=Event.AttendeeList.EVERYONE,
    )
    host = HostFactory(event=occurrence.event).user
    going, waiting, no = UserFactory.create_batch(3)
    rsvp(actor=going, occurrence=occurrence, answer=GOING)
    rsvp(actor=waiting, occurrence=occurrence, answer=GOING)
    rsvp(actor=no, occurrence=occurrence, answer=Rsvp.Answer.NOT_GOING)
    looker = UserFactory()
    assert set(visible_attendees(looker, occurrence)) == {going}
    assert set(visible_attendees(host, occurrence)) == {going, waiting, no}


@pytest.mark.django_db
def test_a_lapsing_offer_leaves_a_seat_accepted_a_moment_before():
    occurrence = OccurrenceFactory(event__capacity=1, event__promotion=Event.Promotion.OFFER)
    first, second = UserFactory.create_batch(2)
    rsvp(actor=first, occurrence=occurrence, answer=GOING)
    rsvp(actor=second, occurrence=occurrence, answer=GOING)
    cancel_rsvp(actor=first, occurrence=occurrence)
    offer = Rsvp.objects.get(user=second)
    expires = offer.offer_expires_at
    assert expires is not None
    accept_seat(actor=second, occurrence=occurrence)
    with time_machine.travel(expires + timedelta(seconds=1)):
        assert not lapse_offer(rsvp_id=offer.pk, expires_at=expires.isoformat())
    assert Rsvp.objects.get(user=second).seat == Rsvp.Seat.CONFIRMED


@pytest.mark.django_db
def test_no_place_is_given_on_a_date_that_is_over():
    occurrence = OccurrenceFactory(event__needs_approval=True)
    host = HostFactory(event=occurrence.event).user
    member = UserFactory()
    rsvp(actor=member, occurrence=occurrence, answer=GOING)
    with time_machine.travel(occurrence.ends_at + timedelta(minutes=1)), pytest.raises(EventClosed):
        approve_rsvp(actor=host, occurrence=occurrence, member=member)
