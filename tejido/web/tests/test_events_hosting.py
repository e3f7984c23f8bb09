"""The pages of those who run gatherings: making a series, editing it, one date or this and the
following, the picture without its metadata, cancelling, hosts, approvals, messages,
attendance and its CSV; and the 404 page for everyone else."""

import io
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from tejido.accounts.factories import BlockFactory, OrganiserFactory, UserFactory
from tejido.core.clock import now
from tejido.gatherings.errors import BadImage
from tejido.gatherings.event_services import make_occurrences
from tejido.gatherings.factories import (
    EventFactory,
    HostFactory,
    OccurrenceFactory,
    RsvpFactory,
)
from tejido.gatherings.images import reencode_image
from tejido.gatherings.models import AddressView, Event, Host, Invitation, Occurrence, Rsvp
from tejido.gatherings.selectors import get_occurrence_page
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.groups.models import GroupMembership
from tejido.notifications.models import Notice
from tejido.web.forms.events import EventForm, OccurrenceEditForm
from tejido.web.templatetags.html_time import html_datetime
from tejido.web.views.event_hosting import safe_cell

ZONE = ZoneInfo(settings.TIME_ZONE)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _first_friday_ahead() -> date:
    """A first Friday of a month, a month or more from now."""
    day = (now() + timedelta(days=40)).astimezone(ZONE).date().replace(day=1)
    while day.weekday() != 4:
        day += timedelta(days=1)
    return day


def _as_post(initial: dict) -> dict:
    """A form's initial values as a browser would send them."""
    data: dict = {}
    for name, value in initial.items():
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, list):
            data[name] = value
        elif hasattr(value, "pk"):
            data[name] = str(value.pk)
        elif isinstance(value, date | datetime) or hasattr(value, "isoformat"):
            data[name] = value.isoformat()[:10] if isinstance(value, date) else value.isoformat()
        else:
            data[name] = str(value)
    for name in ("start_time", "end_time"):
        if name in initial:
            data[name] = initial[name].strftime("%H:%M")
    return data


def _new_event_data(**changes) -> dict:
    start = _first_friday_ahead()
    data = {
        "kind": "film_night",
        "title_es": "Noche de cine",
        "title_en": "Film night",
        "description_es": "Vemos una película y hablamos.",
        "visibility": "group",
        "start_date": start.isoformat(),
        "start_time": "19:30",
        "end_date": start.isoformat(),
        "end_time": "22:00",
        "repeats": "monthly_weekday",
        "repeat_count": "4",
        "mode": "in_person",
        "address": "Calle del Cine 1",
        "reveal_hours": "24",
        "capacity": "20",
        "promotion": "at_once",
        "offer_hours": "12",
        "attendee_list": "hosts",
        "reminder_hours": "24",
        "step_free": "on",
        "languages": ["es", "en"],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _group_organiser():
    person = UserFactory()
    group = GroupFactory()
    GroupMembershipFactory(group=group, user=person, role=GroupMembership.Role.ORGANISER)
    return person, group


def _hosted(host=None, **event_fields):
    """An event (a week ahead) with one date, hosted by `host` (a new member if none)."""
    event = EventFactory(**event_fields)
    host = host or UserFactory()
    HostFactory(event=event, user=host)
    occurrence = OccurrenceFactory(event=event)
    return host, event, occurrence


def _jpeg_with_gps() -> bytes:
    picture = Image.new("RGB", (2400, 1200), (200, 30, 90))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turned on its side
    exif[0x010F] = "PhoneMaker"  # camera maker
    exif[0x8825] = {1: "N", 2: (40.0, 25.0, 12.0), 3: "W", 4: (3.0, 42.0, 5.0)}  # GPS
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif.tobytes(), comment=b"secret comment")
    return out.getvalue()


# Making and editing -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_group_organiser_makes_a_monthly_film_night_on_the_first_friday(login):
    person, group = _group_organiser()
    client = login(person)
    page = client.get(reverse("event_create") + f"?group={group.slug}")
    assert page.status_code == 200
    assert settings.TIME_ZONE in page.content.decode()
    response = client.post(
        reverse("event_create") + f"?group={group.slug}", _new_event_data(group=str(group.pk))
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title_es="Noche de cine")
    assert event.group == group
    assert event.recurrence == "FREQ=MONTHLY;BYDAY=1FR;COUNT=4"
    assert event.languages == ["en", "es"]
    assert event.step_free
    assert event.capacity == 20
    assert Host.objects.filter(event=event, user=person, role=Host.Role.HOST).exists()
    dates = [o.starts_at.astimezone(ZONE) for o in event.occurrences.order_by("starts_at")]
    assert len(dates) == 4
    for moment in dates:
        assert moment.weekday() == 4
        assert moment.day <= 7
        assert (moment.hour, moment.minute) == (19, 30)
    assert response["Location"] == reverse("occurrence_detail", args=[event.occurrences.first().pk])


