"""The members' gatherings pages: the upcoming list, a month, one date with its RSVP controls,
an invitation link, my gatherings, and the home page's next gatherings."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tejido.accounts.factories import BlockFactory, UserFactory
from tejido.core.clock import now
from tejido.gatherings.factories import (
    EventFactory,
    FilmFactory,
    HostFactory,
    OccurrenceFactory,
    RsvpFactory,
)
from tejido.gatherings.models import AddressView, Event, Invitation, Rsvp
from tejido.gatherings.selectors import EVENTS_PER_PAGE
from tejido.gatherings.services import rsvp
from tejido.groups.factories import GroupFactory, GroupMembershipFactory

pytestmark = pytest.mark.django_db

PLACE = "Calle del Marcador 42"


@pytest.fixture
def english(make_user):
    return make_user(language="en")


def _occurrence(**event_fields):
    event_fields.setdefault("title_en", "Spring potluck")
    event_fields.setdefault("address", PLACE)
    return OccurrenceFactory(event=EventFactory(**event_fields))


def _page(client, occurrence):
    response = client.get(reverse("occurrence_detail", args=[occurrence.pk]))
    assert response.status_code == 200
    return response.content.decode()


# The upcoming list --------------------------------------------------------------------------


def test_the_list_shows_dates_to_come(login, english):
    occurrence = _occurrence(
        capacity=10, step_free=True, languages=["es", "en"], kind=Event.Kind.POTLUCK
    )
    RsvpFactory(occurrence=occurrence, user=english)
    html = login(english).get(reverse("event_list")).content.decode()
    assert "Spring potluck" in html
    assert reverse("occurrence_detail", args=[occurrence.pk]) in html
    assert "9 seats left" in html
    assert "Step-free access" in html
    assert "Spanish, English" in html
    assert "You are going" in html
    assert "<time datetime=" in html
    assert PLACE not in html


def test_the_list_never_shows_a_cached_item_that_changed(login, english, make_user):
    """The list's items are cached by all they show: a new title, a taken seat and another
    member's own answer each make a new item."""
    occurrence = _occurrence(capacity=10)
    client = login(english)
    assert "10 seats left" in client.get(reverse("event_list")).content.decode()
    rsvp(actor=make_user(), occurrence=occurrence, answer=Rsvp.Answer.GOING)
    html = client.get(reverse("event_list")).content.decode()
    assert "9 seats left" in html
    assert "You are going" not in html
    event = occurrence.event
    event.title_en = "Autumn potluck"
    event.save()
    html = client.get(reverse("event_list")).content.decode()
    assert "Autumn potluck" in html
    assert "Spring potluck" not in html
    rsvp(actor=english, occurrence=occurrence, answer=Rsvp.Answer.GOING)
    assert "You are going" in client.get(reverse("event_list")).content.decode()
    other = make_user(language="en")
    html = login(other).get(reverse("event_list")).content.decode()
    assert "8 seats left" in html
    assert "You are going" not in html


def test_a_long_list_is_paged_without_counting_it(login, english):
    starts = now() + timedelta(days=2)
    for day in range(EVENTS_PER_PAGE + 3):
        begins = starts + timedelta(days=day)
        OccurrenceFactory(starts_at=begins, ends_at=begins + timedelta(hours=2))
    client = login(english)
    first = client.get(reverse("event_list")).content.decode()
    assert "Dates to come, soonest first, 20 to a page." in first
    assert "Page 1" in first
    assert "Page 1 of" not in first
    assert "?page=2" in first
    second = client.get(reverse("event_list"), {"page": 2}).content.decode()
    assert "Page 2" in second
    assert "?page=3" not in second
    assert second.count('<h3><a href="/events/') == 3
    # Past the end, or not a page at all: the first page.
    for page in ("9", "0", "two", "100000"):
        assert "Page 1" in client.get(reverse("event_list"), {"page": page}).content.decode()


def test_the_list_filters(login, english):
    group = GroupFactory()
    GroupMembershipFactory(group=group, user=english)
    _occurrence(title_en="Film for the group", group=group, kind=Event.Kind.FILM_NIGHT)
    _occurrence(title_en="Network social")
    client = login(english)
    html = client.get(reverse("event_list"), {"group": group.slug}).content.decode()
    assert "Film for the group" in html
    assert "Network social" not in html
    assert "Clear the filters" in html
    html = client.get(reverse("event_list"), {"kind": "film_night"}).content.decode()
    assert "Network social" not in html
    html = client.get(reverse("event_list"), {"accessibility": "quiet_room"}).content.decode()
    assert "No gathering to come matches these filters" in html


