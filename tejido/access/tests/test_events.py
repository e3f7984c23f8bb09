"""The events policy as a table: every relation to an event against who knows of it, who sees
its hidden place (before and after the reveal time, after the end, once cancelled), who sees
who is going (per the event's setting), who may be told about it, who makes events and who may
answer. Run with --cov=tejido/access/events --cov=tejido/access/event_cards --cov-branch."""

from collections import Counter
from datetime import timedelta

import pytest

from tejido.access.event_cards import (
    STAMP_COLUMNS,
    card_stamps,
    detailed_card,
    events_helped_by,
    occurrence_card,
    occurrence_cards,
)
from tejido.access.events import (
    audience_of_event,
    audience_of_occurrence,
    can_create_event,
    can_manage_event,
    can_record_attendance,
    can_rsvp,
    can_see_address_views,
    can_see_attendees,
    can_see_event,
    can_see_place,
    event_relation,
    groups_for_new_events,
    invited_event,
    place_shown_from,
    visible_attendees,
    visible_events,
    visible_hosts,
    visible_occurrences,
)
from tejido.accounts.factories import (
    ApplicantFactory,
    BlockFactory,
    OrganiserFactory,
    UserFactory,
)
from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.gatherings.factories import (
    EventFactory,
    HostFactory,
    OccurrenceFactory,
    RsvpFactory,
)
from tejido.gatherings.models import Event, Invitation, Occurrence, Rsvp
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import GroupMembership
from tejido.network.factories import AreaFactory

pytestmark = pytest.mark.django_db

ADDRESS = "Calle Escondida 9"
CALL = "https://call.example.org/secret"

RELATIONS = (
    "network_organiser",
    "group_organiser",
    "host",
    "facilitator",
    "confirmed",
    "waitlisted",
    "pending",
    "invited",
    "group_member",
    "other_member",
    "blocked_by_host",
    "blocked_attendee",
    "applicant",
    "anonymous",
    "suspended",
)


def _world(*, visibility=Event.Visibility.NETWORK, listed=True, **event_fields):
    """One occurrence of a group's event and someone in every relation to it."""
    group = GroupFactory(listed=listed)
    event = EventFactory(
        group=group,
        visibility=visibility,
        address=ADDRESS,
        call_link=CALL,
        mode=Event.Mode.BOTH,
        **event_fields,
    )
    occurrence = OccurrenceFactory(event=event)
    people: dict[str, User | None] = {
        "network_organiser": OrganiserFactory(),
        "group_organiser": UserFactory(),
        "host": UserFactory(),
        "facilitator": UserFactory(),
        "confirmed": UserFactory(),
        "waitlisted": UserFactory(),
        "pending": UserFactory(),
        "invited": UserFactory(),
        "group_member": UserFactory(),
        "other_member": UserFactory(),
        "blocked_by_host": UserFactory(),
        "blocked_attendee": UserFactory(),
        "applicant": ApplicantFactory(),
        "anonymous": None,
        "suspended": UserFactory(state=User.State.SUSPENDED),
    }
    GroupMembershipFactory(
        group=group, user=people["group_organiser"], role=GroupMembership.Role.ORGANISER
    )
    GroupMembershipFactory(group=group, user=people["group_member"])
    # Hosts and those who answered are in the group (a host who leaves it keeps nothing, and
    # an answer gives no sight of its own), and hold the link (which counts only while the
    # event is by invitation).
    for key in ("host", "facilitator", "confirmed", "waitlisted", "pending", "blocked_attendee"):
        GroupMembershipFactory(group=group, user=people[key])
        Invitation.objects.create(event=event, user=people[key])
    HostFactory(event=event, user=people["host"])
    HostFactory(event=event, user=people["facilitator"], role="facilitator")
    RsvpFactory(occurrence=occurrence, user=people["confirmed"])
    RsvpFactory(occurrence=occurrence, user=people["waitlisted"], seat=Rsvp.Seat.WAITLISTED)
    RsvpFactory(occurrence=occurrence, user=people["pending"], seat=Rsvp.Seat.PENDING)
    RsvpFactory(occurrence=occurrence, user=people["blocked_attendee"])
    Invitation.objects.create(event=event, user=people["invited"])
    BlockFactory(blocker=people["host"], blocked=people["blocked_by_host"])
    BlockFactory(blocker=people["confirmed"], blocked=people["blocked_attendee"])
    # The suspended member had answered before.
    RsvpFactory(occurrence=occurrence, user=people["suspended"])
    return occurrence, people


