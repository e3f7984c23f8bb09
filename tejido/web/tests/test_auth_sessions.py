"""A member sees where their account is logged in and can end every other session."""

import pytest
from django.contrib import auth
from django.test import Client
from django.urls import reverse

from tejido.core.testing import FRAME_QUERIES
from tejido.web.tests._auth_support import log_in, make_member

pytestmark = pytest.mark.django_db


def test_sessions_are_listed_and_the_others_can_be_ended():
    member = make_member(language="en")
    someone_else = make_member(language="en")
    phone = Client(HTTP_USER_AGENT="Phone browser 1.0")
    laptop = Client(HTTP_USER_AGENT="Laptop browser 2.0")
    other_person = Client(HTTP_USER_AGENT="Not theirs 3.0")
    log_in(phone, member.email)
    log_in(laptop, member.email)
    log_in(other_person, someone_else.email)

    page = laptop.get(reverse("usersessions_list"))

    assert page.status_code == 200
    html = page.content.decode()
    assert "Phone browser 1.0" in html
    assert "Laptop browser 2.0" in html
    assert "Not theirs 3.0" not in html  # nobody else's sessions
    assert html.count("<tr>") == 3  # the header row and two sessions
    assert "Sign Out Other Sessions" in html

    ended = laptop.post(reverse("usersessions_list"))

    assert ended.status_code == 302
    assert auth.get_user(laptop) == member
    assert not auth.get_user(phone).is_authenticated
    assert phone.get(reverse("account_email")).status_code == 302  # back to the login page
    assert auth.get_user(other_person) == someone_else
    left = laptop.get(reverse("usersessions_list")).content.decode()
    assert "Phone browser 1.0" not in left
    assert "This is your only session." in left


def _others_logged_in(count: int) -> None:
    for _ in range(count):
        log_in(Client(), make_member().email)


@pytest.mark.parametrize("others", [1, 6])
def test_the_sessions_page_costs_the_same_however_many_others_are_logged_in(
    others, django_assert_num_queries
):
    """allauth checks each of the member's own sessions (three queries each, and a member
    has a handful); nobody else's sessions add anything."""
    member = make_member(language="en")
    laptop = Client()
    log_in(laptop, member.email)
    log_in(Client(), member.email)  # a second session of theirs
    _others_logged_in(others)

    # The frame, three for each of the member's two sessions, and the page's own.
    with django_assert_num_queries(FRAME_QUERIES + 2 * 3 + 1):
        response = laptop.get(reverse("usersessions_list"))

    assert response.status_code == 200