def test_the_list_leaves_out_gatherings_with_content_notes_when_asked(login, english):
    _occurrence(title_en="Quiet social")
    _occurrence(title_en="Hard talk", content_notes="Talks about violence.")
    _occurrence(
        title_en="Film with notes",
        kind=Event.Kind.FILM_NIGHT,
        film=FilmFactory(content_notes="Transphobia."),
    )
    _occurrence(title_en="Gentle film", kind=Event.Kind.FILM_NIGHT, film=FilmFactory())
    client = login(english)
    everything = client.get(reverse("event_list")).content.decode()
    assert 'name="without_content_notes"' in everything
    assert "Only those without content notes" in everything
    for title in ("Quiet social", "Hard talk", "Film with notes", "Gentle film"):
        assert title in everything
    html = client.get(reverse("event_list"), {"without_content_notes": "on"}).content.decode()
    assert "Quiet social" in html
    assert "Gentle film" in html
    assert "Hard talk" not in html
    assert "Film with notes" not in html
    assert "Clear the filters" in html
    assert 'id="id_without_content_notes" checked' in html
    # With the other filters too.
    html = client.get(
        reverse("event_list"), {"without_content_notes": "on", "kind": "film_night"}
    ).content.decode()
    assert "Gentle film" in html
    assert "Quiet social" not in html


def test_bad_filter_values_are_left_out(login, english):
    _occurrence(title_en="Network social")
    response = login(english).get(
        reverse("event_list"), {"kind": "nope", "group": "x" * 300, "page": "zz"}
    )
    assert response.status_code == 200
    assert "Network social" in response.content.decode()


def test_the_empty_list_says_what_to_do(login, english):
    html = login(english).get(reverse("event_list")).content.decode()
    assert "There are no gatherings coming up yet" in html
    assert reverse("group_list") in html
    assert reverse("event_create") not in html


def test_organisers_are_offered_to_create(login):
    organiser = UserFactory(is_organiser=True, language="en")
    html = login(organiser).get(reverse("event_list")).content.decode()
    assert reverse("event_create") in html


def test_group_organisers_are_offered_to_create(login, english):
    GroupMembershipFactory(user=english, role="organiser")
    html = login(english).get(reverse("event_list")).content.decode()
    assert reverse("event_create") in html


# A month ------------------------------------------------------------------------------------


def test_the_month_lists_its_days(login, english):
    occurrence = _occurrence()
    local = timezone.localtime(occurrence.starts_at, ZoneInfo(english.time_zone))
    client = login(english)
    response = client.get(reverse("event_month_current"))
    assert response.status_code == 302
    html = client.get(reverse("event_month", args=[local.year, local.month])).content.decode()
    assert "Spring potluck" in html
    assert "Previous month" in html
    assert "Next month" in html


def test_an_empty_month_and_a_month_that_is_not(login, english):
    client = login(english)
    html = client.get(reverse("event_month", args=[2001, 2])).content.decode()
    assert "No gatherings this month" in html
    assert client.get(reverse("event_month", args=[2001, 13])).status_code == 404


# One date -----------------------------------------------------------------------------------


def test_the_page_of_a_date(login, english):
    group = GroupFactory()
    occurrence = _occurrence(
        group=group,
        description_en="Bring a dish.",
        content_notes="Loud music",
        age_min=18,
        recurrence="FREQ=MONTHLY",
    )
    host = HostFactory(event=occurrence.event, user__profile__chosen_name="Host Person").user
    GroupMembershipFactory(group=group, user=host)  # a host counts while in the group
    html = _page(login(english), occurrence)
    assert "Spring potluck" in html
    assert "Bring a dish." in html
    assert "Loud music" in html
    assert "18 and over" in html
    assert reverse("group_detail", args=[group.slug]) in html
    assert reverse("member_detail", args=[host.pk]) in html
    assert "Repeats:" in html
    assert "shown to confirmed attendees before the start" in html
    assert PLACE not in html
    assert 'value="going"' in html