def _who(people, check) -> set[str]:
    return {relation for relation, user in people.items() if check(user)}


INSIDE = {"network_organiser", "group_organiser", "host", "facilitator"}
ANSWERED = {"confirmed", "waitlisted", "pending", "blocked_attendee"}
VETTED = set(RELATIONS) - {"applicant", "anonymous", "suspended"}


@pytest.mark.parametrize(
    ("visibility", "listed", "expected"),
    [
        (Event.Visibility.NETWORK, True, VETTED),
        # A hidden group's network event: those who may see the group (an invitation counts
        # only on an invitation-only event).
        (Event.Visibility.NETWORK, False, INSIDE | ANSWERED | {"group_member"}),
        (Event.Visibility.GROUP, True, INSIDE | ANSWERED | {"group_member"}),
        (Event.Visibility.INVITATION, True, INSIDE | ANSWERED | {"invited"}),
    ],
)
def test_who_knows_of_the_event_and_who_is_told(visibility, listed, expected):
    occurrence, people = _world(visibility=visibility, listed=listed)
    event = occurrence.event
    assert _who(people, lambda u: can_see_event(u, event)) == expected
    assert _who(people, lambda u: visible_occurrences(u).filter(pk=occurrence.pk).exists()) == (
        expected
    )
    told = set(audience_of_event(event))
    assert _who(people, lambda u: u in told) == expected
    assert set(audience_of_occurrence(occurrence)) == told


def test_a_hidden_groups_network_event_reaches_those_asking_to_join_or_invited_to_it():
    # They may see the hidden group, so they see its network events: they are told too.
    group = GroupFactory(listed=False)
    event = EventFactory(group=group)
    asking, invited = UserFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=asking, state=GroupMembership.State.REQUESTED)
    GroupMembershipFactory(group=group, user=invited, state=GroupMembership.State.INVITED)
    for person in (asking, invited):
        assert can_see_event(person, event)
        assert person in audience_of_event(event)
    # A group-only event is for its active members.
    only_group = EventFactory(group=group, visibility=Event.Visibility.GROUP)
    assert not can_see_event(asking, only_group)
    assert asking not in audience_of_event(only_group)


def test_an_archived_groups_network_event_is_for_those_who_still_see_the_group():
    group = GroupFactory()
    group.archived_at = now()
    group.save()
    event = EventFactory(group=group)
    inside, outside = UserFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=inside)
    assert can_see_event(inside, event)
    assert inside in audience_of_event(event)
    assert not can_see_event(outside, event)
    assert outside not in audience_of_event(event)


def test_a_network_event_without_a_group_is_for_every_vetted_member():
    event = EventFactory()
    member, suspended = UserFactory(), UserFactory(state=User.State.SUSPENDED)
    assert can_see_event(member, event)
    assert not can_see_event(suspended, event)
    assert member in audience_of_event(event)
    assert suspended not in audience_of_event(event)
    assert not visible_events(None).exists()


