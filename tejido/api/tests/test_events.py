"""The gatherings operations: lists without the place, one date with its place only while the
policy shows it (absent, never null), answers and seats, and making and changing events."""

import json
from datetime import timedelta

import pytest
import time_machine

from tejido.accounts.factories import UserFactory
from tejido.api.tests.conftest import assert_error
from tejido.core.clock import now
from tejido.gatherings.factories import EventFactory, HostFactory, OccurrenceFactory, RsvpFactory
from tejido.gatherings.models import AddressView, Event, Occurrence, Rsvp
from tejido.groups.factories import GroupFactory, GroupMembershipFactory

pytestmark = pytest.mark.django_db

ADDRESS = "Calle del Marcador 7"
CALL = "https://call.example.org/room-secret"


def _occurrence(**event_fields):
    event = EventFactory(address=ADDRESS, call_link=CALL, mode=Event.Mode.BOTH, **event_fields)
    return OccurrenceFactory(event=event)


def _body(response):
    return json.loads(response.content)


def test_the_list_has_dates_to_come_and_never_the_place(api, member):
    occurrence = _occurrence()
    past = OccurrenceFactory(
        event=EventFactory(starts_at=now() - timedelta(days=2), ends_at=now() - timedelta(days=1))
    )
    RsvpFactory(occurrence=occurrence, user=member)
    response = api(member).get("/events")
    assert response.status_code == 200
    body = _body(response)
    assert [item["id"] for item in body["items"]] == [occurrence.pk]
    assert past.pk not in [item["id"] for item in body["items"]]
    assert body["count"] == 1
    assert body["page"] == 1
    assert body["num_pages"] == 1
    item = body["items"][0]
    assert item["my_answer"] == "going"
    assert item["my_seat"] == "confirmed"
    assert "address" not in item
    assert "call_link" not in item
    assert ADDRESS not in response.content.decode()
    assert CALL not in response.content.decode()


def test_the_list_filters_like_the_page(api, member):
    group = GroupFactory(slug="cocina")
    potluck = OccurrenceFactory(
        event=EventFactory(kind="potluck", group=group, languages=["es"], step_free=True)
    )
    later = OccurrenceFactory(
        event=EventFactory(
            starts_at=now() + timedelta(days=20), ends_at=now() + timedelta(days=20, hours=2)
        )
    )
    client = api(member)

    def ids(query):
        response = client.get(f"/events?{query}")
        assert response.status_code == 200, response.content
        return [item["id"] for item in _body(response)["items"]]

    assert ids("group=cocina") == [potluck.pk]
    assert ids("kind=potluck") == [potluck.pk]
    assert ids("language=es") == [potluck.pk]
    assert ids("accessibility=step_free") == [potluck.pk]
    assert ids("accessibility=step_free&accessibility=captions") == []
    assert set(ids("")) == {potluck.pk, later.pk}
    assert ids("this_week=true") == [potluck.pk]
    assert_error(client.get("/events?kind=rave"), 422, "invalid")
    assert_error(client.get("/events?colour=red"), 422, "invalid")


@pytest.mark.parametrize("size", [2, 8])
def test_the_list_costs_the_same_queries_at_any_size(api, member, size, django_assert_num_queries):
    group = GroupFactory()
    GroupMembershipFactory(group=group, user=member)
    for n in range(size):
        occurrence = OccurrenceFactory(event=EventFactory(group=group if n % 2 else None))
        RsvpFactory(occurrence=occurrence)
        RsvpFactory(occurrence=occurrence, user=member)
    client = api(member)
    # The token, its last use, the code of conduct; the count, the page, the seat counts and
    # my answers (the subqueries of visible_events run inside the two list queries).
    with django_assert_num_queries(7):
        response = client.get("/events")
    assert len(_body(response)["items"]) == size


