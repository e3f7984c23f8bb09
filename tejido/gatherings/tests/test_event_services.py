"""Making and running events: series and their dates, edits of the whole, one date or this and
the following, cancelling, hosts, invitation links and the hosts' message."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.audit.models import AuditEntry
from tejido.core.errors import InvalidInput, NotFound
from tejido.gatherings.errors import AlreadyHost, CannotCreateEvent, LastHost
from tejido.gatherings.event_services import (
    cancel_event,
    cancel_occurrence,
    create_event,
    message_attendees,
    name_host,
    note_place_shown,
    open_invitation,
    remove_host,
    renew_invite_link,
    update_event,
    update_following,
    update_occurrence,
)
from tejido.gatherings.models import AddressView, Event, Host, Invitation, Occurrence, Rsvp
from tejido.gatherings.services import rsvp
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import GroupMembership
from tejido.notifications.models import Notice

TZ = ZoneInfo("Europe/Madrid")
# A Wednesday in September, so that the first Friday of October comes after it.
TODAY = datetime(2026, 9, 30, 10, 0, tzinfo=TZ)


def _friday_night(**fields):
    start = datetime(2026, 10, 2, 19, 30, tzinfo=TZ)
    return {
        "kind": Event.Kind.FILM_NIGHT,
        "title_es": "Cine del viernes",
        "title_en": "Friday film",
        "starts_at": start,
        "ends_at": start + timedelta(hours=3),
        "address": "Calle Secreta 9",
        **fields,
    }


@pytest.fixture
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.mark.django_db
def test_a_monthly_series_has_its_dates_ahead_and_its_maker_as_host(today):
    organiser = OrganiserFactory()
    event = create_event(actor=organiser, repeats="monthly_weekday", **_friday_night())
    assert event.recurrence == "FREQ=MONTHLY;BYDAY=1FR"
    dates = list(event.occurrences.order_by("starts_at"))
    assert 12 <= len(dates) <= 14
    assert {d.starts_at.astimezone(TZ).strftime("%a %H:%M") for d in dates} == {"Fri 19:30"}
    assert Host.objects.get(event=event).user == organiser
    assert AuditEntry.objects.filter(action="event.create").exists()


@pytest.mark.django_db
def test_group_organisers_make_their_groups_events_and_members_cannot(today):
    group = GroupFactory()
    runner = GroupMembershipFactory(group=group, role=GroupMembership.Role.ORGANISER).user
    event = create_event(actor=runner, group=group, visibility="group", **_friday_night())
    assert event.group == group
    with pytest.raises(CannotCreateEvent):
        create_event(actor=UserFactory(), **_friday_night())
    with pytest.raises(CannotCreateEvent):
        create_event(actor=runner, group=GroupFactory(), **_friday_night())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title_es": "", "title_en": ""}, "title_es"),
        ({"title_es": "Cena\u200b"}, "title_es"),
        ({"title_en": "Dinner\u202e"}, "title_en"),
        ({"capacity": 0}, "capacity"),
        ({"languages": ["xx"]}, "languages"),
        ({"kind": "rave"}, "kind"),
        ({"age_min": 30, "age_max": 18}, "age_max"),
        ({"reveal_hours": -1}, "reveal_hours"),
        ({"visibility": "group"}, "group"),
    ],
)
def test_bad_fields_are_refused_with_the_field_named(today, fields, field):
    with pytest.raises(InvalidInput) as refused:
        create_event(actor=OrganiserFactory(), **_friday_night(**fields))
    assert field in refused.value.detail
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_an_end_before_the_start_is_refused(today):
    fields = _friday_night()
    fields["ends_at"] = fields["starts_at"] - timedelta(minutes=1)
    with pytest.raises(InvalidInput) as refused:
        create_event(actor=OrganiserFactory(), **fields)
    assert "ends_at" in refused.value.detail


@pytest.mark.django_db
def test_moving_the_series_moves_answered_dates_and_tells_those_going(today):
    organiser = OrganiserFactory()
    event = create_event(actor=organiser, repeats="monthly_weekday", **_friday_night())
    first = event.occurrences.order_by("starts_at").first()
    member = UserFactory()
    rsvp(actor=member, occurrence=first, answer=Rsvp.Answer.GOING)
    later = _friday_night()["starts_at"] + timedelta(hours=1)
    update_event(
        actor=organiser,
        event=event,
        starts_at=later,
        ends_at=later + timedelta(hours=2),
        repeats="monthly_weekday",
    )
    first.refresh_from_db()
    assert first.starts_at.astimezone(TZ).hour == 20
    assert Rsvp.objects.filter(occurrence=first, user=member).exists()
    assert Notice.objects.filter(user=member, kind="event_changed").exists()
    assert {o.starts_at.astimezone(TZ).hour for o in event.occurrences.all()} == {20}


@pytest.mark.django_db
def test_one_date_moves_alone(today):
    organiser = OrganiserFactory()
    event = create_event(actor=organiser, repeats="monthly_weekday", **_friday_night())
    second = event.occurrences.order_by("starts_at")[1]
    moved = second.starts_at + timedelta(days=1)
    update_occurrence(
        actor=organiser, occurrence=second, starts_at=moved, ends_at=moved + timedelta(hours=2)
    )
    assert Occurrence.objects.get(pk=second.pk).starts_at == moved
    others = event.occurrences.exclude(pk=second.pk)
    assert {o.starts_at.astimezone(TZ).weekday() for o in others} == {4}


@pytest.mark.django_db
def test_this_and_the_following_dates_become_a_new_series_with_their_answers(today):
    organiser = OrganiserFactory()
    event = create_event(actor=organiser, repeats="monthly_weekday", **_friday_night())
    dates = list(event.occurrences.order_by("starts_at"))
    member = UserFactory()
    rsvp(actor=member, occurrence=dates[3], answer=Rsvp.Answer.GOING)
    new = update_following(actor=organiser, occurrence=dates[2], title_en="Friday film, new hall")
    assert new.pk != event.pk
    event.refresh_from_db()
    assert "UNTIL=" in event.recurrence
    assert list(event.occurrences.order_by("starts_at")) == dates[:2]
    moved = Occurrence.objects.get(pk=dates[3].pk)
    assert moved.event == new
    assert new.title_en == "Friday film, new hall"
    assert Rsvp.objects.filter(occurrence=moved, user=member).exists()
    assert Host.objects.filter(event=new, user=organiser).exists()


@pytest.mark.django_db
def test_cancelling_a_date_or_the_whole_tells_those_answering(today):
    organiser = OrganiserFactory()
    event = create_event(actor=organiser, repeats="weekly", repeat_count=3, **_friday_night())
    first, *_later = event.occurrences.order_by("starts_at")
    going, said_no = UserFactory(), UserFactory()
    rsvp(actor=going, occurrence=first, answer=Rsvp.Answer.GOING)
    rsvp(actor=said_no, occurrence=first, answer=Rsvp.Answer.NOT_GOING)
    cancel_occurrence(actor=organiser, occurrence=first)
    assert Notice.objects.filter(user=going, kind="occurrence_cancelled").count() == 1
    assert not Notice.objects.filter(user=said_no, kind="occurrence_cancelled").exists()
    cancel_event(actor=organiser, event=event)
    assert not event.occurrences.filter(cancelled_at__isnull=True).exists()
    with pytest.raises(NotFound):
        cancel_event(actor=going, event=event)


@pytest.mark.django_db
def test_hosts_are_named_and_the_last_one_stays(today):
    organiser = OrganiserFactory()
    event = create_event(actor=organiser, **_friday_night())
    helper = UserFactory()
    name_host(actor=organiser, event=event, member=helper, role=Host.Role.FACILITATOR)
    with pytest.raises(AlreadyHost):
        name_host(actor=organiser, event=event, member=helper, role=Host.Role.HOST)
    with pytest.raises(InvalidInput):
        name_host(actor=organiser, event=event, member=UserFactory(), role="boss")
    remove_host(actor=organiser, event=event, member=helper)
    with pytest.raises(LastHost):
        remove_host(actor=organiser, event=event, member=organiser)


@pytest.mark.django_db
def test_an_invitation_link_lets_members_in_until_it_is_replaced(today):
    organiser = OrganiserFactory()
    event = create_event(actor=organiser, visibility="invitation", **_friday_night())
    guest, late = UserFactory(), UserFactory()
    old = event.invite_token
    assert open_invitation(actor=guest, token=old) == event
    assert Invitation.objects.filter(event=event, user=guest).exists()
    renew_invite_link(actor=organiser, event=event)
    with pytest.raises(NotFound):
        open_invitation(actor=late, token=old)
    with pytest.raises(NotFound):
        open_invitation(actor=late, token="")


@pytest.mark.django_db
def test_the_hosts_message_reaches_those_going_and_names_no_place(today):
    organiser = OrganiserFactory()
    event = create_event(actor=organiser, **_friday_night())
    occurrence = event.occurrences.get()
    going, waiting = UserFactory(), UserFactory()
    rsvp(actor=going, occurrence=occurrence, answer=Rsvp.Answer.GOING)
    rsvp(actor=waiting, occurrence=occurrence, answer=Rsvp.Answer.MAYBE)
    assert message_attendees(actor=organiser, occurrence=occurrence, text="Bring a jumper") == 1
    notice = Notice.objects.get(user=going, kind="event_hosts_message")
    assert notice.params["message"] == "Bring a jumper"
    assert "Secreta" not in str(notice.params)
    with pytest.raises(InvalidInput):
        message_attendees(actor=organiser, occurrence=occurrence, text="  ")


@pytest.mark.django_db
def test_who_was_shown_the_place_is_noted_once(today):
    organiser = OrganiserFactory()
    event = create_event(actor=organiser, **_friday_night())
    occurrence = event.occurrences.get()
    member = UserFactory()
    note_place_shown(viewer=member, occurrence=occurrence)
    note_place_shown(viewer=member, occurrence=occurrence)
    assert AddressView.objects.filter(occurrence=occurrence, user=member).count() == 1


@pytest.mark.django_db
def test_the_address_is_sealed_in_the_database(today):
    from django.db import connection

    event = create_event(actor=OrganiserFactory(), **_friday_night())
    with connection.cursor() as cursor:
        cursor.execute("SELECT address FROM gatherings_event WHERE id = %s", [event.pk])
        (stored,) = cursor.fetchone()
    assert stored.startswith("sealed:")
    assert "Secreta" not in stored
