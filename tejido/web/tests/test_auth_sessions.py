"""A member sees where their account is logged in and can end every other session."""

import pytest
from django.contrib import auth
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tejido.core.testing import FRAME_QUERIES
from tejido.web.devices import describe_user_agent
from tejido.web.tests._auth_support import log_in, make_member

pytestmark = pytest.mark.django_db

ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)
WINDOWS_FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0"
IPHONE_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)


def test_sessions_are_listed_and_the_others_can_be_ended():
    member = make_member(language="en")
    someone_else = make_member(language="en")
    phone = Client(HTTP_USER_AGENT=ANDROID_CHROME)
    laptop = Client(HTTP_USER_AGENT=WINDOWS_FIREFOX)
    other_person = Client(HTTP_USER_AGENT=IPHONE_SAFARI)
    log_in(phone, member.email)
    log_in(laptop, member.email)
    log_in(other_person, someone_else.email)

    page = laptop.get(reverse("usersessions_list"))

    assert page.status_code == 200
    html = page.content.decode()
    # Each browser by the name people know it, not its raw identifier.
    assert '<td data-label="Browser">Chrome on Android</td>' in html
    assert '<td data-label="Browser">Firefox on Windows</td>' in html
    assert "Mozilla/5.0" not in html
    assert "Safari on iPhone" not in html  # nobody else's sessions
    assert html.count("<tr>") == 3  # the header row and two sessions
    assert ">Log out everywhere else</button>" in html

    ended = laptop.post(reverse("usersessions_list"))

    assert ended.status_code == 302
    assert auth.get_user(laptop) == member
    assert not auth.get_user(phone).is_authenticated
    assert phone.get(reverse("account_email")).status_code == 302  # back to the login page
    assert auth.get_user(other_person) == someone_else
    left = laptop.get(reverse("usersessions_list")).content.decode()
    assert "Chrome on Android" not in left
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


@pytest.mark.parametrize(
    ("user_agent", "name"),
    [
        (ANDROID_CHROME, "Chrome on Android"),
        (WINDOWS_FIREFOX, "Firefox on Windows"),
        (IPHONE_SAFARI, "Safari on iPhone"),
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "HeadlessChrome/131.0.0.0 Safari/537.36",
            "Chrome on Linux",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
            "Edge on Windows",
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like "
            "Gecko) Version/18.1 Safari/605.1.15",
            "Safari on macOS",
        ),
        ("python-requests/2.34", "Unknown browser"),
        ("SomeBot/1.0 (Linux)", "Unknown browser on Linux"),
        ("", "Unknown browser"),
    ],
)
def test_a_browser_is_named_as_people_know_it(user_agent, name):
    with translation.override("en"):
        assert describe_user_agent(user_agent) == name


def test_browser_names_are_translated(translations):
    with translation.override("es"):
        assert describe_user_agent(WINDOWS_FIREFOX) == "Firefox en Windows"
        assert describe_user_agent("python-requests/2.34") == "Navegador desconocido"