@pytest.mark.parametrize("size", [2, 8])
def test_answering_costs_the_same_queries_at_any_size(api, member, size, django_assert_num_queries):
    event = EventFactory(capacity=size + 1, attendee_list=Event.AttendeeList.EVERYONE)
    occurrence = OccurrenceFactory(event=event)
    for _ in range(size):
        HostFactory(event=event)
        RsvpFactory(occurrence=occurrence)
        RsvpFactory(occurrence=occurrence, seat=Rsvp.Seat.WAITLISTED)
    client = api(member)
    # The token, its last use, the code of conduct; the date; the write as on the page
    # (tejido/web/tests/test_events_queries.py: 11 in its savepoint).
    with django_assert_num_queries(15):
        response = client.post(f"/occurrences/{occurrence.pk}/rsvp", {"answer": "going"})
    assert _body(response)["seat"] == "confirmed"


def test_a_hidden_date_is_the_same_404_as_a_missing_one(api, member):
    hidden_group = GroupFactory()
    hidden = OccurrenceFactory(
        event=EventFactory(group=hidden_group, visibility=Event.Visibility.GROUP)
    )
    client = api(member)
    missing = client.get("/occurrences/999999")
    forbidden = client.get(f"/occurrences/{hidden.pk}")
    assert_error(missing, 404, "not_found")
    assert missing.content == forbidden.content
    for path in (f"/occurrences/{hidden.pk}/rsvp", f"/occurrences/{hidden.pk}/cancel"):
        assert client.post(path, {"answer": "going"} if "rsvp" in path else None).content == (
            client.post(
                path.replace(str(hidden.pk), "999999"),
                {"answer": "going"} if "rsvp" in path else None,
            ).content
        )
    assert (
        client.get(f"/events/{hidden.event_id}/occurrences").content
        == client.get("/events/999999/occurrences").content
    )


def test_the_place_is_hidden_until_the_reveal_time_and_then_shown_and_noted(api, member):
    occurrence = _occurrence(reveal_hours=24)
    RsvpFactory(occurrence=occurrence, user=member)
    client = api(member)
    response = client.get(f"/occurrences/{occurrence.pk}")
    body = _body(response)
    assert response.status_code == 200
    assert "address" not in body
    assert "call_link" not in body
    assert ADDRESS not in response.content.decode()
    assert not AddressView.objects.filter(user=member).exists()
    with time_machine.travel(occurrence.starts_at - timedelta(hours=23), tick=False):
        shown = _body(client.get(f"/occurrences/{occurrence.pk}"))
    assert shown["address"] == ADDRESS
    assert shown["call_link"] == CALL
    assert AddressView.objects.filter(user=member, occurrence=occurrence).count() == 1
    with time_machine.travel(occurrence.ends_at + timedelta(minutes=1), tick=False):
        after = _body(client.get(f"/occurrences/{occurrence.pk}"))
    assert "address" not in after


def test_a_waitlisted_member_never_sees_the_place_but_sees_their_position(api, member):
    occurrence = _occurrence(capacity=1)
    RsvpFactory(occurrence=occurrence)
    RsvpFactory(occurrence=occurrence, user=member, seat=Rsvp.Seat.WAITLISTED)
    with time_machine.travel(occurrence.starts_at - timedelta(hours=1), tick=False):
        body = _body(api(member).get(f"/occurrences/{occurrence.pk}"))
    assert "address" not in body
    assert body["my_seat"] == "waitlisted"
    assert body["waitlist_position"] == 1
    assert "attendees" not in body


def test_hosts_see_the_place_and_who_is_going(api, member):
    occurrence = _occurrence()
    HostFactory(event=occurrence.event, user=member)
    going = RsvpFactory(occurrence=occurrence)
    body = _body(api(member).get(f"/occurrences/{occurrence.pk}"))
    assert body["address"] == ADDRESS
    assert body["can_manage"] is True
    assert [h["id"] for h in body["hosts"]] == [member.pk]
    assert [a["member"]["id"] for a in body["attendees"]] == [going.user_id]