def test_a_cancelled_date_says_so_and_takes_no_answers(login, english):
    occurrence = _occurrence()
    occurrence.cancelled_at = now()
    occurrence.save()
    html = _page(login(english), occurrence)
    assert "Cancelled." in html
    assert 'value="going"' not in html


def test_a_cancelled_event_says_so_on_every_date(login, english):
    occurrence = _occurrence()
    OccurrenceFactory(
        event=occurrence.event,
        starts_at=occurrence.starts_at + timedelta(days=7),
        ends_at=occurrence.ends_at + timedelta(days=7),
    )
    RsvpFactory(occurrence=occurrence, user=english)
    occurrence.event.cancelled_at = now()
    occurrence.event.save()
    html = _page(login(english), occurrence)
    assert "Cancelled." in html
    assert "Other dates of this gathering are listed below." not in html
    assert "this date was cancelled" in html
    assert PLACE not in html
    assert 'value="going"' not in html


def test_the_place_waits_for_its_time_and_a_confirmed_seat(login, english):
    occurrence = _occurrence(reveal_hours=24)
    other = UserFactory(language="en")
    RsvpFactory(occurrence=occurrence, user=english)
    RsvpFactory(occurrence=occurrence, user=other, answer=Rsvp.Answer.MAYBE, seat=Rsvp.Seat.NONE)
    # A week before: not yet, even for a confirmed seat.
    html = _page(login(english), occurrence)
    assert PLACE not in html
    assert "shown to confirmed attendees from" in html
    assert not AddressView.objects.exists()
    with time_machine.travel(occurrence.starts_at - timedelta(hours=2)):
        html = _page(login(english), occurrence)
        assert PLACE in html
        assert AddressView.objects.filter(occurrence=occurrence, user=english).exists()
        html = _page(login(other), occurrence)
        assert PLACE not in html
        assert not AddressView.objects.filter(user=other).exists()


def test_an_invitation_only_event_is_404_until_the_link_is_opened(login, english):
    occurrence = _occurrence(visibility=Event.Visibility.INVITATION, invite_token="t" * 43)
    client = login(english)
    assert client.get(reverse("occurrence_detail", args=[occurrence.pk])).status_code == 404
    html = client.get(reverse("event_list")).content.decode()
    assert "Spring potluck" not in html
    link = reverse("event_invitation", args=["t" * 43])
    # Opening the link shows what it is for; only its button lets the member in, so that no
    # page elsewhere can open it on their behalf.
    shown = client.get(link)
    assert shown.status_code == 200
    assert "Spring potluck" in shown.content.decode()
    assert not Invitation.objects.filter(event=occurrence.event, user=english).exists()
    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == reverse("occurrence_detail", args=[occurrence.pk])
    assert Invitation.objects.filter(event=occurrence.event, user=english).exists()
    assert client.get(reverse("occurrence_detail", args=[occurrence.pk])).status_code == 200
    # Opening it again changes nothing.
    assert client.post(link).status_code == 302
    assert Invitation.objects.filter(user=english).count() == 1


def test_an_unknown_invitation_link_is_the_404_page(login, english):
    client = login(english)
    assert client.get(reverse("event_invitation", args=["nope"])).status_code == 404
    assert client.post(reverse("event_invitation", args=["nope"])).status_code == 404


@pytest.mark.parametrize(
    ("setting", "seat", "sees"),
    [
        (Event.AttendeeList.HOSTS, Rsvp.Seat.CONFIRMED, False),
        (Event.AttendeeList.ATTENDEES, Rsvp.Seat.CONFIRMED, True),
        (Event.AttendeeList.ATTENDEES, Rsvp.Seat.WAITLISTED, False),
        (Event.AttendeeList.EVERYONE, None, True),
    ],
)
def test_attendee_names_follow_the_setting(login, english, setting, seat, sees):
    occurrence = _occurrence(attendee_list=setting)
    RsvpFactory(occurrence=occurrence, user__profile__chosen_name="Attendee Marker")
    if seat:
        RsvpFactory(occurrence=occurrence, user=english, seat=seat)
    html = _page(login(english), occurrence)
    assert ("Attendee Marker" in html) is sees
    assert ("Who answered" in html) is sees


def test_hosts_see_the_attendees_with_their_seats(login, english):
    occurrence = _occurrence()
    HostFactory(event=occurrence.event, user=english)
    RsvpFactory(
        occurrence=occurrence,
        user__profile__chosen_name="Waiting Person",
        seat=Rsvp.Seat.WAITLISTED,
    )
    html = _page(login(english), occurrence)
    assert "Waiting Person" in html
    assert "On the waitlist" in html