@pytest.mark.parametrize(
    ("moment", "cancel", "confirmed_sees"),
    [
        ("before_reveal", None, False),
        ("after_reveal", None, True),
        ("after_end", None, False),
        ("after_reveal", "occurrence", False),
        ("after_reveal", "event", False),
    ],
)
def test_who_sees_the_place(moment, cancel, confirmed_sees):
    occurrence, people = _world(reveal_hours=24)
    when = {
        "before_reveal": occurrence.starts_at - timedelta(hours=25),
        "after_reveal": occurrence.starts_at - timedelta(hours=23),
        "after_end": occurrence.ends_at,
    }[moment]
    if cancel == "occurrence":
        Occurrence.objects.filter(pk=occurrence.pk).update(cancelled_at=now())
    elif cancel == "event":
        Event.objects.filter(pk=occurrence.event_id).update(cancelled_at=now())
    occurrence = Occurrence.objects.select_related("event").get(pk=occurrence.pk)
    seats = dict(Rsvp.objects.filter(occurrence=occurrence).values_list("user", "seat"))

    def sees(user):
        seat = seats.get(user.pk, "") if user is not None else ""
        return can_see_place(user, occurrence, seat=seat, now=when)

    expected = INSIDE | ({"confirmed", "blocked_attendee"} if confirmed_sees else set())
    assert _who(people, sees) == expected
    assert place_shown_from(occurrence) == occurrence.starts_at - timedelta(hours=24)

    def card_place(user):
        relation = event_relation(user, occurrence.event)
        return bool(detailed_card(user, occurrence, relation=relation, now=when).place)

    assert _who(people, card_place) == expected


@pytest.mark.parametrize(
    ("setting", "extra"),
    [
        (Event.AttendeeList.HOSTS, set()),
        (Event.AttendeeList.ATTENDEES, {"confirmed", "blocked_attendee"}),
        (Event.AttendeeList.EVERYONE, VETTED - INSIDE),
    ],
)
def test_who_sees_who_is_going(setting, extra):
    occurrence, people = _world(attendee_list=setting)
    event = occurrence.event
    seats = dict(Rsvp.objects.filter(occurrence=occurrence).values_list("user", "seat"))

    def sees(user):
        seat = seats.get(user.pk, "") if user is not None else ""
        return can_see_attendees(user, event, seat=seat)

    assert _who(people, sees) == INSIDE | extra


def test_two_people_in_a_block_never_see_each_other_among_hosts_or_attendees():
    occurrence, people = _world()
    event = occurrence.event
    hosts_seen = set(visible_hosts(people["blocked_by_host"], event))
    assert people["host"] not in hosts_seen
    assert people["facilitator"] in hosts_seen
    assert people["blocked_by_host"] not in set(visible_attendees(people["host"], occurrence))
    going = set(visible_attendees(people["confirmed"], occurrence))
    assert people["blocked_attendee"] not in going
    assert people["confirmed"] not in set(visible_attendees(people["blocked_attendee"], occurrence))
    # Suspended people are on nobody's list.
    assert people["suspended"] not in set(visible_attendees(people["host"], occurrence))


def test_who_runs_it_helps_run_it_and_sees_who_was_shown_the_place():
    occurrence, people = _world()
    event = occurrence.event
    runs = {"network_organiser", "group_organiser", "host"}
    assert _who(people, lambda u: can_manage_event(u, event)) == runs
    assert _who(people, lambda u: can_record_attendance(u, event)) == INSIDE
    assert _who(people, lambda u: can_see_address_views(u, event)) == runs
    relation = event_relation(people["host"], event)
    assert can_manage_event(people["host"], event, relation)
    with pytest.raises(ValueError, match="looked up for"):
        can_manage_event(people["confirmed"], event, relation)
    anonymous = event_relation(None, event)
    assert anonymous.user_id is None
    assert not anonymous.helps_run
    network_event = EventFactory()
    assert not event_relation(people["group_organiser"], network_event).group_organiser


def test_who_may_answer():
    occurrence, people = _world()
    moment = now()
    assert _who(people, lambda u: can_rsvp(u, occurrence, moment)) == VETTED
    assert not can_rsvp(people["confirmed"], occurrence, occurrence.ends_at)
    Occurrence.objects.filter(pk=occurrence.pk).update(cancelled_at=moment)
    occurrence.refresh_from_db()
    assert not can_rsvp(people["confirmed"], occurrence, moment)
    other = OccurrenceFactory(event=EventFactory(visibility=Event.Visibility.INVITATION))
    assert not can_rsvp(people["other_member"], other, moment)
    Event.objects.filter(pk=other.event_id).update(cancelled_at=moment)
    Invitation.objects.create(event=other.event, user=people["other_member"])
    other = Occurrence.objects.select_related("event").get(pk=other.pk)
    assert not can_rsvp(people["other_member"], other, moment)


