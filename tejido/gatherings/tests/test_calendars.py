"""Calendar files, written with icalendar and read back with an independent parser (vobject):
every event private, the place only when the policy shows it at the moment of writing, neutral
in discreet mode, and a feed only for its member in good standing."""

from datetime import timedelta

import pytest
import time_machine
import vobject

from tejido.accounts.factories import UserFactory
from tejido.accounts.models import User
from tejido.core.errors import NotFound
from tejido.gatherings.calendar_selectors import (
    get_feed_calendar,
    get_feed_owner,
    get_occurrence_calendar,
    get_series_calendar,
)
from tejido.gatherings.calendar_services import create_or_renew_feed, revoke_feed
from tejido.gatherings.calendars import PRODID, CalendarEntry, occurrence_ics
from tejido.gatherings.factories import (
    EventFactory,
    HostFactory,
    OccurrenceFactory,
    RsvpFactory,
)
from tejido.gatherings.models import CalendarFeed, Rsvp
from tejido.network.factories import AreaFactory
from tejido.network.models import NetworkSettings

ADDRESS = "Calle del Marcador 77"
CALL = "https://call.example/secret-room"


def _parse(data: bytes) -> list:
    calendars = list(vobject.readComponents(data.decode("utf-8")))
    assert len(calendars) == 1
    return list(calendars[0].vevent_list) if hasattr(calendars[0], "vevent_list") else []


def _write(viewer, dates, *, now, name="") -> bytes:
    return occurrence_ics(
        entries=dates.entries, discreet=viewer.discreet_mode, calendar_name=name, now=now
    )


def _occurrence(**event):
    event.setdefault("address", ADDRESS)
    return OccurrenceFactory(event=EventFactory(**event))


@pytest.mark.django_db
def test_a_date_is_private_with_its_times_title_and_page():
    from tejido.core.clock import now

    occurrence = _occurrence(title_es="Comida compartida", title_en="Potluck")
    viewer = UserFactory(language="es")
    dates = get_occurrence_calendar(viewer=viewer, occurrence_id=occurrence.pk)
    data = _write(viewer, dates, now=now())
    (event,) = _parse(data)
    assert event.getChildValue("class") == "PRIVATE"
    assert event.dtstart.value == occurrence.starts_at
    assert event.dtend.value == occurrence.ends_at
    assert event.summary.value == "Comida compartida"
    assert event.status.value == "CONFIRMED"
    assert event.url.value.endswith(f"/events/{occurrence.pk}/")
    assert f"/events/{occurrence.pk}/" in event.description.value
    assert PRODID.encode() in data
    # The UID is stable: the same date in another file (another viewer) has the same one.
    other = get_occurrence_calendar(viewer=UserFactory(), occurrence_id=occurrence.pk)
    (again,) = _parse(_write(viewer, other, now=now()))
    assert again.uid.value == event.uid.value
    assert not hasattr(event, "location")
    assert ADDRESS.encode() not in data


@pytest.mark.django_db
def test_the_place_is_in_the_file_only_for_the_confirmed_from_the_reveal_time():
    occurrence = _occurrence(mode="both", call_link=CALL, reveal_hours=24)
    confirmed = RsvpFactory(occurrence=occurrence).user
    waiting = RsvpFactory(occurrence=occurrence, seat=Rsvp.Seat.WAITLISTED).user
    maybe = RsvpFactory(occurrence=occurrence, answer="maybe", seat=Rsvp.Seat.NONE).user
    stranger = UserFactory()
    before = occurrence.starts_at - timedelta(hours=25)
    after = occurrence.starts_at - timedelta(hours=23)
    with time_machine.travel(before, tick=False):
        dates = get_occurrence_calendar(viewer=confirmed, occurrence_id=occurrence.pk)
        data = _write(confirmed, dates, now=before)
        (event,) = _parse(data)
        assert not hasattr(event, "location")
        assert ADDRESS.encode() not in data
        assert CALL.encode() not in data
        assert dates.places_shown == []
    with time_machine.travel(after, tick=False):
        for person in (waiting, maybe, stranger):
            dates = get_occurrence_calendar(viewer=person, occurrence_id=occurrence.pk)
            data = _write(person, dates, now=after)
            (event,) = _parse(data)
            assert not hasattr(event, "location")
            assert ADDRESS.encode() not in data
            assert CALL.encode() not in data
        dates = get_occurrence_calendar(viewer=confirmed, occurrence_id=occurrence.pk)
        (event,) = _parse(_write(confirmed, dates, now=after))
        assert event.location.value == f"{ADDRESS}\n{CALL}"
        assert dates.places_shown == [occurrence]
    # After the end the place is gone again.
    with time_machine.travel(occurrence.ends_at + timedelta(minutes=1), tick=False):
        dates = get_occurrence_calendar(viewer=confirmed, occurrence_id=occurrence.pk)
        (event,) = _parse(_write(confirmed, dates, now=occurrence.ends_at))
        assert not hasattr(event, "location")