def test_a_blocked_member_never_shows_in_the_attendee_list(login, english):
    occurrence = _occurrence(attendee_list=Event.AttendeeList.EVERYONE)
    blocked = UserFactory(profile__chosen_name="Blocked Marker")
    RsvpFactory(occurrence=occurrence, user=blocked)
    RsvpFactory(occurrence=occurrence, user__profile__chosen_name="Visible Person")
    BlockFactory(blocker=blocked, blocked=english)
    html = _page(login(english), occurrence)
    assert "Visible Person" in html
    assert "Blocked Marker" not in html


# Answering ----------------------------------------------------------------------------------


def _post(client, name, occurrence, **data):
    """Press a button on the occurrence's page, as a browser does (it names the page it was
    on, where a refusal comes back), and land on that page again."""
    page = reverse("occurrence_detail", args=[occurrence.pk])
    response = client.post(
        reverse(name, args=[occurrence.pk]), data, follow=True, HTTP_REFERER=page
    )
    assert response.redirect_chain[-1][0] == page
    return response.content.decode()


def test_answering_going_maybe_and_not_going(login, english):
    occurrence = _occurrence(capacity=1)
    client = login(english)
    html = _post(client, "occurrence_rsvp", occurrence, answer="going")
    assert "your seat is confirmed" in html
    assert Rsvp.objects.get(user=english).seat == Rsvp.Seat.CONFIRMED
    _post(client, "occurrence_rsvp", occurrence, answer="maybe")
    assert Rsvp.objects.get(user=english).answer == Rsvp.Answer.MAYBE
    _post(client, "occurrence_rsvp", occurrence, answer="not_going")
    assert Rsvp.objects.get(user=english).answer == Rsvp.Answer.NOT_GOING


def test_going_to_a_full_date_puts_one_on_the_waitlist(login, english):
    occurrence = _occurrence(capacity=1)
    RsvpFactory(occurrence=occurrence)
    html = _post(login(english), "occurrence_rsvp", occurrence, answer="going")
    assert "number 1 on the waitlist" in html
    assert Rsvp.objects.get(user=english).seat == Rsvp.Seat.WAITLISTED


def test_a_date_needing_approval_explains_it(login, english):
    occurrence = _occurrence(needs_approval=True)
    client = login(english)
    assert "when you answer “Going”, they decide" in _page(client, occurrence)
    html = _post(client, "occurrence_rsvp", occurrence, answer="going")
    assert "You asked for a place." in html
    assert "The hosts approve each place" in html
    assert Rsvp.objects.get(user=english).seat == Rsvp.Seat.PENDING


@pytest.mark.parametrize("answer", ["", "yes", "going" * 100])
def test_a_bad_answer_gets_a_message(login, english, answer):
    occurrence = _occurrence()
    html = _post(login(english), "occurrence_rsvp", occurrence, answer=answer)
    assert "Choose whether you are going" in html
    assert not Rsvp.objects.exists()


def test_answering_a_cancelled_date_gets_a_message(login, english):
    occurrence = _occurrence()
    occurrence.cancelled_at = now()
    occurrence.save()
    html = _post(login(english), "occurrence_rsvp", occurrence, answer="going")
    assert "takes no answers now" in html
    assert not Rsvp.objects.exists()


def test_answering_an_unseen_date_is_404(login, english):
    occurrence = _occurrence(visibility=Event.Visibility.INVITATION)
    response = login(english).post(
        reverse("occurrence_rsvp", args=[occurrence.pk]), {"answer": "going"}
    )
    assert response.status_code == 404
    assert not Rsvp.objects.exists()


def test_withdrawing_frees_the_seat(login, english):
    occurrence = _occurrence(capacity=1)
    RsvpFactory(occurrence=occurrence, user=english)
    waiting = RsvpFactory(occurrence=occurrence, seat=Rsvp.Seat.WAITLISTED)
    html = _post(login(english), "occurrence_withdraw", occurrence)
    assert "You withdrew your answer" in html
    assert not Rsvp.objects.filter(user=english).exists()
    waiting.refresh_from_db()
    assert waiting.seat == Rsvp.Seat.CONFIRMED