def test_who_makes_events():
    group, other = GroupFactory(), GroupFactory()
    archived = GroupFactory(archived_at=now())
    organiser, group_organiser, member = OrganiserFactory(), UserFactory(), UserFactory()
    GroupMembershipFactory(group=group, user=group_organiser, role=GroupMembership.Role.ORGANISER)
    GroupMembershipFactory(
        group=archived, user=group_organiser, role=GroupMembership.Role.ORGANISER
    )
    GroupMembershipFactory(group=other, user=member)
    suspended = UserFactory(state=User.State.SUSPENDED)
    GroupMembershipFactory(group=group, user=suspended, role=GroupMembership.Role.ORGANISER)
    assert can_create_event(organiser)
    assert can_create_event(organiser, group.pk)
    assert not can_create_event(group_organiser)
    assert can_create_event(group_organiser, group.pk)
    assert not can_create_event(group_organiser, other.pk)
    assert not can_create_event(member, other.pk)
    assert not can_create_event(suspended, group.pk)
    assert not can_create_event(None, group.pk)
    assert set(groups_for_new_events(organiser)) == {group, other}
    assert list(groups_for_new_events(group_organiser)) == [group]
    assert list(groups_for_new_events(member)) == []
    assert list(groups_for_new_events(None)) == []


def test_list_cards_never_hold_the_place_and_count_seats():
    area = AreaFactory()
    occurrence, people = _world(capacity=2, area=area, step_free=True, languages=["es"])
    Rsvp.objects.filter(occurrence=occurrence, user=people["waitlisted"]).update(
        seat=Rsvp.Seat.OFFERED, offer_expires_at=now() + timedelta(hours=2)
    )
    host = people["host"]
    cards = occurrence_cards(host, [occurrence])
    card = cards[0]
    assert card.place == {}
    assert card.address is None
    assert card.call_link is None
    assert card.going == 3  # two confirmed and the held seat; a suspended member's is free
    assert card.is_full
    assert card.seats_left == 0
    assert card.area_name == area.name
    assert card.group_slug == occurrence.event.group.slug
    assert card.accessibility == ("step_free",)
    assert card.accessibility_labels
    assert card.language_names
    assert card.my_answer == ""
    assert card.my_seat == ""
    mine = occurrence_cards(people["confirmed"], [occurrence])[0]
    assert mine.my_answer == "going"
    assert mine.my_seat == "confirmed"
    assert occurrence_cards(None, [occurrence])[0].my_answer == ""
    assert occurrence_cards(host, []) == []


def test_a_card_with_no_group_area_or_limit():
    event = EventFactory(address=ADDRESS, call_link=CALL, mode=Event.Mode.IN_PERSON)
    occurrence = OccurrenceFactory(event=event)
    card = occurrence_card(None, occurrence, counts=Counter(), mine=None, place=True)
    assert card.group_name == ""
    assert card.area_name == ""
    assert card.seats_left is None
    assert not card.is_full
    assert card.place == {"address": ADDRESS}
    Event.objects.filter(pk=event.pk).update(mode=Event.Mode.ONLINE)
    event.refresh_from_db()
    card = occurrence_card(None, occurrence, counts=Counter(), mine=None, place=True)
    assert card.place == {"call_link": CALL}
    Event.objects.filter(pk=event.pk).update(call_link="")
    event.refresh_from_db()
    assert occurrence_card(None, occurrence, counts=Counter(), mine=None, place=True).place == {}


def test_events_helped_by_in_one_go():
    occurrence, people = _world()
    event = occurrence.event
    plain = EventFactory()
    events = [event, plain]
    assert events_helped_by(people["network_organiser"], events) == {event.pk, plain.pk}
    assert events_helped_by(people["group_organiser"], events) == {event.pk}
    assert events_helped_by(people["facilitator"], events) == {event.pk}
    assert events_helped_by(people["confirmed"], events) == set()
    assert events_helped_by(None, events) == set()
    assert events_helped_by(people["host"], []) == set()


