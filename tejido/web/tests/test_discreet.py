"""Discreet mode in the browser: a neutral tab title, icon and header brand, kept on the device
after logging out. (Discreet emails are tested in tejido/notifications/tests.)"""

import re

import pytest
from django.urls import reverse

from tejido.network.models import NetworkSettings
from tejido.web.middleware import DISCREET_COOKIE_NAME

pytestmark = pytest.mark.django_db


def find(pattern: str, text: str, group: int = 0) -> str:
    """The first match of `pattern` (dot matches newlines); fails the test if there is none."""
    found = re.search(pattern, text, re.S)
    assert found, f"{pattern!r} not found"
    return found.group(group)


@pytest.fixture(autouse=True)
def _named_network():
    network = NetworkSettings.current()
    network.name = "Red Arcoíris LGBTQ+"
    network.save()


def head_and_header(html: str) -> str:
    head = find(r"<head>.*?</head>", html)
    header = find(r'<header class="site-header">.*?</header>', html)
    return head + header


@pytest.mark.parametrize("name", ["home", "about", "notice_list"])
def test_discreet_members_get_a_neutral_title_icon_and_brand(make_user, login, name):
    user = make_user(discreet_mode=True, language="en")
    html = login(user).get(reverse(name)).content.decode()
    assert "<title>Notes</title>" in html
    assert 'rel="icon" href="/static/tejido/neutral.svg"' in html
    assert "icon.svg" not in html
    assert 'class="brand-neutral">Notes</a>' in html
    assert "Red Arcoíris" not in head_and_header(html)


def test_other_members_see_the_network(make_user, login):
    html = login(make_user(language="en")).get(reverse("about")).content.decode()
    assert "<title>About · Red Arcoíris LGBTQ+</title>" in html
    assert 'rel="icon" href="/static/tejido/icon.svg"' in html


def test_the_discreet_title_is_translated(make_user, login, translations):
    html = login(make_user(discreet_mode=True, language="es")).get(reverse("home"))
    assert "<title>Notas</title>" in html.content.decode()


def test_the_neutral_icon_looks_like_nothing_in_particular(client):
    response = client.get("/static/tejido/neutral.svg")
    svg = b"".join(response.streaming_content).decode()
    response.close()
    rainbow = ("#e40303", "#ff8c00", "#008026", "#732982", "#5bcefa")
    assert not any(colour in svg for colour in rainbow)


def test_the_device_stays_discreet_after_logging_out(make_user, login, settings):
    # In English: the language cookie left on the device keeps the pages after logging out in it.
    user = make_user(discreet_mode=True, language="en")
    client = login(user)
    response = client.get(reverse("home"))
    cookie = response.cookies[DISCREET_COOKIE_NAME]
    assert cookie.value == "1"
    assert cookie["httponly"]
    client.post(reverse("account_logout"))  # as a browser does: cookies stay
    for name in ("home", "account_login", "about"):
        html = client.get(reverse(name)).content.decode()
        assert "<title>Notes</title>" in html, name
        assert "Red Arcoíris" not in find(r"<head>.*?</head>", html)


def test_turning_discreet_mode_off_clears_the_device(make_user, login):
    user = make_user(discreet_mode=True, language="en")
    client = login(user)
    client.get(reverse("home"))
    user.discreet_mode = False
    user.save()
    response = client.get(reverse("home"))
    assert response.cookies[DISCREET_COOKIE_NAME].value == ""  # deleted
    client.post(reverse("account_logout"))  # as a browser does: cookies stay
    assert "<title>Notes</title>" not in client.get(reverse("home")).content.decode()


def test_visitors_see_the_network_by_default(client):
    html = client.get(reverse("home")).content.decode()
    assert "Red Arcoíris LGBTQ+</title>" in html
