"""The batched forms of the event policy a calendar feed uses: `event_relations` answers as
`event_relation` does for each event, and `detailed_cards` as `detailed_card` does for each
occurrence (the place included), in a fixed number of queries."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tejido.access.event_cards import detailed_card, detailed_cards
from tejido.access.events import event_relation, event_relations
from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
from tejido.gatherings.factories import (
    EventFactory,
    HostFactory,
    OccurrenceFactory,
    RsvpFactory,
)
from tejido.gatherings.models import Host, Occurrence, Rsvp
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import GroupMembership

pytestmark = pytest.mark.django_db


def _world():
    group = GroupFactory()
    events = [
        EventFactory(),
        EventFactory(group=group),
        EventFactory(group=GroupFactory()),
        EventFactory(),
    ]
    member = UserFactory()
    HostFactory(event=events[0], user=member)
    HostFactory(event=events[3], user=member, role=Host.Role.FACILITATOR)
    GroupMembershipFactory(group=group, user=member, role=GroupMembership.Role.ORGANISER)
    return events, member


def test_event_relations_answer_as_event_relation_does():
    events, member = _world()
    from django.contrib.auth.models import AnonymousUser

    for viewer in (member, UserFactory(), OrganiserFactory(), ApplicantFactory(), None):
        batched = event_relations(viewer, events)
        assert batched == {e.pk: event_relation(viewer, e) for e in events}
    assert event_relations(AnonymousUser(), events)[events[0].pk].runs is False
    assert event_relations(member, []) == {}
    # Events of the network only: one query.
    plain = [EventFactory(), EventFactory()]
    with CaptureQueriesContext(connection) as queries:
        event_relations(member, plain)
    assert len(queries) == 1


def test_detailed_cards_answer_as_detailed_card_does_with_the_place():
    events, member = _world()
    occurrences = [OccurrenceFactory(event=e) for e in events]
    RsvpFactory(occurrence=occurrences[2], user=UserFactory())
    confirmed = UserFactory()
    RsvpFactory(occurrence=occurrences[0], user=confirmed)
    RsvpFactory(occurrence=occurrences[1], user=confirmed, answer="maybe", seat=Rsvp.Seat.NONE)
    fetched = list(
        Occurrence.objects.filter(pk__in=[o.pk for o in occurrences])
        .select_related("event__area", "event__group")
        .order_by("pk")
    )
    moment = occurrences[0].starts_at - timedelta(hours=1)
    with time_machine.travel(moment, tick=False):
        for viewer in (member, confirmed, UserFactory(), None):
            relations = event_relations(viewer, events)
            batched = detailed_cards(viewer, fetched, relations=relations, now=moment)
            one_by_one = [
                detailed_card(viewer, o, relation=relations[o.event_id], now=moment)
                for o in fetched
            ]
            assert batched == one_by_one
    assert detailed_cards(
        confirmed, fetched, relations=event_relations(confirmed, events), now=moment
    )[0].place


def test_detailed_cards_cost_the_same_for_two_dates_or_eight():
    viewer = UserFactory()

    def cost(n: int) -> int:
        occurrences = [RsvpFactory(user=viewer).occurrence for _ in range(n)]
        fetched = list(
            Occurrence.objects.filter(pk__in=[o.pk for o in occurrences]).select_related(
                "event__area", "event__group"
            )
        )
        with CaptureQueriesContext(connection) as queries:
            relations = event_relations(viewer, [o.event for o in fetched])
            cards = detailed_cards(viewer, fetched, relations=relations, now=fetched[0].starts_at)
        assert len(cards) == n
        return len(queries)

    assert cost(2) == cost(8)