def test_an_invitation_only_network_event_reaches_only_those_let_in():
    event = EventFactory(visibility=Event.Visibility.INVITATION)
    organiser, host, invited, answered, other = (
        OrganiserFactory(),
        UserFactory(),
        UserFactory(),
        UserFactory(),
        UserFactory(),
    )
    HostFactory(event=event, user=host)
    Invitation.objects.create(event=event, user=invited)
    # An answer alone (the link renewed since, say) lets nobody in.
    RsvpFactory(occurrence=OccurrenceFactory(event=event), user=answered)
    assert set(audience_of_event(event)) == {organiser, host, invited}
    assert {u for u in (organiser, host, invited, answered, other) if can_see_event(u, event)} == {
        organiser,
        host,
        invited,
    }


def test_an_invitation_link_opens_its_event_to_vetted_members_only(django_assert_num_queries):
    token = "t" * 43
    event = EventFactory(visibility=Event.Visibility.INVITATION, invite_token=token)
    # A token left on an event no longer by invitation opens nothing.
    EventFactory(visibility=Event.Visibility.NETWORK, invite_token="n" * 43)
    member = UserFactory()
    assert invited_event(member, token) == event
    assert invited_event(OrganiserFactory(), token) == event
    for viewer in (None, ApplicantFactory(), UserFactory(state=User.State.SUSPENDED)):
        assert invited_event(viewer, token) is None
    for wrong in ("n" * 43, "x" * 43):
        assert invited_event(member, wrong) is None
    # No token, or one longer than any link holds, is not even looked up.
    with django_assert_num_queries(0):
        assert invited_event(member, "") is None
        assert invited_event(member, "t" * 65) is None


def _stamps(viewer, *occurrences):
    rows = Occurrence.objects.filter(pk__in=[o.pk for o in occurrences]).order_by("pk")
    return dict(card_stamps(viewer, rows.values_list(*STAMP_COLUMNS)))


def test_a_list_cards_stamp_changes_with_its_seats_and_the_viewers_answer():
    occurrence, people = _world(capacity=2)
    week = timedelta(days=7)
    other = OccurrenceFactory(
        event=occurrence.event,
        starts_at=occurrence.starts_at + week,
        ends_at=occurrence.ends_at + week,
    )
    ids = {occurrence.pk, other.pk}
    # Those who have not answered share every stamp (and so every cached card).
    unanswered = _stamps(people["other_member"], occurrence, other)
    assert set(unanswered) == ids
    assert _stamps(people["group_member"], occurrence, other) == unanswered
    assert _stamps(None, occurrence, other) == unanswered
    # An answer changes the stamp of that date for whoever gave it.
    confirmed = _stamps(people["confirmed"], occurrence, other)
    waitlisted = _stamps(people["waitlisted"], occurrence, other)
    assert (
        len({confirmed[occurrence.pk], waitlisted[occurrence.pk], unanswered[occurrence.pk]}) == 3
    )
    assert confirmed[other.pk] == waitlisted[other.pk] == unanswered[other.pk]
    # A new seat taken changes it for everyone; an offer's expiry for the one offered.
    RsvpFactory(occurrence=other, user=UserFactory())
    assert _stamps(None, other)[other.pk] != unanswered[other.pk]
    Rsvp.objects.filter(occurrence=occurrence, user=people["waitlisted"]).update(
        seat=Rsvp.Seat.OFFERED, offer_expires_at=now() + timedelta(hours=2)
    )
    offered = _stamps(people["waitlisted"], occurrence)[occurrence.pk]
    assert offered != waitlisted[occurrence.pk]
    Rsvp.objects.filter(occurrence=occurrence, user=people["waitlisted"]).update(
        offer_expires_at=now() + timedelta(hours=4)
    )
    assert _stamps(people["waitlisted"], occurrence)[occurrence.pk] != offered
    # Cancelling a date changes its stamp (the write bypasses save() and `updated_at`).
    before = _stamps(None, occurrence)[occurrence.pk]
    Occurrence.objects.filter(pk=occurrence.pk).update(cancelled_at=now())
    assert _stamps(None, occurrence)[occurrence.pk] != before
    assert card_stamps(people["confirmed"], []) == []