@pytest.mark.django_db
def test_a_group_organiser_cannot_make_a_network_event(login):
    person, _group = _group_organiser()
    response = login(person).post(reverse("event_create"), _new_event_data(visibility="network"))
    assert response.status_code == 400
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_a_network_organiser_makes_a_network_event_without_a_group(organiser_client):
    response = organiser_client.post(
        reverse("event_create"),
        _new_event_data(visibility="network", repeats="", repeat_count=None),
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.group is None
    assert event.recurrence == ""
    assert event.occurrences.count() == 1


@pytest.mark.django_db
def test_a_network_organiser_edits_a_members_event(organiser_client):
    _host, event, occurrence = _hosted(title_es="Antes")
    url = reverse("event_edit", args=[event.pk])
    form = organiser_client.get(url)
    assert form.status_code == 200
    # Date inputs carry ISO dates, whatever the language's own format.
    assert f'value="{event.starts_at.astimezone(ZONE).date().isoformat()}"' in form.content.decode()
    data = _as_post(EventForm.initial_for(event))
    data["title_es"] = "Después"
    data["quiet_room"] = "on"
    response = organiser_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert (event.title_es, event.quiet_room) == ("Después", True)
    # The date did not change, so the date that exists stays (and keeps its answers).
    assert Occurrence.objects.filter(pk=occurrence.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_time": "18:00"}, "end_date"),  # ends before it starts
        ({"start_date": "2026-13-45"}, "start_date"),
        ({"capacity": "lots"}, "capacity"),
        ({"capacity": "0"}, "capacity"),
        ({"repeats": "every_blue_moon"}, "repeats"),
        ({"repeat_until": "2030-01-01"}, "repeat_until"),  # with a count as well
        ({"repeat_count": None, "repeat_until": "2020-01-01"}, "repeats"),  # ends before it starts
        ({"repeat_count": "1000"}, "repeat_count"),
        ({"age_min": "30", "age_max": "20"}, "age_max"),
        ({"title_es": "", "title_en": ""}, "title_es"),
        ({"reveal_hours": "-1"}, "reveal_hours"),
        ({"languages": ["xx"]}, "languages"),
    ],
)
def test_bad_values_get_the_forms_errors_not_a_500(login, changes, field):
    person, group = _group_organiser()
    response = login(person).post(
        reverse("event_create"), _new_event_data(group=str(group.pk), **changes)
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors, response.context["form"].errors
    assert not Event.objects.exists()


# One date, or this and the following ------------------------------------------------------


@pytest.mark.django_db
def test_editing_the_series_times_moves_its_dates(login):
    host = UserFactory()
    event, _dates = _series(host)
    data = _as_post(EventForm.initial_for(event))
    data.update(start_time="18:00", end_time="20:00")
    response = login(host).post(reverse("event_edit", args=[event.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert event.recurrence == "FREQ=MONTHLY;BYDAY=1FR"
    hours = {o.starts_at.astimezone(ZONE).hour for o in event.occurrences.all()}
    assert hours == {18}


def _series(host):
    start = datetime.combine(_first_friday_ahead(), datetime.min.time(), ZONE).replace(hour=19)
    event = EventFactory(
        starts_at=start, ends_at=start + timedelta(hours=2), recurrence="FREQ=MONTHLY;BYDAY=1FR"
    )
    HostFactory(event=event, user=host)
    make_occurrences(event, after=start)
    return event, list(event.occurrences.order_by("starts_at"))


@pytest.mark.django_db
def test_only_this_date_moves_one_date(login):
    host = UserFactory()
    event, dates = _series(host)
    second = dates[1]
    RsvpFactory(occurrence=second)
    client = login(host)
    url = reverse("occurrence_edit", args=[second.pk])
    assert client.get(url).status_code == 200
    data = _as_post(OccurrenceEditForm.initial_for_occurrence(second))
    data.update(scope="this", start_time="20:00", end_time="23:00", title_es="Ignorado")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    second.refresh_from_db()
    event.refresh_from_db()
    assert second.starts_at.astimezone(ZONE).hour == 20
    assert event.title_es != "Ignorado"
    assert dates[2].starts_at == Occurrence.objects.get(pk=dates[2].pk).starts_at


@pytest.mark.django_db
def test_this_date_and_the_following_ones_splits_the_series(login):
    host = UserFactory()
    event, dates = _series(host)
    third = dates[2]
    data = _as_post(OccurrenceEditForm.initial_for_occurrence(third))
    data.update(scope="following", title_es="Nueva etapa")
    response = login(host).post(reverse("occurrence_edit", args=[third.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    third.refresh_from_db()
    assert third.event_id != event.pk
    assert third.event.title_es == "Nueva etapa"
    event.refresh_from_db()
    assert "UNTIL=" in event.recurrence
    assert Occurrence.objects.get(pk=dates[0].pk).event_id == event.pk


@pytest.mark.django_db
def test_a_bad_time_for_one_date_is_a_form_error(login):
    host, _event, occurrence = _hosted()
    data = _as_post(OccurrenceEditForm.initial_for_occurrence(occurrence))
    data.update(end_date=(occurrence.starts_at - timedelta(days=1)).date().isoformat())
    response = login(host).post(reverse("occurrence_edit", args=[occurrence.pk]), data)
    assert response.status_code == 400
    assert response.context["form"].errors


# Who may open the host pages ----------------------------------------------------------------


def _host_urls(event, occurrence, member) -> list[str]:
    return [
        reverse("event_edit", args=[event.pk]),
        reverse("occurrence_edit", args=[occurrence.pk]),
        reverse("occurrence_cancel", args=[occurrence.pk]),
        reverse("event_cancel", args=[occurrence.pk]),
        reverse("event_message", args=[occurrence.pk]),
        reverse("occurrence_attendance", args=[occurrence.pk]),
        reverse("occurrence_attendance_csv", args=[occurrence.pk]),
    ]


@pytest.mark.django_db
def test_a_plain_member_gets_the_404_page_on_every_host_page(member_client, member):
    _host, event, occurrence = _hosted()
    RsvpFactory(occurrence=occurrence, user=member)
    for url in _host_urls(event, occurrence, member):
        assert member_client.get(url).status_code == 404, url
        assert member_client.post(url, {"confirm": "yes"}).status_code in (404, 405), url
    for name in ("event_hosts", "event_invite_renew"):
        url = reverse(name, args=[occurrence.pk])
        assert member_client.post(url, {"member_id": member.pk, "role": "host"}).status_code == 404
    url = reverse("rsvp_decide", args=[occurrence.pk, member.pk])
    assert member_client.post(url, {"decision": "approve"}).status_code == 404
    assert member_client.get(reverse("event_create")).status_code == 404
    assert member_client.post(reverse("event_create"), _new_event_data()).status_code == 404
    event.refresh_from_db()
    assert event.cancelled_at is None
    assert not Host.objects.filter(user=member).exists()


@pytest.mark.django_db
def test_a_facilitator_records_attendance_but_does_not_edit(login):
    facilitator = UserFactory()
    _host, event, occurrence = _hosted()
    HostFactory(event=event, user=facilitator, role=Host.Role.FACILITATOR)
    client = login(facilitator)
    assert client.get(reverse("occurrence_attendance", args=[occurrence.pk])).status_code == 200
    assert client.get(reverse("event_edit", args=[event.pk])).status_code == 404


# Cancelling, hosts, approvals, messages ------------------------------------------------------


@pytest.mark.django_db
def test_cancelling_a_date_asks_first_then_tells_those_coming(login):
    host, _event, occurrence = _hosted()
    going = RsvpFactory(occurrence=occurrence).user
    said_no = RsvpFactory(occurrence=occurrence, answer=Rsvp.Answer.NOT_GOING, seat="none").user
    client = login(host)
    url = reverse("occurrence_cancel", args=[occurrence.pk])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 400
    occurrence.refresh_from_db()
    assert occurrence.cancelled_at is None
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    occurrence.refresh_from_db()
    assert occurrence.cancelled_at is not None
    assert Notice.objects.filter(user=going, kind="occurrence_cancelled").count() == 1
    assert not Notice.objects.filter(user=said_no).exists()


@pytest.mark.django_db
def test_cancelling_the_whole_event_tells_those_coming(login):
    host, event, occurrence = _hosted()
    going = RsvpFactory(occurrence=occurrence).user
    response = login(host).post(reverse("event_cancel", args=[occurrence.pk]), {"confirm": "yes"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.cancelled_at is not None
    assert Notice.objects.filter(user=going, kind="occurrence_cancelled").exists()


@pytest.mark.django_db
def test_hosts_name_and_remove_a_cohost(login):
    host, event, occurrence = _hosted()
    attendee = RsvpFactory(occurrence=occurrence).user
    client = login(host)
    url = reverse("event_hosts", args=[occurrence.pk])
    assert client.post(url, {"member": attendee.pk, "role": "facilitator"}).status_code == 302
    assert Host.objects.get(event=event, user=attendee).role == Host.Role.FACILITATOR
    assert client.post(url, {"remove": attendee.pk}).status_code == 302
    assert not Host.objects.filter(event=event, user=attendee).exists()
    # The last host cannot go, and nonsense is a message, not a 500.
    assert client.post(url, {"remove": host.pk}).status_code == 302
    assert Host.objects.filter(event=event, user=host).exists()
    assert client.post(url, {"member": "x", "role": "boss"}).status_code == 302
    assert client.post(url, {"member_id": 99999999, "role": "host"}).status_code == 302


@pytest.mark.django_db
def test_hosts_approve_and_decline_waiting_answers(login):
    host, _event, occurrence = _hosted(needs_approval=True)
    first = RsvpFactory(occurrence=occurrence, seat=Rsvp.Seat.PENDING).user
    second = RsvpFactory(occurrence=occurrence, seat=Rsvp.Seat.PENDING).user
    client = login(host)
    client.post(reverse("rsvp_decide", args=[occurrence.pk, first.pk]), {"decision": "approve"})
    client.post(reverse("rsvp_decide", args=[occurrence.pk, second.pk]), {"decision": "decline"})
    assert Rsvp.objects.get(user=first).seat == Rsvp.Seat.CONFIRMED
    assert Rsvp.objects.get(user=second).answer == Rsvp.Answer.NOT_GOING
    # Deciding again is a message, not an error page.
    again = client.post(
        reverse("rsvp_decide", args=[occurrence.pk, first.pk]), {"decision": "decline"}
    )
    assert again.status_code == 302


@pytest.mark.django_db
def test_hosts_write_to_those_with_a_seat(login):
    host, _event, occurrence = _hosted()
    going = RsvpFactory(occurrence=occurrence).user
    client = login(host)
    url = reverse("event_message", args=[occurrence.pk])
    assert client.post(url, {"message": ""}).status_code == 400
    assert client.post(url, {"message": "Traed abrigo."}).status_code == 302
    notice = Notice.objects.get(user=going, kind="event_hosts_message")
    assert notice.params["message"] == "Traed abrigo."


@pytest.mark.django_db
def test_a_new_invitation_link_replaces_the_old(login):
    host, event, occurrence = _hosted(visibility="invitation", invite_token="old-token")
    assert login(host).post(reverse("event_invite_renew", args=[occurrence.pk])).status_code == 302
    event.refresh_from_db()
    assert event.invite_token
    assert event.invite_token != "old-token"


@pytest.mark.django_db
def test_the_host_tools_show_the_links_and_the_full_invitation_address():
    host, event, occurrence = _hosted(visibility="invitation", invite_token="tok-123")
    waiting = RsvpFactory(occurrence=occurrence, seat=Rsvp.Seat.PENDING).user
    request = RequestFactory().get("/")
    request.user = host
    page = get_occurrence_page(viewer=host, occurrence_id=occurrence.pk)
    html = render_to_string("events/_host_tools.html", {"page": page}, request=request)
    assert "http://testserver" + reverse("event_invitation", args=["tok-123"]) in html
    assert reverse("event_edit", args=[event.pk]) in html
    assert reverse("rsvp_decide", args=[occurrence.pk, waiting.pk]) in html
    assert reverse("occurrence_attendance_csv", args=[occurrence.pk]) in html
    stranger = UserFactory()
    request.user = stranger
    RsvpFactory(occurrence=occurrence, user=stranger)
    Invitation.objects.create(event=event, user=stranger)  # let in by the link
    page = get_occurrence_page(viewer=stranger, occurrence_id=occurrence.pk)
    html = render_to_string("events/_host_tools.html", {"page": page}, request=request)
    assert html.strip() == ""


@pytest.mark.django_db
def test_hosts_see_who_was_shown_the_address_and_when_and_members_do_not(login):
    host = UserFactory(language="en")
    facilitator = UserFactory(language="en")
    _host, event, occurrence = _hosted(host, reveal_hours=24, address="Calle Vista 8")
    HostFactory(event=event, user=facilitator, role=Host.Role.FACILITATOR)
    ana = UserFactory(language="en", profile__chosen_name="Ana Vista")
    bea = UserFactory(language="en", profile__chosen_name="Bea Vista")
    unseen = UserFactory(language="en", profile__chosen_name="Cleo Sin Ver")
    for person in (ana, bea, unseen):
        RsvpFactory(occurrence=occurrence, user=person)
    url = reverse("occurrence_detail", args=[occurrence.pk])
    heading = "Who has been shown the address"

    before = login(host).get(url).content.decode()
    assert heading in before
    assert "Nobody has been shown the address yet." in before
    # Ana opens the page well before the start, Bea an hour later: each is noted once, when
    # first shown it.
    with time_machine.travel(occurrence.starts_at - timedelta(hours=3), tick=False):
        assert "Calle Vista 8" in login(ana).get(url).content.decode()
    with time_machine.travel(occurrence.starts_at - timedelta(hours=2), tick=False):
        assert "Calle Vista 8" in login(bea).get(url).content.decode()
        login(ana).get(url)
        html = login(host).get(url).content.decode()
        for person in (ana, bea):
            seen = AddressView.objects.get(occurrence=occurrence, user=person).first_seen_at
            entry = f'{person.profile.chosen_name} · <time datetime="{html_datetime(seen)}">'
            assert entry in html
        assert AddressView.objects.get(user=ana).first_seen_at == occurrence.starts_at - timedelta(
            hours=3
        )
        assert "Cleo Sin Ver" not in html.split(heading)[1].split("</ul>")[0]
        # Those who go are not told who has the address, nor that Bea has it; nor is a
        # facilitator (who sees who is coming, to record attendance, not who has the address).
        for person in (ana, unseen, facilitator):
            page = login(person).get(url).content.decode()
            assert heading not in page, person
            assert "Nobody has been shown the address" not in page, person
            if person != facilitator:
                assert "Bea Vista" not in page, person


# Attendance ---------------------------------------------------------------------------------


def _past(host):
    start = now() - timedelta(hours=3)
    return _hosted(host, starts_at=start, ends_at=start + timedelta(hours=2))


@pytest.mark.django_db
def test_hosts_mark_who_came(login):
    host = UserFactory()
    _host, _event, occurrence = _past(host)
    came = RsvpFactory(occurrence=occurrence).user
    missed = RsvpFactory(occurrence=occurrence).user
    client = login(host)
    url = reverse("occurrence_attendance", args=[occurrence.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"came": [str(came.pk), "junk"], "missed": [str(missed.pk)]})
    assert response.status_code == 302
    assert Rsvp.objects.get(user=came).attended is True
    assert Rsvp.objects.get(user=missed).attended is False


@pytest.mark.django_db
def test_attendance_before_the_start_is_refused_kindly(login):
    host, _event, occurrence = _hosted()
    RsvpFactory(occurrence=occurrence)
    response = login(host).post(reverse("occurrence_attendance", args=[occurrence.pk]))
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_attendance_csv_has_names_answers_seats_and_no_formulas(login):
    host = UserFactory()
    _host, _event, occurrence = _past(host)
    plain = UserFactory(profile__chosen_name="Rosa")
    RsvpFactory(occurrence=occurrence, user=plain, attended=True)
    sly = UserFactory(profile__chosen_name='=HYPERLINK("http://evil","x")')
    RsvpFactory(occurrence=occurrence, user=sly, answer=Rsvp.Answer.MAYBE, seat="none")
    hidden = UserFactory(profile__chosen_name="Bloqueada")
    RsvpFactory(occurrence=occurrence, user=hidden)
    BlockFactory(blocker=hidden, blocked=host)
    response = login(host).get(reverse("occurrence_attendance_csv", args=[occurrence.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    text = response.content.decode()
    lines = text.strip().splitlines()
    assert len(lines) == 3  # the header, Rosa and the sly one; not the blocked person
    assert any(line.startswith("Rosa,") for line in lines)
    assert "'=HYPERLINK" in text
    assert "Bloqueada" not in text
    assert "@example.org" not in text
    assert not any(line.startswith(("=", "+", "-", "@")) for line in lines)


def test_cells_that_a_spreadsheet_would_run_are_defused():
    assert [safe_cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "Ana")] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "Ana",
    ]


# The picture ----------------------------------------------------------------------------------


def test_reencoding_removes_gps_and_every_other_metadata():
    out = reencode_image(io.BytesIO(_jpeg_with_gps()))
    assert out.name.endswith(".jpg")
    picture = Image.open(io.BytesIO(out.read()))
    assert picture.format == "JPEG"
    assert picture.size == (800, 1600)  # turned upright, then at most 1600 px
    assert dict(picture.getexif()) == {}
    assert "exif" not in picture.info
    assert "icc_profile" not in picture.info
    assert "comment" not in picture.info


def test_a_transparent_picture_stays_a_png():
    source = io.BytesIO()
    Image.new("RGBA", (50, 40), (0, 0, 0, 0)).save(source, "PNG")
    out = reencode_image(source)
    assert out.name.endswith(".png")
    assert Image.open(io.BytesIO(out.read())).mode == "RGBA"


@pytest.mark.parametrize(
    "content",
    [
        b"just some text, not a picture",
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        _jpeg_with_gps()[:300],  # cut short
    ],
)
def test_what_is_not_a_readable_picture_is_a_bad_image(content):
    with pytest.raises(BadImage):
        reencode_image(io.BytesIO(content))


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    bomb = io.BytesIO()
    Image.new("1", (8000, 8000)).save(bomb, "PNG")
    with pytest.raises(BadImage):
        reencode_image(bomb)


@pytest.mark.django_db
def test_an_uploaded_picture_is_kept_without_its_gps_and_shown_to_those_who_see_it(login):
    host, event, _occurrence = _hosted()
    data = _as_post(EventForm.initial_for(event))
    data["image"] = SimpleUploadedFile("holiday.jpg", _jpeg_with_gps(), "image/jpeg")
    data["image_description"] = "Una pantalla de cine"
    response = login(host).post(reverse("event_edit", args=[event.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event.refresh_from_db()
    assert event.image_description == "Una pantalla de cine"
    assert "holiday" not in event.image.name
    with event.image.open("rb") as stored:
        kept = stored.read()
    assert b"PhoneMaker" not in kept
    assert b"secret comment" not in kept
    assert dict(Image.open(io.BytesIO(kept)).getexif()) == {}
    viewer = UserFactory()
    shown = login(viewer).get(reverse("event_image", args=[event.pk]))
    assert shown.status_code == 200
    assert shown["Content-Type"] == "image/jpeg"
    assert b"".join(shown.streaming_content) == kept
    # A group-only event's picture is not for those outside the group.
    group = GroupFactory()
    hidden = EventFactory(group=group, visibility="group", image=event.image.name)
    assert login(viewer).get(reverse("event_image", args=[hidden.pk])).status_code == 404
    assert login(viewer).get(reverse("event_image", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_a_text_file_named_jpg_gets_the_bad_image_message_on_the_form(login):
    person, group = _group_organiser()
    data = _new_event_data(group=str(group.pk))
    data["image"] = SimpleUploadedFile("cat.jpg", b"this is not a cat", "image/jpeg")
    response = login(person).post(reverse("event_create"), data)
    assert response.status_code == 400
    assert str(BadImage.message) in response.context["form"].errors["image"]
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_organisers_see_the_new_event_page_with_every_group(organiser_client):
    GroupFactory(name_es="Cineclub")
    page = organiser_client.get(reverse("event_create"))
    assert page.status_code == 200
    assert "Cineclub" in page.content.decode()


# Query counts ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["occurrence_attendance", "occurrence_attendance_csv"])
def test_the_attendance_sheet_costs_the_same_queries_at_two_sizes(login, name):
    counts = []
    for size in (2, 7):
        host = UserFactory()
        _host, _event, occurrence = _past(host)
        for _ in range(size):
            RsvpFactory(occurrence=occurrence)
        client = login(host)
        url = reverse(name, args=[occurrence.pk])
        client.get(url)  # the first page of a session settles the frame
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


@pytest.mark.django_db
def test_the_following_dates_form_counts_only_the_dates_left(login):
    organiser = OrganiserFactory()
    start = now().replace(microsecond=0) + timedelta(days=2)
    event = EventFactory(
        recurrence="FREQ=WEEKLY;COUNT=5", starts_at=start, ends_at=start + timedelta(hours=2)
    )
    HostFactory(event=event, user=organiser)
    make_occurrences(event, after=event.starts_at)
    third = event.occurrences.order_by("starts_at")[2]
    page = login(organiser).get(reverse("occurrence_edit", args=[third.pk])).content.decode()
    assert 'name="repeat_count" value="3"' in page