def test_an_online_event_has_no_address_key_even_for_hosts(api, member):
    occurrence = _occurrence()
    Event.objects.filter(pk=occurrence.event_id).update(mode=Event.Mode.ONLINE)
    HostFactory(event=occurrence.event, user=member)
    body = _body(api(member).get(f"/occurrences/{occurrence.pk}"))
    assert "address" not in body
    assert body["call_link"] == CALL


def test_answering_withdrawing_and_the_waitlist(api, member):
    occurrence = _occurrence(capacity=1)
    first, client = UserFactory(), api(member)
    assert _body(api(first).post(f"/occurrences/{occurrence.pk}/rsvp", {"answer": "going"}))[
        "seat"
    ] == ("confirmed")
    body = _body(client.post(f"/occurrences/{occurrence.pk}/rsvp", {"answer": "going"}))
    assert body == {
        "occurrence_id": occurrence.pk,
        "answer": "going",
        "seat": "waitlisted",
        "waitlist_position": 1,
        "offer_expires_at": None,
    }
    assert api(first).delete(f"/occurrences/{occurrence.pk}/rsvp").status_code == 204
    assert Rsvp.objects.get(user=member).seat == Rsvp.Seat.CONFIRMED
    assert _body(client.post(f"/occurrences/{occurrence.pk}/rsvp", {"answer": "maybe"}))[
        "seat"
    ] == ("none")
    assert_error(
        client.post(f"/occurrences/{occurrence.pk}/rsvp", {"answer": "perhaps"}), 422, "invalid"
    )
    assert client.delete(f"/occurrences/{occurrence.pk}/rsvp").status_code == 204
    assert client.delete(f"/occurrences/{occurrence.pk}/rsvp").status_code == 204


def test_a_cancelled_date_takes_no_answers(api, member):
    occurrence = _occurrence()
    Occurrence.objects.filter(pk=occurrence.pk).update(cancelled_at=now())
    assert_error(
        api(member).post(f"/occurrences/{occurrence.pk}/rsvp", {"answer": "going"}),
        409,
        "event_closed",
    )


def test_taking_and_turning_down_a_held_seat(api, member):
    occurrence = _occurrence(capacity=2, promotion=Event.Promotion.OFFER)
    client = api(member)
    assert_error(
        client.post(f"/occurrences/{occurrence.pk}/seat", {"decision": "accept"}), 409, "no_offer"
    )
    held = now() + timedelta(hours=3)
    RsvpFactory(occurrence=occurrence, user=member, seat=Rsvp.Seat.OFFERED, offer_expires_at=held)
    body = _body(client.post(f"/occurrences/{occurrence.pk}/seat", {"decision": "accept"}))
    assert body["seat"] == "confirmed"
    assert body["offer_expires_at"] is None
    other = UserFactory()
    RsvpFactory(occurrence=occurrence, user=other, seat=Rsvp.Seat.OFFERED, offer_expires_at=held)
    body = _body(api(other).post(f"/occurrences/{occurrence.pk}/seat", {"decision": "decline"}))
    assert body["answer"] == "not_going"
    assert body["seat"] == "none"
    assert_error(
        client.post(f"/occurrences/{occurrence.pk}/seat", {"decision": "maybe"}), 422, "invalid"
    )


def test_my_events_and_a_series_dates(api, member):
    mine = _occurrence()
    RsvpFactory(occurrence=mine, user=member, answer=Rsvp.Answer.MAYBE, seat=Rsvp.Seat.NONE)
    second = OccurrenceFactory(
        event=mine.event,
        starts_at=mine.starts_at + timedelta(days=7),
        ends_at=mine.ends_at + timedelta(days=7),
    )
    Occurrence.objects.filter(pk=second.pk).update(cancelled_at=now())
    _occurrence()
    client = api(member)
    assert [i["id"] for i in _body(client.get("/me/events"))["items"]] == [mine.pk]
    assert _body(client.get("/me/events?past=true"))["items"] == []
    dates = _body(client.get(f"/events/{mine.event_id}/occurrences"))["items"]
    assert [(d["id"], d["cancelled"]) for d in dates] == [(mine.pk, False), (second.pk, True)]


