"""Editing a gathering keeps what members did with its dates: a changed time moves each date
(its answers, sheet and who saw the place) day by day in the event's own time zone, keeps a
cancelled date cancelled, and cancels (and tells) rather than silently drops a date in use;
"this and the following" keeps the series' end; a change of seats reaches those waiting; and
the fields refuse dates out of range and call links that are not https."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.audit.models import AuditEntry
from tejido.core.errors import InvalidInput, NotFound
from tejido.gatherings.event_services import (
    cancel_occurrence,
    create_event,
    make_occurrences,
    name_host,
    note_place_shown,
    remove_host,
    update_event,
    update_following,
    update_occurrence,
)
from tejido.gatherings.factories import ClaimFactory, EventFactory, HostFactory, SlotFactory
from tejido.gatherings.models import AddressView, Claim, Event, Host, Occurrence, Rsvp, Slot
from tejido.gatherings.services import cancel_rsvp, rsvp
from tejido.notifications.models import Notice
from tejido.web.tests.test_events_hosting import _group_organiser, _new_event_data

MADRID = ZoneInfo("Europe/Madrid")
MEXICO = ZoneInfo("America/Mexico_City")
# A Wednesday; the gatherings below start on the Friday after it.
TODAY = datetime(2026, 9, 30, 10, 0, tzinfo=MADRID)
FRIDAY = datetime(2026, 10, 2, 19, 0, tzinfo=MADRID)


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _fields(start=FRIDAY, **fields):
    return {
        "kind": Event.Kind.SOCIAL,
        "title_es": "Tarde de juegos",
        "title_en": "Games afternoon",
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "address": "Calle Secreta 9",
        **fields,
    }


def _weekly(host, *, count, zone=MADRID, hour=19):
    """A weekly series of `count` Fridays in `zone`, made as the organiser makes it."""
    start = datetime(2026, 10, 2, hour, 0, tzinfo=zone)
    event = EventFactory(
        time_zone=str(zone),
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        recurrence=f"FREQ=WEEKLY;BYDAY=FR;COUNT={count}",
    )
    HostFactory(event=event, user=host)
    make_occurrences(event, after=start)
    return event, list(event.occurrences.order_by("starts_at"))


def _retime(host, event, start, **fields):
    return update_event(
        actor=host, event=event, starts_at=start, ends_at=start + timedelta(hours=2), **fields
    )


def _kinds(user):
    return list(Notice.objects.filter(user=user).order_by("pk").values_list("kind", flat=True))


# 1. The dates follow the change, with what was done with them -----------------------------


@pytest.mark.django_db
def test_a_gathering_moved_to_another_day_keeps_one_date_with_everything_on_it(today):
    host = OrganiserFactory()
    event = create_event(actor=host, **_fields())
    occurrence = event.occurrences.get()
    member = UserFactory()
    rsvp(actor=member, occurrence=occurrence, answer=Rsvp.Answer.GOING)
    ClaimFactory(slot=SlotFactory(occurrence=occurrence), user=member)
    note_place_shown(viewer=member, occurrence=occurrence)
    saturday = FRIDAY + timedelta(days=1, hours=2)
    _retime(host, event, saturday)
    moved = event.occurrences.get()
    assert moved.pk == occurrence.pk
    assert (moved.starts_at, moved.original_start) == (saturday, saturday)
    assert Rsvp.objects.filter(occurrence=moved, user=member).exists()
    assert Claim.objects.filter(slot__occurrence=moved, user=member).exists()
    assert AddressView.objects.filter(occurrence=moved, user=member).exists()


@pytest.mark.django_db
def test_a_later_hour_in_mexico_city_moves_each_date_on_its_own_day(today):
    """19:00 in Mexico City is 01:00 the next day in UTC: days are compared in the event's
    zone, so each date is found and moved, and none is doubled."""
    host = UserFactory()
    event, dates = _weekly(host, count=3, zone=MEXICO)
    member = UserFactory()
    for occurrence in dates:
        rsvp(actor=member, occurrence=occurrence, answer=Rsvp.Answer.GOING)
    _retime(host, event, dates[0].starts_at + timedelta(hours=1), repeats="weekly", repeat_count=3)
    after = list(event.occurrences.order_by("starts_at"))
    assert [o.pk for o in after] == [o.pk for o in dates]
    assert {o.starts_at.astimezone(MEXICO).strftime("%a %H:%M") for o in after} == {"Fri 20:00"}
    assert Rsvp.objects.filter(user=member, occurrence__in=after).count() == 3


@pytest.mark.django_db
def test_a_date_in_use_that_the_new_rule_drops_is_cancelled_and_those_answering_told(today):
    host = UserFactory()
    event, dates = _weekly(host, count=4)
    member = UserFactory()
    rsvp(actor=member, occurrence=dates[3], answer=Rsvp.Answer.GOING)
    _retime(host, event, dates[0].starts_at, repeats="weekly", repeat_count=2)
    assert not Occurrence.objects.filter(pk=dates[2].pk).exists()  # unused: it goes
    dropped = Occurrence.objects.get(pk=dates[3].pk)
    assert dropped.cancelled_at is not None
    assert Rsvp.objects.filter(occurrence=dropped, user=member).exists()
    assert "occurrence_cancelled" in _kinds(member)
    assert event.occurrences.filter(cancelled_at__isnull=True).count() == 2


@pytest.mark.django_db
def test_a_date_moved_on_its_own_keeps_its_own_time_when_the_series_changes(today):
    host = UserFactory()
    event, dates = _weekly(host, count=3)
    saturday = dates[1].starts_at + timedelta(days=1, hours=-1)
    update_occurrence(
        actor=host, occurrence=dates[1], starts_at=saturday, ends_at=saturday + timedelta(hours=2)
    )
    _retime(host, event, dates[0].starts_at + timedelta(hours=1), repeats="weekly", repeat_count=3)
    after = list(event.occurrences.order_by("original_start"))
    assert [o.pk for o in after] == [o.pk for o in dates]
    assert after[1].starts_at == saturday
    assert after[1].original_start.astimezone(MADRID).hour == 20
    assert [o.starts_at.astimezone(MADRID).hour for o in (after[0], after[2])] == [20, 20]


# 2. What is never lost --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_cancelled_date_stays_cancelled_and_keeps_its_row_when_the_time_changes(today):
    host = UserFactory()
    event, dates = _weekly(host, count=3)
    cancel_occurrence(actor=host, occurrence=dates[1])
    _retime(host, event, dates[0].starts_at + timedelta(hours=1), repeats="weekly", repeat_count=3)
    after = list(event.occurrences.order_by("starts_at"))
    assert [o.pk for o in after] == [o.pk for o in dates]
    assert [o.cancelled_at is not None for o in after] == [False, True, False]
    assert {o.starts_at.astimezone(MADRID).hour for o in after} == {20}


@pytest.mark.django_db
def test_dates_with_a_sheet_or_a_shown_place_are_cancelled_not_deleted(today):
    host, member = UserFactory(), UserFactory()
    event, dates = _weekly(host, count=3)
    SlotFactory(occurrence=dates[0])
    note_place_shown(viewer=member, occurrence=dates[1])
    saturday = dates[0].starts_at + timedelta(days=1)
    _retime(host, event, saturday, repeats="weekly", repeat_count=3)
    assert not Occurrence.objects.filter(pk=dates[2].pk).exists()
    for kept in dates[:2]:
        assert Occurrence.objects.get(pk=kept.pk).cancelled_at is not None
    assert Slot.objects.filter(occurrence=dates[0]).exists()
    assert AddressView.objects.filter(occurrence=dates[1], user=member).exists()
    to_come = event.occurrences.filter(cancelled_at__isnull=True)
    assert {o.starts_at.astimezone(MADRID).strftime("%a") for o in to_come} == {"Sat"}
    assert to_come.count() == 3


# 3. This date and the following ones ------------------------------------------------------


@pytest.mark.django_db
def test_splitting_a_counted_series_keeps_the_dates_it_had_left(
    today, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    host = UserFactory()
    event, dates = _weekly(host, count=5)
    with django_capture_on_commit_callbacks(execute=True):
        new = update_following(actor=host, occurrence=dates[2], title_en="In the new hall")
    assert new.recurrence == "FREQ=WEEKLY;BYDAY=FR;COUNT=3"
    assert new.occurrences.count() == 3
    event.refresh_from_db()
    assert event.occurrences.count() == 2
    queued = DBTaskResult.objects.get(task_path__endswith="extend_series")
    assert queued.args_kwargs["args"] == [new.pk]
    entry = AuditEntry.objects.get(action="event.split")
    assert entry.actor == host


@pytest.mark.django_db
def test_splitting_a_series_with_an_end_date_keeps_it(today):
    host = OrganiserFactory()
    last = FRIDAY.replace(hour=23, minute=59) + timedelta(weeks=5)
    event = create_event(actor=host, repeats="weekly", repeat_until=last, **_fields())
    dates = list(event.occurrences.order_by("starts_at"))
    assert len(dates) == 6
    until = event.recurrence.split("UNTIL=")[1]
    new = update_following(actor=host, occurrence=dates[3], title_en="Later")
    assert new.recurrence.endswith(f"UNTIL={until}")
    assert new.occurrences.count() == 3


# 4. Seats after an edit -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("capacity", [2, None])
def test_more_seats_or_no_limit_promotes_the_waitlist(today, capacity):
    host = OrganiserFactory()
    event = create_event(actor=host, capacity=1, **_fields())
    occurrence = event.occurrences.get()
    first, second = UserFactory(), UserFactory()
    rsvp(actor=first, occurrence=occurrence, answer=Rsvp.Answer.GOING)
    rsvp(actor=second, occurrence=occurrence, answer=Rsvp.Answer.GOING)
    assert Rsvp.objects.get(user=second).seat == Rsvp.Seat.WAITLISTED
    update_event(actor=host, event=event, capacity=capacity)
    assert Rsvp.objects.get(user=second).seat == Rsvp.Seat.CONFIRMED
    assert "rsvp_promoted" in _kinds(second)


@pytest.mark.django_db
def test_ending_approval_seats_those_waiting_in_the_order_they_asked(today):
    host = OrganiserFactory()
    event = create_event(actor=host, capacity=2, needs_approval=True, **_fields())
    occurrence = event.occurrences.get()
    people = [UserFactory() for _ in range(3)]
    for person in people:
        rsvp(actor=person, occurrence=occurrence, answer=Rsvp.Answer.GOING)
    assert {r.seat for r in Rsvp.objects.all()} == {Rsvp.Seat.PENDING}
    update_event(actor=host, event=event, needs_approval=False)
    seats = [Rsvp.objects.get(user=person).seat for person in people]
    assert seats == [Rsvp.Seat.CONFIRMED, Rsvp.Seat.CONFIRMED, Rsvp.Seat.WAITLISTED]
    assert "rsvp_confirmed" in _kinds(people[1])
    assert "rsvp_waitlisted" in _kinds(people[2])
    assert Notice.objects.get(user=people[2], kind="rsvp_waitlisted").params["position"] == 1


@pytest.mark.django_db
def test_seats_given_at_once_turn_open_offers_into_seats(today):
    host = OrganiserFactory()
    event = create_event(actor=host, capacity=1, promotion="offer", **_fields())
    occurrence = event.occurrences.get()
    first, second = UserFactory(), UserFactory()
    rsvp(actor=first, occurrence=occurrence, answer=Rsvp.Answer.GOING)
    rsvp(actor=second, occurrence=occurrence, answer=Rsvp.Answer.GOING)
    cancel_rsvp(actor=first, occurrence=occurrence)
    assert Rsvp.objects.get(user=second).seat == Rsvp.Seat.OFFERED
    update_event(actor=host, event=event, promotion="at_once")
    offer = Rsvp.objects.get(user=second)
    assert (offer.seat, offer.offer_expires_at) == (Rsvp.Seat.CONFIRMED, None)
    assert "rsvp_confirmed" in _kinds(second)


# 5. Removing someone who is not a host -----------------------------------------------------


@pytest.mark.django_db
def test_removing_someone_who_is_not_a_host_is_not_found_and_not_recorded(today):
    host = OrganiserFactory()
    event = create_event(actor=host, **_fields())
    helper = UserFactory()
    name_host(actor=host, event=event, member=helper, role=Host.Role.FACILITATOR)
    with pytest.raises(NotFound):
        remove_host(actor=host, event=event, member=UserFactory())
    assert not AuditEntry.objects.filter(action="event.host_removed").exists()
    remove_host(actor=host, event=event, member=helper)
    assert AuditEntry.objects.filter(action="event.host_removed").count() == 1


# 6 and 7. Dates in range, https call links --------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "start",
    [
        datetime(9999, 6, 1, 19, 0, tzinfo=MADRID),
        datetime(9999, 12, 31, 20, 0, tzinfo=MEXICO),  # past the year 9999 in UTC
        datetime(1, 1, 1, 0, 30, tzinfo=MADRID),
        TODAY - timedelta(days=400),
        TODAY + timedelta(days=6 * 365),
    ],
)
def test_dates_out_of_range_are_refused_on_their_field(today, start):
    with pytest.raises(InvalidInput) as refused:
        create_event(actor=OrganiserFactory(), **_fields(start=start))
    assert "starts_at" in refused.value.detail
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_a_date_a_few_years_ahead_or_some_months_back_is_fine(today):
    for start in (TODAY + timedelta(days=4 * 365), TODAY - timedelta(days=200)):
        create_event(actor=OrganiserFactory(), **_fields(start=start))
    assert Event.objects.count() == 2


@pytest.mark.django_db
def test_the_new_event_page_refuses_the_year_9999_with_a_message(login):
    person, group = _group_organiser()
    response = login(person).post(
        reverse("event_create"),
        _new_event_data(group=str(group.pk), start_date="9999-06-01", end_date="9999-06-01"),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "start_date" in errors, errors
    # The message (in the page's language) is shown beside the field, not a server error.
    assert str(errors["start_date"][0]) in response.content.decode()
    assert not Event.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "link", ["http://meet.example.org/a", "javascript:alert(1)", "meet.example.org", "ftp://x.org"]
)
def test_a_call_link_must_be_https(today, link):
    with pytest.raises(InvalidInput) as refused:
        create_event(actor=OrganiserFactory(), **_fields(mode="online", call_link=link))
    assert "call_link" in refused.value.detail


@pytest.mark.django_db
def test_an_https_call_link_or_none_is_kept(today):
    host = OrganiserFactory()
    event = create_event(actor=host, **_fields(call_link="https://meet.example.org/tejido"))
    assert event.call_link == "https://meet.example.org/tejido"
    update_event(actor=host, event=event, call_link="")
    event.refresh_from_db()
    assert event.call_link == ""
