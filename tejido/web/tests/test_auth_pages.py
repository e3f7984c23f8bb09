"""Every allauth page we serve: in our frame (quick exit, stylesheet, language), in both
languages, and with nothing our Content Security Policy forbids (no inline script, no inline
style). allauth's JSON data blocks (`type="application/json"`) are data, not script."""

import re

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tejido.web.tests._auth_support import PASSWORD, log_in, make_member, totp_code

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
STYLE_ATTR = re.compile(r"\sstyle\s*=", re.IGNORECASE)

ANONYMOUS_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
    "account_inactive",
    "/accounts/confirm-email/not-a-real-key/",
    "/accounts/password/reset/key/1-not-a-real-key/",
]
MEMBER_PAGES = [
    "account_email",
    "account_change_password",
    "account_logout",
    "account_reauthenticate",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_add_webauthn",
    "mfa_list_webauthn",
    "usersessions_list",
]
TWO_FACTOR_PAGES = [
    "mfa_index",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_reauthenticate",
]


def url_of(page: str) -> str:
    return page if page.startswith("/") else reverse(page)


def assert_framed_and_clean(response, language: str) -> None:
    assert response.status_code == 200, response.request["PATH_INFO"]
    html = response.content.decode()
    # Our frame and style, in the right language.
    assert 'id="quick-exit"' in html
    assert '<link rel="stylesheet" href="/static/tejido/tejido.css">' in html
    assert f'<html lang="{language}"' in html
    assert html.count("<h1") == 1
    # Nothing the CSP forbids.
    for attributes in SCRIPT_TAG.findall(html):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    assert not STYLE_ATTR.search(html)
    assert "<style" not in html.lower()
    policy = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "img-src 'self' data:" in policy


def client_in(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def reauthenticated(member, language: str) -> Client:
    """Logged in, and having just typed the password again (as allauth asks before the
    two-factor pages)."""
    client = client_in(language)
    client.force_login(member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    return client


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("page", ANONYMOUS_PAGES)
def test_entrance_pages(language, page):
    response = client_in(language).get(url_of(page))

    assert_framed_and_clean(response, language)


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("page", MEMBER_PAGES)
def test_account_pages(language, page):
    member = make_member(language=language)

    response = reauthenticated(member, language).get(url_of(page))

    assert_framed_and_clean(response, language)


@pytest.mark.parametrize("language", ["es", "en"])
def test_two_factor_pages(language):
    member = make_member(language=language)
    with time_machine.travel("2030-05-01 12:00 +0000", tick=False) as traveller:
        client = reauthenticated(member, language)
        secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
        client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
        for page in TWO_FACTOR_PAGES:
            assert_framed_and_clean(client.get(url_of(page)), language)

        traveller.shift(60)
        second_step = client_in(language)
        log_in(second_step, member.email)
        assert_framed_and_clean(second_step.get(reverse("mfa_authenticate")), language)


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_confirmation_link_page(language, mailoutbox):
    client = client_in(language)
    client.post(
        reverse("account_signup"),
        {
            "email": "sol@example.org",
            "chosen_name": "Zephyrine",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
    )
    link = re.search(r"http://testserver(/accounts/confirm-email/[^/\s]+/)", mailoutbox[0].body)
    assert link is not None

    response = client.get(link.group(1))

    assert_framed_and_clean(response, language)
    assert "sol@example.org" in response.content.decode()
    assert "Zephyrine" not in response.content.decode()


def test_the_account_pages_say_which_one_is_open():
    member = make_member(language="en")
    client = reauthenticated(member, "en")

    html = client.get(reverse("usersessions_list")).content.decode()

    assert '<nav class="account-nav" aria-label="Account settings">' in html
    assert 'href="/accounts/sessions/" class="button" aria-current="page"' in html
    assert html.count('aria-current="page"') == 1


def test_too_many_requests_get_our_frame(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "reset_password": "1/h/ip"}
    client = client_in("en")
    client.post(reverse("account_reset_password"), {"email": "a@example.org"})

    response = client.post(reverse("account_reset_password"), {"email": "b@example.org"})

    assert response.status_code == 429
    html = response.content.decode()
    assert 'id="quick-exit"' in html
    assert "Too many attempts" in html


# Tejido's words, not allauth's.

CHECKBOX_IN_ITS_LABEL = re.compile(
    r'<div class="check"><label for="(?P<id>[^"]+)"><input type="checkbox"[^>]*'
    r'id="(?P=id)"> <span>(?P<words>[^<]+)</span></label></div>'
)


def test_the_login_page_says_log_in_and_stay_logged_in():
    html = client_in("en").get(reverse("account_login")).content.decode()

    assert "<h1>Log in</h1>" in html
    assert re.search(r'<button class="primary" type="submit">Log in</button>', html)
    assert "Log in with a passkey" in html
    assert f'<a href="{reverse("account_signup")}">Apply to join</a>' in html
    assert "Sign In" not in html
    assert "Remember Me" not in html
    # The box before its words, inside one label, no trailing colon.
    assert [m["words"] for m in CHECKBOX_IN_ITS_LABEL.finditer(html)] == [
        "Stay logged in on this device"
    ]


def test_the_login_page_speaks_spanish(translations):
    html = client_in("es").get(reverse("account_login")).content.decode()

    assert "<h1>Iniciar sesión</h1>" in html
    assert "Mantener la sesión iniciada en este dispositivo" in html
    assert "Recordarme" not in html


def test_the_password_reset_pages_speak_tejidos_words():
    english = client_in("en")
    ask = english.get(reverse("account_reset_password")).content.decode()
    assert "<h1>Reset your password</h1>" in ask
    assert ">Send me the link</button>" in ask
    assert "Reset My Password" not in ask

    done = english.post(reverse("account_reset_password"), {"email": "a@example.org"}, follow=True)
    assert "<h1>Check your email</h1>" in done.text
    assert "If an account uses that address" in done.text

    bad = english.get("/accounts/password/reset/key/1-not-a-real-key/", follow=True).text
    assert "<h1>This link cannot be used</h1>" in bad
    assert f'href="{reverse("account_reset_password")}">Ask for a new link</a>' in bad
    assert "Bad Token" not in bad

    finished = english.get(reverse("account_reset_password_from_key_done")).content.decode()
    assert "<h1>Your password is changed</h1>" in finished


def test_the_password_reset_pages_speak_spanish(translations):
    spanish = client_in("es")
    assert (
        "<h1>Restablecer tu contraseña</h1>"
        in spanish.get(reverse("account_reset_password")).content.decode()
    )
    assert (
        "<h1>Este enlace no se puede usar</h1>"
        in spanish.get(
            "/accounts/password/reset/key/1-not-a-real-key/", follow=True
        ).content.decode()
    )


def test_the_sessions_page_speaks_tejidos_words(translations):
    member = make_member(language="es")
    client = client_in("es")
    client.force_login(member)

    html = client.get(reverse("usersessions_list")).content.decode()

    assert "<h1>Dónde tienes la sesión iniciada</h1>" in html
    assert '<th scope="col">Dirección IP</th>' in html


@pytest.mark.parametrize(
    ("page", "words"),
    [
        ("account_signup", "Send me discreet emails"),
        ("settings_edit", "Discreet mode"),
    ],
)
def test_checkboxes_are_inside_their_label(page, words):
    member = make_member(language="en")
    client = client_in("en")
    if page == "settings_edit":
        client.force_login(member)

    html = client.get(reverse(page)).content.decode()

    assert words in [m["words"] for m in CHECKBOX_IN_ITS_LABEL.finditer(html)]
    assert f"{words}:" not in html