START = "2030-05-10T19:30:00+02:00"
END = "2030-05-10T22:00:00+02:00"


def test_organisers_make_gatherings_and_members_cannot(api, member, organiser):
    payload = {"title_es": "Comida compartida", "starts_at": START, "ends_at": END}
    assert_error(api(member).post("/events", payload), 404, "not_found")
    response = api(organiser).post(
        "/events", {**payload, "kind": "potluck", "repeats": "monthly_weekday", "repeat_count": 3}
    )
    assert response.status_code == 201, response.content
    body = _body(response)
    event = Event.objects.get(pk=body["id"])
    assert event.kind == "potluck"
    assert event.recurrence.startswith("FREQ=MONTHLY")
    assert event.occurrences.count() == 3
    assert body["next_occurrence_id"] == event.occurrences.order_by("starts_at").first().pk
    assert "address" not in body


def test_a_group_organiser_makes_gatherings_for_their_group_only(api, member):
    group, other = GroupFactory(slug="mine"), GroupFactory(slug="theirs")
    GroupMembershipFactory(group=group, user=member, role="organiser")
    payload = {"title_es": "Taller", "starts_at": START, "ends_at": END}
    made = api(member).post("/events", {**payload, "group": "mine", "visibility": "group"})
    assert made.status_code == 201, made.content
    assert _body(made)["group"] == "mine"
    assert_error(api(member).post("/events", {**payload, "group": other.slug}), 404, "not_found")
    assert_error(api(member).post("/events", {**payload, "group": "nope"}), 404, "not_found")


def test_making_a_gathering_checks_its_input(api, organiser):
    client = api(organiser)
    naive = client.post(
        "/events", {"title_es": "x", "starts_at": "2030-05-10T19:30", "ends_at": END}
    )
    assert_error(naive, 422, "invalid")
    backwards = client.post("/events", {"title_es": "x", "starts_at": END, "ends_at": START})
    assert_error(backwards, 400, "bad_dates")
    untitled = client.post("/events", {"starts_at": START, "ends_at": END})
    assert_error(untitled, 400, "invalid")
    assert_error(
        client.post("/events", {"title_es": "x", "starts_at": START, "ends_at": END, "x": 1}),
        422,
        "invalid",
    )
    assert not Event.objects.exists()


def test_those_who_run_it_change_and_cancel_it(api, member, organiser):
    occurrence = _occurrence(capacity=5)
    HostFactory(event=occurrence.event, user=member)
    client = api(member)
    body = _body(client.patch(f"/events/{occurrence.event_id}", {"title_es": "Nuevo"}))
    assert body["title_es"] == "Nuevo"
    assert body["capacity"] == 5
    body = _body(client.patch(f"/events/{occurrence.event_id}", {"capacity": None, "kind": None}))
    assert body["capacity"] is None
    assert_error(client.patch(f"/events/{occurrence.event_id}", {"capacity": 0}), 422, "invalid")
    stranger = api(UserFactory())
    assert_error(
        stranger.patch(f"/events/{occurrence.event_id}", {"title_es": "Mío"}), 404, "not_found"
    )
    assert_error(stranger.post(f"/occurrences/{occurrence.pk}/cancel"), 404, "not_found")
    cancelled = client.post(f"/occurrences/{occurrence.pk}/cancel")
    assert cancelled.status_code == 200
    assert _body(cancelled)["cancelled"] is True
    assert Occurrence.objects.get(pk=occurrence.pk).cancelled_at is not None


def test_without_a_token_nothing(api):
    assert_error(api(None).get("/events"), 401, "unauthenticated")
