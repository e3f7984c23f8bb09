"""Two-factor authentication through allauth's real views: an authenticator app (TOTP) with
its QR code, recovery codes, and passkeys answered by a software authenticator."""

import json

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.contrib import auth
from django.test import Client
from django.urls import reverse

from tejido.web.tests._auth_support import PASSWORD, SoftPasskey, log_in, make_member, totp_code

pytestmark = pytest.mark.django_db

START = "2030-03-01 09:00 +0000"


def open_with_password(client: Client, url: str):
    """GET a page that asks for the password again first (allauth's reauthentication)."""
    response = client.get(url)
    if response.status_code == 302 and response["Location"].startswith(
        reverse("account_reauthenticate")
    ):
        response = client.post(response["Location"], {"password": PASSWORD}, follow=True)
    return response


def activate_totp(client: Client, capture=None) -> str:
    page = open_with_password(client, reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    # The QR code is an inline image (allowed by our CSP's img-src data:), with the secret
    # also written out for people who cannot scan it.
    assert 'src="data:image/svg+xml;base64,' in page.text
    assert secret in page.text
    if capture is None:
        done = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    else:
        with capture(execute=True):
            done = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert done.status_code == 302
    return secret


def test_an_authenticator_app_then_guards_the_login(mailoutbox, django_capture_on_commit_callbacks):
    member = make_member(language="en")
    client = Client()
    with time_machine.travel(START, tick=False) as traveller:
        log_in(client, member.email)

        secret = activate_totp(client, django_capture_on_commit_callbacks)

        stored = Authenticator.objects.get(user=member, type=Authenticator.Type.TOTP).data
        # Kept sealed: a copy of the database does not hold the key to the member's codes.
        assert stored["secret"].startswith("sealed:")
        assert secret not in stored["secret"]
        # The member is told, in their language, and only about their own account.
        (notice,) = mailoutbox
        assert notice.to == [member.email]
        assert notice.subject == "Authenticator App Activated"
        client.post(reverse("account_logout"))

        traveller.shift(60)
        fresh = Client()
        first_step = log_in(fresh, member.email)
        assert first_step.status_code == 302
        assert first_step["Location"] == reverse("mfa_authenticate")
        assert not auth.get_user(fresh).is_authenticated
        challenge = fresh.get(reverse("mfa_authenticate"))
        assert challenge.status_code == 200
        assert 'id="quick-exit"' in challenge.text

        wrong = fresh.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert wrong.status_code == 200
        assert not auth.get_user(fresh).is_authenticated

        right = fresh.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})

    assert right.status_code == 302
    assert right["Location"] == reverse("home")
    assert auth.get_user(fresh) == member


def test_a_recovery_code_also_opens_the_second_step():
    member = make_member(language="en")
    client = Client()
    with time_machine.travel(START, tick=False) as traveller:
        log_in(client, member.email)
        activate_totp(client)
        codes_page = open_with_password(client, reverse("mfa_view_recovery_codes"))
        assert codes_page.status_code == 200
        codes = codes_page.context["unused_codes"]
        assert len(codes) == 10
        client.post(reverse("account_logout"))

        traveller.shift(60)
        fresh = Client()
        log_in(fresh, member.email)
        response = fresh.post(reverse("mfa_authenticate"), {"code": codes[0]})

        assert response.status_code == 302
        assert auth.get_user(fresh) == member
        # A recovery code works once.
        fresh.post(reverse("account_logout"))
        again = Client()
        log_in(again, member.email)
        reused = again.post(reverse("mfa_authenticate"), {"code": codes[0]})
        assert reused.status_code == 200
        assert not auth.get_user(again).is_authenticated


def test_a_passkey_is_added_and_then_logs_in_alone():
    member = make_member(language="en")
    client = Client()
    passkey = SoftPasskey()
    log_in(client, member.email)

    page = open_with_password(client, reverse("mfa_add_webauthn"))
    assert page.status_code == 200
    assert '<label for="id_name">Name of this key:</label>' in page.text
    # The ceremony's data travels in a JSON data block, not in an inline script.
    assert '<script id="js_data" type="application/json">' in page.text
    options = page.context["js_data"]["creation_options"]
    added = client.post(
        reverse("mfa_add_webauthn"),
        {"name": "My phone", "passwordless": "on", "credential": passkey.register(options)},
    )

    assert added.status_code == 302
    key = Authenticator.objects.get(user=member, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "My phone"
    assert key.wrap().is_passwordless
    listing = client.get(reverse("mfa_list_webauthn"))
    assert "My phone" in listing.text
    client.post(reverse("account_logout"))

    stranger = Client()
    request_options = stranger.get(
        reverse("mfa_login_webauthn"), HTTP_ACCEPT="application/json"
    ).json()["request_options"]
    response = stranger.post(
        reverse("mfa_login_webauthn"), {"credential": passkey.authenticate(request_options)}
    )

    assert response.status_code == 302
    assert auth.get_user(stranger) == member


def test_a_forged_passkey_answer_logs_nobody_in():
    member = make_member(language="en")
    client = Client()
    passkey = SoftPasskey()
    log_in(client, member.email)
    page = open_with_password(client, reverse("mfa_add_webauthn"))
    client.post(
        reverse("mfa_add_webauthn"),
        {
            "name": "Key",
            "passwordless": "on",
            "credential": passkey.register(page.context["js_data"]["creation_options"]),
        },
    )
    impostor = SoftPasskey()  # a different private key claiming the same credential
    impostor.credential_id = passkey.credential_id
    impostor.user_handle = passkey.user_handle

    stranger = Client()
    request_options = stranger.get(
        reverse("mfa_login_webauthn"), HTTP_ACCEPT="application/json"
    ).json()["request_options"]
    response = stranger.post(
        reverse("mfa_login_webauthn"), {"credential": impostor.authenticate(request_options)}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert not auth.get_user(stranger).is_authenticated
    assert json.loads(json.dumps(request_options))  # the options themselves are plain JSON