def test_an_offered_seat_is_shown_and_can_be_taken(login, english):
    occurrence = _occurrence(capacity=1)
    RsvpFactory(
        occurrence=occurrence,
        user=english,
        seat=Rsvp.Seat.OFFERED,
        offer_expires_at=now() + timedelta(hours=12),
    )
    client = login(english)
    html = _page(client, occurrence)
    assert "held for you" in html
    assert 'value="accept"' in html
    html = _post(client, "occurrence_seat", occurrence, decision="accept")
    assert "The seat is yours" in html
    assert Rsvp.objects.get(user=english).seat == Rsvp.Seat.CONFIRMED


def test_an_offered_seat_can_be_turned_down(login, english):
    occurrence = _occurrence(capacity=1)
    RsvpFactory(
        occurrence=occurrence,
        user=english,
        seat=Rsvp.Seat.OFFERED,
        offer_expires_at=now() + timedelta(hours=12),
    )
    _post(login(english), "occurrence_seat", occurrence, decision="decline")
    assert Rsvp.objects.get(user=english).answer == Rsvp.Answer.NOT_GOING


@pytest.mark.parametrize("decision", ["accept", "decline", "", "maybe"])
def test_seat_decisions_without_an_offer_get_a_message(login, english, decision):
    occurrence = _occurrence()
    html = _post(login(english), "occurrence_seat", occurrence, decision=decision)
    assert "There is no seat held for you" in html or "Choose whether to take the seat" in html


def test_the_waitlist_position_is_shown(login, english):
    occurrence = _occurrence(capacity=1)
    RsvpFactory(occurrence=occurrence)
    RsvpFactory(occurrence=occurrence, seat=Rsvp.Seat.WAITLISTED, queued_at=now() - timedelta(1))
    RsvpFactory(occurrence=occurrence, user=english, seat=Rsvp.Seat.WAITLISTED)
    assert "You are number 2 on the waitlist" in _page(login(english), occurrence)


# My gatherings and home ---------------------------------------------------------------------


def test_my_gatherings_to_come_and_past(login, english):
    coming = _occurrence(title_en="Coming one")
    RsvpFactory(occurrence=coming, user=english)
    past_event = EventFactory(
        title_en="Past one",
        starts_at=now() - timedelta(days=3),
        ends_at=now() - timedelta(days=3) + timedelta(hours=2),
    )
    past = OccurrenceFactory(event=past_event)
    RsvpFactory(occurrence=past, user=english, attended=True)
    _occurrence(title_en="Not mine")
    client = login(english)
    html = client.get(reverse("my_events")).content.decode()
    assert "Coming one" in html
    assert "Past one" not in html
    assert "Not mine" not in html
    html = client.get(reverse("my_events"), {"past": "1"}).content.decode()
    assert "Past one" in html
    assert "Coming one" not in html
    assert "You came" in html


def test_my_gatherings_empty(login, english):
    client = login(english)
    assert (
        "You have not answered any gathering" in client.get(reverse("my_events")).content.decode()
    )
    html = client.get(reverse("my_events"), {"past": "1"}).content.decode()
    assert "No past gatherings yet" in html


def test_home_shows_the_next_gatherings_first(login, english):
    mine = _occurrence(title_en="My potluck")
    RsvpFactory(occurrence=mine, user=english)
    html = login(english).get(reverse("home")).content.decode()
    assert "My potluck" in html
    assert html.index("My potluck") < html.index("My groups")
    assert reverse("event_list") in html


def test_the_menu_links_to_gatherings(login, english):
    html = login(english).get(reverse("group_list")).content.decode()
    assert f'href="{reverse("event_list")}"' in html


def test_the_pages_speak_spanish(login, make_user, translations):
    spanish = make_user(language="es")
    occurrence = _occurrence(capacity=4)
    RsvpFactory(occurrence=occurrence, user=spanish, seat=Rsvp.Seat.WAITLISTED)
    client = login(spanish)
    html = client.get(reverse("event_list")).content.decode()
    assert "Filtrar la lista" in html
    assert "Quedan 4 plazas" in html
    html = _page(client, occurrence)
    assert "¿Vienes?" in html
    assert "Tienes el número 1 en la lista de espera." in html
    assert "Retirar mi respuesta" in html
    html = client.get(reverse("my_events")).content.decode()
    assert "Mis encuentros" in html
