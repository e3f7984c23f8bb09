"""Circles' sessions as gatherings: seen by the circle's members and facilitators only (not by
organisers outside it), in no gatherings list, calendar feed or home page, with content-free
notices whatever the member's discreet setting; attendance recorded by facilitators only."""

from datetime import timedelta

import pytest

from tejido.access.events import (
    audience_of_event,
    can_see_attendees,
    can_see_event,
    event_relation,
    event_relations,
    visible_events,
    visible_occurrences,
)
from tejido.accounts.factories import BlockFactory, UserFactory
from tejido.audit.models import AuditEntry
from tejido.core.clock import now
from tejido.core.errors import DomainError, InvalidInput, NotFound
from tejido.core.testing import at_once
from tejido.gatherings.event_services import create_event
from tejido.gatherings.factories import EventFactory
from tejido.gatherings.models import Event, Rsvp
from tejido.gatherings.selectors import get_month, list_my_occurrences, list_upcoming
from tejido.gatherings.services import rsvp
from tejido.notifications.models import Notice
from tejido.support.models import Attendance, Facilitator, Place
from tejido.support.session_errors import AttendanceNotYet, BadFrequency
from tejido.support.session_selectors import get_session_page, list_my_sessions
from tejido.support.session_services import create_session_series, record_session_attendance
from tejido.support.tests.conftest import SESSION_ADDRESS, SESSION_TITLE, make_series

pytestmark = pytest.mark.django_db


def test_a_session_is_seen_by_the_circle_alone(world):
    for user in (world.facilitator, world.member, world.other_member):
        assert can_see_event(user, world.event)
        assert visible_events(user).filter(pk=world.event.pk).exists()
        assert visible_occurrences(user).filter(pk=world.upcoming.pk).exists()
    for user in (world.organiser, world.stranger, world.asking, None):
        assert not can_see_event(user, world.event)
        assert not visible_occurrences(user).filter(event=world.event).exists()


def test_an_organiser_in_the_circle_sees_it(world):
    Place.objects.create(circle=world.circle, user=world.organiser, state="member")
    assert can_see_event(world.organiser, world.event)
    assert EventFactory().pk in visible_events(world.organiser).values_list("pk", flat=True)


def test_leaving_the_circle_loses_its_sessions_and_answers(world):
    rsvp(actor=world.member, occurrence=world.upcoming, answer=Rsvp.Answer.GOING)
    world.place_of(world.member).delete()
    assert not can_see_event(world.member, world.event)
    assert not Rsvp.objects.filter(user=world.member).exists()


def test_facilitators_help_run_it_and_nobody_runs_it(world):
    relation = event_relation(world.facilitator, world.event)
    assert relation.helps_run
    assert not relation.runs
    assert not event_relation(world.organiser, world.event).helps_run
    assert not event_relation(world.member, world.event).helps_run
    other = EventFactory()
    relations = event_relations(world.facilitator, [world.event, other])
    assert relations[world.event.pk].helps_run
    assert not relations[other.pk].helps_run


def test_the_attendee_list_is_for_facilitators(world):
    world.event.attendee_list = Event.AttendeeList.EVERYONE
    assert can_see_attendees(world.facilitator, world.event, seat="none")
    assert not can_see_attendees(world.member, world.event, seat=Rsvp.Seat.CONFIRMED)


def test_the_audience_is_the_circle(world):
    audience = set(audience_of_event(world.event).values_list("pk", flat=True))
    assert audience == {world.facilitator.pk, world.member.pk, world.other_member.pk}


def test_in_no_gatherings_list(world):
    rsvp(actor=world.member, occurrence=world.upcoming, answer=Rsvp.Answer.GOING)
    for user in (world.member, world.facilitator):
        assert all(c.id != world.upcoming.pk for c in list_upcoming(viewer=user).items)
        assert all(c.id != world.upcoming.pk for c in list_my_occurrences(viewer=user).items)
        start = world.upcoming.starts_at
        month = get_month(viewer=user, year=start.year, month=start.month, zone="UTC")
        assert not [o for week in month.weeks for day in week for o in day.occurrences]


def test_my_sessions_lists_the_circle_sessions(world):
    cards = list_my_sessions(viewer=world.member)
    assert cards
    assert cards[0].id == world.upcoming.pk
    assert not cards[0].facilitating
    assert list_my_sessions(viewer=world.facilitator)[0].facilitating
    assert list_my_sessions(viewer=world.organiser) == []
    assert list_my_sessions(viewer=world.member, circle_id=world.circle.pk + 1) == []


