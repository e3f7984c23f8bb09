"""The gatherings pages cost the same number of SQL queries whatever the amount of data: two
data sizes (events, each with RSVPs and hosts), one expected count each page."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from tejido.accounts.factories import UserFactory
from tejido.core.clock import now
from tejido.core.testing import FRAME_QUERIES
from tejido.gatherings.factories import EventFactory, HostFactory, OccurrenceFactory, RsvpFactory
from tejido.gatherings.models import Event, Rsvp
from tejido.groups.factories import GroupFactory, GroupMembershipFactory

pytestmark = pytest.mark.django_db

SIZES = [3, 12]


def _world(viewer, size: int):
    """`size` events in the next days (half in the viewer's group), each with a date the viewer
    answered, others' RSVPs and a host; and as many past dates the viewer went to."""
    group = GroupFactory()
    GroupMembershipFactory(group=group, user=viewer)
    start = now().replace(microsecond=0) + timedelta(days=1)
    occurrences = []
    for number in range(size):
        event = EventFactory(
            group=group if number % 2 else None,
            starts_at=start + timedelta(hours=number),
            ends_at=start + timedelta(hours=number + 2),
            capacity=5,
            attendee_list=Event.AttendeeList.EVERYONE,
            step_free=True,
            languages=["es"],
        )
        occurrence = OccurrenceFactory(event=event)
        occurrences.append(occurrence)
        HostFactory(event=event)
        RsvpFactory(occurrence=occurrence, user=viewer)
        RsvpFactory(occurrence=occurrence)
        RsvpFactory(occurrence=occurrence, seat=Rsvp.Seat.WAITLISTED)
        past = EventFactory(
            starts_at=now() - timedelta(days=number + 1),
            ends_at=now() - timedelta(days=number + 1) + timedelta(hours=2),
        )
        RsvpFactory(occurrence=OccurrenceFactory(event=past), user=viewer, attended=True)
    return occurrences


def _client(login, viewer):
    client = login(viewer)
    client.get(reverse("event_list"))  # the conduct gate remembers the acceptance in the session
    return client


# The frame, then: the groups of the filter, may I create (1); the page's rows (no count), the
# cards' seat counts and my answers, which name the cached items (a page with items not yet
# cached reads those three again, for them alone).
LIST_QUERIES = FRAME_QUERIES + 2 + 3


@pytest.mark.parametrize("size", SIZES)
def test_the_upcoming_list(login, django_assert_num_queries, size):
    viewer = UserFactory()
    _world(viewer, size)
    client = _client(login, viewer)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(reverse("event_list"))
    assert response.content.decode().count('href="/events/') >= size


# The frame, then the month's dates, their seat counts and my answers.
MONTH_QUERIES = FRAME_QUERIES + 3


@pytest.mark.parametrize("size", SIZES)
def test_a_month(login, django_assert_num_queries, size):
    viewer = UserFactory()
    occurrences = _world(viewer, size)
    local = timezone.localtime(occurrences[0].starts_at, ZoneInfo(viewer.time_zone))
    client = _client(login, viewer)
    with django_assert_num_queries(MONTH_QUERIES):
        client.get(reverse("event_month", args=[local.year, local.month]))


# The frame, then the page's count and rows, seat counts and my answers (the past tab: and my
# attendance).
MINE_QUERIES = FRAME_QUERIES + 4


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("query", "extra"), [({}, 0), ({"past": "1"}, 1)])
def test_my_gatherings(login, django_assert_num_queries, size, query, extra):
    viewer = UserFactory()
    _world(viewer, size)
    client = _client(login, viewer)
    with django_assert_num_queries(MINE_QUERIES + extra):
        client.get(reverse("my_events"), query)


# The frame, then get_occurrence_page's own: the occurrence; the relation (host role, group
# organiser); my answer and the seat counts; the hosts' cards (and the groups shared with
# them) and their roles; the attendees' cards (and shared groups) and their answers; my RSVP
# and my waitlist position; the other dates, their seat counts and my answers; can I answer.
# Then the parts the page includes: the sign-up sheet (whether the viewer sees it, its slots,
# claims and the cooks' counts; the viewer's seat and relation come from the page), the film
# (none for this one) and the report link.
DETAIL_QUERIES = FRAME_QUERIES + 20


@pytest.mark.parametrize("size", SIZES)
def test_the_page_of_a_date(login, django_assert_num_queries, size):
    viewer = UserFactory()
    group = GroupFactory()
    GroupMembershipFactory(group=group, user=viewer)
    event = EventFactory(group=group, attendee_list=Event.AttendeeList.EVERYONE, capacity=100)
    occurrence = OccurrenceFactory(event=event)
    for number in range(size):
        OccurrenceFactory(
            event=event,
            starts_at=event.starts_at + timedelta(days=number + 1),
            ends_at=event.ends_at + timedelta(days=number + 1),
        )
        host = HostFactory(event=event, role="facilitator" if number % 2 else "host").user
        GroupMembershipFactory(group=group, user=host)  # a host counts while in the group
        RsvpFactory(occurrence=occurrence)
    RsvpFactory(occurrence=occurrence, user=viewer, seat=Rsvp.Seat.WAITLISTED)
    client = _client(login, viewer)
    with django_assert_num_queries(DETAIL_QUERIES):
        html = client.get(reverse("occurrence_detail", args=[occurrence.pk])).content.decode()
    assert html.count('href="/members/') >= 2 * size


# The frame, the greeting's profile, my groups; then my next gatherings and their seat counts
# and my answers; and the aid board's part, empty here (my requests, matches, offers and
# follow-ups: tejido/web/tests/test_aid_queries.py counts it full); the directory's services
# verified lately; my next circle session.
HOME_QUERIES = FRAME_QUERIES + 2 + 3 + 4 + 1 + 1


@pytest.mark.parametrize("size", SIZES)
def test_home_with_gatherings(login, django_assert_num_queries, size):
    viewer = UserFactory()
    _world(viewer, size)
    client = _client(login, viewer)
    with django_assert_num_queries(HOME_QUERIES):
        client.get(reverse("home"))


# The frame, then the date and whether the viewer sees it; in the write's savepoint (2) the
# date locked and seen again, my answer, the seats taken, the new answer, whether the notice's
# reader is a member, the notice and its badge. On the waitlist: its position, for the notice
# and again for the message (2 more).
RSVP_QUERIES = FRAME_QUERIES + 12


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("full", [False, True])
def test_answering_going(login, django_assert_num_queries, size, full):
    """The RSVP write, whether it takes a seat or a place on the waitlist, whatever the number
    of hosts, of people with a seat and of people waiting."""
    viewer = UserFactory()
    event = EventFactory(capacity=size, attendee_list=Event.AttendeeList.EVERYONE)
    occurrence = OccurrenceFactory(event=event)
    for number in range(size):
        HostFactory(event=event)
        if full or number % 2:
            RsvpFactory(occurrence=occurrence)
        RsvpFactory(occurrence=occurrence, seat=Rsvp.Seat.WAITLISTED)
    client = _client(login, viewer)
    with django_assert_num_queries(RSVP_QUERIES + (2 if full else 0)):
        response = client.post(
            reverse("occurrence_rsvp", args=[occurrence.pk]), {"answer": Rsvp.Answer.GOING}
        )
    assert response.status_code == 302
    seat = Rsvp.objects.get(occurrence=occurrence, user=viewer).seat
    assert seat == (Rsvp.Seat.WAITLISTED if full else Rsvp.Seat.CONFIRMED)