@pytest.mark.django_db
def test_discreet_mode_is_neutral_and_names_no_network(translations):
    network = NetworkSettings.current()
    network.name = "Red Marcador Arcoíris"
    network.save()
    occurrence = _occurrence(
        title_es="Círculo de apoyo trans",
        title_en="Trans support circle",
        area=AreaFactory(name="Barrio Marcador"),
    )
    viewer = UserFactory(discreet_mode=True, language="es")
    RsvpFactory(occurrence=occurrence, user=viewer)
    with time_machine.travel(occurrence.starts_at - timedelta(hours=1), tick=False):
        dates = get_feed_calendar(owner=viewer)
        data = _write(viewer, dates, now=occurrence.starts_at, name=network.name)
    (event,) = _parse(data)
    assert event.summary.value == "Cita"
    assert event.getChildValue("class") == "PRIVATE"
    assert not hasattr(event, "description")
    assert not hasattr(event, "url")
    # The place is still there for a confirmed seat: that is what the member needs.
    assert event.location.value == ADDRESS
    for secret in (
        "Círculo de apoyo",
        "Trans support",
        "Marcador Arcoíris",
        "Barrio Marcador",
        "Tejido",
        "tejido",
    ):
        assert secret.encode() not in data, secret
    calendar = next(vobject.readComponents(data.decode()))
    assert calendar.prodid.value == PRODID
    assert calendar.getChildValue("x_wr_calname") == "Calendario"


@pytest.mark.django_db
def test_a_cancelled_date_is_marked_cancelled_and_shows_no_place():
    from tejido.core.clock import now

    occurrence = _occurrence()
    occurrence.cancelled_at = now()
    occurrence.save()
    viewer = RsvpFactory(occurrence=occurrence).user
    with time_machine.travel(occurrence.starts_at - timedelta(hours=1), tick=False):
        dates = get_occurrence_calendar(viewer=viewer, occurrence_id=occurrence.pk)
        data = _write(viewer, dates, now=occurrence.starts_at)
    (event,) = _parse(data)
    assert event.status.value == "CANCELLED"
    assert not hasattr(event, "location")


@pytest.mark.django_db
def test_no_file_for_a_date_the_viewer_does_not_see():
    from tejido.groups.factories import GroupFactory

    occurrence = OccurrenceFactory(event=EventFactory(group=GroupFactory(), visibility="group"))
    with pytest.raises(NotFound):
        get_occurrence_calendar(viewer=UserFactory(), occurrence_id=occurrence.pk)
    with pytest.raises(NotFound):
        get_series_calendar(viewer=UserFactory(), occurrence_id=occurrence.pk)
    with pytest.raises(NotFound):
        get_occurrence_calendar(viewer=UserFactory(), occurrence_id=999_999)


@pytest.mark.django_db
def test_the_series_file_holds_the_dates_to_come_and_no_names():
    event = EventFactory(recurrence="FREQ=WEEKLY")
    first = OccurrenceFactory(event=event)
    later = [
        OccurrenceFactory(
            event=event,
            starts_at=first.starts_at + timedelta(weeks=n),
            ends_at=first.ends_at + timedelta(weeks=n),
        )
        for n in (1, 2)
    ]
    past = OccurrenceFactory(
        event=event,
        starts_at=first.starts_at - timedelta(weeks=3),
        ends_at=first.ends_at - timedelta(weeks=3),
    )
    host = HostFactory(event=event).user
    going = RsvpFactory(occurrence=first).user
    viewer = UserFactory()
    from tejido.core.clock import now

    data = _write(viewer, get_series_calendar(viewer=viewer, occurrence_id=later[0].pk), now=now())
    events = _parse(data)
    assert [e.dtstart.value for e in events] == [o.starts_at for o in (first, *later)]
    assert len({e.uid.value for e in events}) == 3
    assert past.starts_at not in [e.dtstart.value for e in events]
    for person in (host, going):
        assert person.profile.chosen_name.encode() not in data
        assert person.email.encode() not in data
    assert all(e.getChildValue("class") == "PRIVATE" for e in events)
    assert not any(hasattr(e, "attendee") or hasattr(e, "organizer") for e in events)