def test_notices_are_content_free_whatever_discreet_mode(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    world.member.discreet_mode = False
    world.member.save()
    with django_capture_on_commit_callbacks(execute=True):
        rsvp(actor=world.member, occurrence=world.upcoming, answer=Rsvp.Answer.GOING)
    notices = Notice.objects.filter(user=world.member)
    assert notices
    assert {n.kind for n in notices} == {"content_free"}
    assert all(n.params == {} for n in notices)
    assert mailoutbox
    for message in mailoutbox:
        text = message.subject + message.body
        assert SESSION_TITLE not in text
        assert "MARCADOR" not in text
        assert message.subject == "Tienes un mensaje nuevo en Tejido"


def test_the_audit_log_names_no_title(world):
    labels = " ".join(AuditEntry.objects.values_list("target_name", flat=True))
    assert "circle session #" in labels
    assert "MARCADOR" not in labels
    assert "MARCADOR" not in str(world.event)
    assert "MARCADOR" not in str(world.upcoming)


def test_only_facilitators_make_a_series(world):
    starts = now() + timedelta(days=1)
    fields = {"title_es": "x", "starts_at": starts, "ends_at": starts + timedelta(hours=1)}
    for user in (world.member, world.organiser, world.stranger):
        with pytest.raises(NotFound):
            create_session_series(actor=user, circle=world.circle, frequency="weekly", **fields)
    with pytest.raises(NotFound):
        create_session_series(actor=world.facilitator, circle=0, frequency="weekly", **fields)
    with pytest.raises(BadFrequency):
        create_session_series(
            actor=world.facilitator, circle=world.circle, frequency="monthly_day", **fields
        )
    world.circle.archived_at = now()
    world.circle.save()
    with pytest.raises(NotFound):
        create_session_series(
            actor=world.facilitator, circle=world.circle, frequency="weekly", **fields
        )


def test_a_series_checks_its_fields(world):
    starts = now() + timedelta(days=1)
    with pytest.raises(InvalidInput):
        create_session_series(
            actor=world.facilitator,
            circle=world.circle,
            frequency="fortnightly",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
        )
    with pytest.raises(InvalidInput):
        create_session_series(
            actor=world.facilitator,
            circle=world.circle,
            frequency="weekly",
            title_es="x",
            starts_at=starts,
            ends_at=starts - timedelta(hours=1),
        )
    with pytest.raises(InvalidInput):
        create_session_series(
            actor=world.facilitator, circle=world.circle, frequency="weekly", title_es="x"
        )
    with pytest.raises(TypeError):
        create_session_series(
            actor=world.facilitator, circle=world.circle, frequency="weekly", capacity=3
        )
    event = create_session_series(
        actor=world.facilitator,
        circle=world.circle.pk,
        frequency="fortnightly",
        title_en="y",
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
    )
    assert "INTERVAL=2" in event.recurrence
    assert event.visibility == Event.Visibility.CIRCLE


def test_gatherings_forms_cannot_make_a_circle_session(world):
    starts = now() + timedelta(days=1)
    with pytest.raises(InvalidInput):
        create_event(
            actor=world.organiser,
            title_es="x",
            visibility="circle",
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
        )


def test_attendance_by_facilitators_only(world):
    member, other = world.place_of(world.member), world.place_of(world.other_member)
    assert (
        record_session_attendance(
            actor=world.facilitator,
            occurrence=world.past,
            present={member.pk: True, other.pk: False},
        )
        == 2
    )
    record_session_attendance(
        actor=world.facilitator, occurrence=world.past, present={other.pk: True}
    )
    assert dict(Attendance.objects.values_list("place", "present")) == {
        member.pk: True,
        other.pk: True,
    }
    for user in (world.member, world.organiser, world.stranger):
        with pytest.raises(NotFound):
            record_session_attendance(actor=user, occurrence=world.past, present={member.pk: True})
    with pytest.raises(NotFound):
        record_session_attendance(
            actor=world.facilitator,
            occurrence=world.past,
            present={world.place_of(world.asking).pk: True},
        )
    with pytest.raises(AttendanceNotYet):
        record_session_attendance(
            actor=world.facilitator, occurrence=world.upcoming, present={member.pk: True}
        )
    page = get_session_page(viewer=world.facilitator, occurrence_id=world.past.pk)
    assert {(r.place_id, r.present) for r in page.attendance} == {
        (member.pk, True),
        (other.pk, True),
    }
    for user in (world.member, world.organiser, world.stranger):
        with pytest.raises(NotFound):
            get_session_page(viewer=user, occurrence_id=world.past.pk)


def test_blocks_hold_on_the_attendance_form(world):
    BlockFactory(blocker=world.member, blocked=world.facilitator)
    page = get_session_page(viewer=world.facilitator, occurrence_id=world.past.pk)
    assert [r.place_id for r in page.attendance] == [world.place_of(world.other_member).pk]


def test_attendance_goes_with_the_place(world):
    place = world.place_of(world.member)
    record_session_attendance(
        actor=world.facilitator, occurrence=world.past, present={place.pk: True}
    )
    place.delete()
    assert not Attendance.objects.exists()


def test_deleting_the_circle_deletes_its_sessions(world):
    world.circle.delete()
    assert not Event.objects.filter(pk=world.event.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_attendance_records_one_row(world):
    place = world.place_of(world.member)
    outcomes = at_once(
        *[
            lambda came=i % 2 == 0: record_session_attendance(
                actor=world.facilitator, occurrence=world.past, present={place.pk: came}
            )
            for i in range(8)
        ],
        refused=DomainError,
    )
    assert outcomes == ["done"] * 8
    assert Attendance.objects.filter(place=place).count() == 1


def test_a_facilitator_of_another_circle_sees_nothing(world):
    from tejido.support.tests.conftest import make_circle

    elsewhere = make_circle()
    someone = UserFactory()
    Facilitator.objects.create(circle=elsewhere, user=someone)
    make_series(elsewhere, someone)
    assert not can_see_event(someone, world.event)
    assert SESSION_ADDRESS not in str(list_my_sessions(viewer=someone))
