"""The pages of circles' sessions: a member's sessions, a facilitator's new series, and a
session's attendance and notes, which answer 404 to everyone but the circle's facilitators
(organisers too), as for a page that does not exist; their SQL queries do not grow with the
circle."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tejido.accounts.factories import UserFactory
from tejido.core.testing import FRAME_QUERIES
from tejido.support.models import Attendance, Facilitator, FacilitatorNote
from tejido.support.tests.conftest import SESSION_ADDRESS, SESSION_TITLE, add_member

pytestmark = pytest.mark.django_db

NOTE = "Nota MARCADOR-NOTA-PAGINA"


def _session_url(world, occurrence=None):
    occurrence = occurrence or world.past
    return reverse("circle_session_detail", args=[world.circle.pk, occurrence.pk])


def _client(login, user):
    client = login(user)
    client.get(reverse("my_circle_sessions"))  # the conduct gate remembers the acceptance
    return client


def test_the_facilitator_records_attendance_and_writes_a_note(world, login):
    client = _client(login, world.facilitator)
    page = client.get(_session_url(world))
    assert page.status_code == 200
    assert world.member.profile.chosen_name in page.content.decode()
    member, other = world.place_of(world.member), world.place_of(world.other_member)
    response = client.post(
        _session_url(world), {f"present_{member.pk}": "yes", f"present_{other.pk}": "no"}
    )
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("place", "present")) == {
        member.pk: True,
        other.pk: False,
    }
    url = reverse("circle_session_note_new", args=[world.circle.pk, world.past.pk])
    assert client.post(url, {"place": member.pk, "text": NOTE}).status_code == 302
    assert NOTE in client.get(_session_url(world)).content.decode()
    note = FacilitatorNote.objects.get()
    delete = reverse("circle_session_note_delete", args=[world.circle.pk, world.past.pk, note.pk])
    assert client.post(delete).status_code == 302
    assert not FacilitatorNote.objects.exists()


def test_bad_input_is_told_and_changes_nothing(world, login):
    client = _client(login, world.facilitator)
    url = reverse("circle_session_note_new", args=[world.circle.pk, world.past.pk])
    response = client.post(url, {"place": world.place_of(world.member).pk, "text": "  "})
    assert response.status_code == 400
    assert not FacilitatorNote.objects.exists()
    response = client.post(url, {"place": "x", "text": "hola"})
    assert response.status_code == 400
    response = client.post(_session_url(world, world.upcoming), {})
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_nobody_else_reaches_the_session_page(world, login):
    world.facilitator  # noqa: B018
    for user in (world.member, world.organiser, world.stranger, world.asking):
        client = _client(login, user)
        assert client.get(_session_url(world)).status_code == 404
        assert client.post(_session_url(world), {}).status_code == 404
        url = reverse("circle_session_note_new", args=[world.circle.pk, world.past.pk])
        assert client.post(url, {"text": NOTE}).status_code == 404
        for name in ("circle_sessions_of", "circle_session_series_new"):
            assert client.get(reverse(name, args=[world.circle.pk])).status_code == 404
    client = _client(login, world.facilitator)
    wrong = reverse("circle_session_detail", args=[world.circle.pk + 1, world.past.pk])
    assert client.get(wrong).status_code == 404


def test_the_facilitator_plans_a_series(world, login):
    client = _client(login, world.facilitator)
    url = reverse("circle_session_series_new", args=[world.circle.pk])
    assert client.get(url).status_code == 200
    day = (world.upcoming.starts_at + timedelta(days=1)).date().isoformat()
    data = {
        "title_es": "Nueva serie",
        "frequency": "fortnightly",
        "mode": "online",
        "call_link": "https://meet.example.org/x",
        "reveal_hours": 2,
        "start_date": day,
        "start_time": "18:00",
        "end_date": day,
        "end_time": "19:30",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    assert (
        "Nueva serie"
        in client.get(reverse("circle_sessions_of", args=[world.circle.pk])).content.decode()
    )
    assert client.post(url, {**data, "end_time": "17:00"}).status_code == 400
    assert client.post(url, {**data, "frequency": "daily"}).status_code == 400


def test_my_sessions(world, login):
    page = _client(login, world.member).get(reverse("my_circle_sessions")).content.decode()
    assert SESSION_TITLE in page
    assert SESSION_ADDRESS not in page
    assert reverse("occurrence_detail", args=[world.upcoming.pk]) in page
    empty = _client(login, world.organiser).get(reverse("my_circle_sessions")).content.decode()
    assert SESSION_TITLE not in empty
    assert 'class="empty"' in empty


def test_an_organiser_cannot_open_the_gathering_page(world, login):
    client = _client(login, world.organiser)
    assert client.get(reverse("occurrence_detail", args=[world.upcoming.pk])).status_code == 404
    assert SESSION_TITLE not in client.get(reverse("event_list")).content.decode()


@pytest.mark.parametrize("size", [2, 8])
def test_the_session_page_costs_the_same(world, login, django_assert_num_queries, size):
    for _ in range(size):
        add_member(world.circle, UserFactory())
    client = _client(login, world.facilitator)
    # The frame; the session and whether the viewer facilitates it (2); the circles they
    # facilitate (the card); the form's rows: whether they facilitate, the places, their
    # attendance, their members' cards and the groups shared with them (5); the notes and
    # whether they facilitate (2); whether attendance may be recorded.
    with django_assert_num_queries(FRAME_QUERIES + 11):
        response = client.get(_session_url(world))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 6])
def test_my_sessions_costs_the_same(world, login, django_assert_num_queries, size):
    from tejido.support.tests.conftest import make_circle, make_series

    for _ in range(size):
        circle = make_circle()
        add_member(circle, world.member)
        facilitator = UserFactory()
        Facilitator.objects.create(circle=circle, user=facilitator)
        make_series(circle, facilitator, start_days=1)
    client = _client(login, world.member)
    with django_assert_num_queries(FRAME_QUERIES + 2):
        client.get(reverse("my_circle_sessions"))


def test_an_error_page_never_shows_a_note(world, login, settings, caplog):
    """A note whose key was lost cannot be opened: the page fails (a 500) without the note's
    text or what the database holds in the page or the log."""
    from cryptography.fernet import Fernet

    from tejido.support.note_services import write_note

    write_note(
        actor=world.facilitator,
        occurrence=world.past,
        place_id=world.place_of(world.member).pk,
        text=NOTE,
    )
    client = _client(login, world.facilitator)
    settings.TEJIDO_NOTE_KEYS = [Fernet.generate_key().decode()]
    client.raise_request_exception = False
    response = client.get(_session_url(world))
    assert response.status_code == 500
    shown = response.content.decode() + caplog.text
    assert "MARCADOR" not in shown
    assert "note:" not in shown


def test_the_home_page_tells_a_member_of_their_next_session_without_naming_the_circle(world, login):
    home = _client(login, world.member).get(reverse("home")).content.decode()
    assert reverse("my_circle_sessions") in home
    assert SESSION_TITLE not in home
    assert world.circle.name_es not in home
    # Someone in no circle is told nothing.
    assert (
        reverse("my_circle_sessions")
        not in _client(login, world.stranger).get(reverse("home")).content.decode()
    )