@pytest.mark.django_db
def test_the_feed_holds_my_dates_from_a_month_ago():
    from tejido.core.clock import now

    owner = UserFactory()
    going = RsvpFactory(user=owner).occurrence
    maybe = RsvpFactory(user=owner, answer="maybe", seat=Rsvp.Seat.NONE).occurrence
    not_going = RsvpFactory(user=owner, answer="not_going", seat=Rsvp.Seat.NONE).occurrence
    hosted = OccurrenceFactory()
    HostFactory(event=hosted.event, user=owner)
    old_event = EventFactory(
        starts_at=now() - timedelta(days=40), ends_at=now() - timedelta(days=40, hours=-2)
    )
    too_old = RsvpFactory(user=owner, occurrence=OccurrenceFactory(event=old_event)).occurrence
    recent_event = EventFactory(
        starts_at=now() - timedelta(days=10), ends_at=now() - timedelta(days=10, hours=-2)
    )
    recent = RsvpFactory(user=owner, occurrence=OccurrenceFactory(event=recent_event)).occurrence
    someone_elses = RsvpFactory().occurrence
    dates = get_feed_calendar(owner=owner)
    ids = {entry.card.id for entry in dates.entries}
    assert ids == {going.pk, maybe.pk, hosted.pk, recent.pk}
    assert not ids & {not_going.pk, too_old.pk, someone_elses.pk}
    # The host sees the place always; so does the file.
    assert dates.places_shown == [hosted]
    events = _parse(_write(owner, dates, now=now(), name="Red"))
    assert len(events) == 4
    assert all(e.getChildValue("class") == "PRIVATE" for e in events)


@pytest.mark.django_db
def test_a_feed_secret_is_kept_as_a_digest_and_a_new_one_replaces_it():
    owner = UserFactory()
    first = create_or_renew_feed(actor=owner)
    assert len(first) >= 43
    feed = CalendarFeed.objects.get(user=owner)
    assert first not in feed.digest
    assert len(feed.digest) == 64
    assert get_feed_owner(secret=first) == owner
    second = create_or_renew_feed(actor=owner)
    assert CalendarFeed.objects.filter(user=owner).count() == 1
    with pytest.raises(NotFound):
        get_feed_owner(secret=first)
    assert get_feed_owner(secret=second) == owner
    assert revoke_feed(actor=owner) is True
    assert revoke_feed(actor=owner) is False
    with pytest.raises(NotFound):
        get_feed_owner(secret=second)
    for wrong in ("", "x", "a" * 500):
        with pytest.raises(NotFound):
            get_feed_owner(secret=wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("state", [User.State.SUSPENDED, User.State.REMOVED])
def test_a_feed_stops_for_a_member_no_longer_in_good_standing(state):
    owner = UserFactory()
    secret = create_or_renew_feed(actor=owner)
    owner.state = state
    owner.save()
    with pytest.raises(NotFound):
        get_feed_owner(secret=secret)
    with pytest.raises(NotFound):
        create_or_renew_feed(actor=owner)


def test_an_entry_is_written_from_its_card_only():
    # The writer takes cards, never models: a card without a place has no LOCATION.
    from datetime import UTC, datetime

    from tejido.access.event_cards import OccurrenceCard

    start = datetime(2030, 5, 1, 18, tzinfo=UTC)
    card = OccurrenceCard(
        id=7,
        event_id=3,
        kind="social",
        kind_label="Social",
        title="Evening",
        description="",
        group_name="",
        group_slug="",
        area_name="",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        time_zone="UTC",
        mode="in_person",
        mode_label="",
        cancelled=False,
        recurring=False,
        capacity=None,
        going=0,
        waitlisted=0,
        my_answer="",
        my_seat="",
        offer_expires_at=None,
        accessibility=(),
        content_notes="",
        age_min=None,
        age_max=None,
        languages=(),
        has_image=False,
        image_description="",
        place_shown_from=start,
    )
    data = occurrence_ics(entries=[CalendarEntry(card, 5)], discreet=False, now=start)
    (event,) = _parse(data)
    assert event.sequence.value == "5"
    assert event.dtstamp.value == start
