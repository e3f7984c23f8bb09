"""Sign-up through allauth: an applicant with a chosen name, a verification email in their
language, and an answer that never tells whether the address already had an account."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib import auth
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from tejido.accounts.models import User
from tejido.core.clock import now
from tejido.membership.services import create_invitation
from tejido.network.models import NetworkSettings
from tejido.web.tests._auth_support import make_member, make_organiser, normalised

pytestmark = pytest.mark.django_db

CONFIRM_LINK = re.compile(r"http://testserver/accounts/confirm-email/[^/\s]+/")


def sign_up(client, email="river@example.org", follow=False, **extra):
    data = {
        "email": email,
        "chosen_name": "River",
        "pronouns": "they/them",
        "password1": "a long enough passphrase",
        "password2": "a long enough passphrase",
    }
    data.update(extra)
    return client.post("/accounts/signup/", data, follow=follow)


@pytest.mark.parametrize(
    ("language", "subject", "greeting"),
    [
        ("es", "Confirma tu dirección de correo electrónico", "Hola,"),
        ("en", "Please Confirm Your Email Address", "Hello,"),
    ],
)
def test_sign_up_confirm_and_land_on_the_application(
    client, mailoutbox, translations, language, subject, greeting
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = sign_up(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="river@example.org")
    assert user.state == User.State.APPLICANT
    assert user.language == language
    assert user.profile.chosen_name == "River"
    assert user.profile.pronouns == "they/them"
    assert not user.discreet_mode
    assert not auth.get_user(client).is_authenticated

    (mail,) = mailoutbox
    assert mail.to == ["river@example.org"]
    assert mail.subject == subject
    assert mail.body.startswith(greeting)
    assert "Tejido" in mail.from_email
    link = CONFIRM_LINK.search(mail.body)
    assert link is not None

    page = client.get(link.group(0))
    assert page.status_code == 200
    assert 'id="quick-exit"' in page.text
    confirmed = client.post(link.group(0))

    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("application_status")
    assert auth.get_user(client) == user
    assert EmailAddress.objects.get(user=user).verified


def test_login_before_verification_only_resends_the_link(client, mailoutbox):
    sign_up(client)
    mailoutbox.clear()
    other = client.__class__()

    response = other.post(
        "/accounts/login/", {"login": "river@example.org", "password": "a long enough passphrase"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert not auth.get_user(other).is_authenticated
    assert len(mailoutbox) == 1


def test_sign_up_needs_a_chosen_name_and_nothing_else_about_identity(client):
    response = sign_up(client, chosen_name="   ")

    assert response.status_code == 200
    assert not User.objects.filter(email="river@example.org").exists()
    assert "chosen_name" in response.context["form"].errors
    form_html = response.text
    # Errors are tied to their field for screen readers.
    assert 'id="id_chosen_name_error"' in form_html
    assert 'aria-invalid="true"' in form_html
    for field in ("legal", "surname", "last_name", "first_name", "birth"):
        assert f'name="{field}' not in form_html


def test_sign_up_refuses_an_invisible_character_but_never_says_a_name_is_taken(client):
    """ "Taken" would tell a stranger who is a member; organisers see a warning instead."""
    make_member(profile__chosen_name="River")
    refused = sign_up(client, chosen_name="River\u200b")
    assert "chosen_name" in refused.context["form"].errors
    assert not User.objects.filter(email="river@example.org").exists()

    sign_up(client, chosen_name="river")
    assert User.objects.get(email="river@example.org").profile.chosen_name == "river"


def test_pronouns_are_optional(client):
    sign_up(client, pronouns="")

    assert User.objects.get(email="river@example.org").profile.pronouns == ""


def test_an_existing_address_gets_the_same_answer_as_a_new_one(client, mailoutbox):
    existing = make_member(email="taken@example.org", language="en")
    fresh_client, known_client = client.__class__(), client.__class__()

    new = sign_up(fresh_client, email="fresh@example.org", follow=True)
    known = sign_up(known_client, email="taken@example.org", follow=True)

    assert known.status_code == new.status_code == 200
    assert known.redirect_chain == new.redirect_chain
    assert normalised(known.content, "taken@example.org") == normalised(
        new.content, "fresh@example.org"
    )
    assert User.objects.filter(email="taken@example.org").count() == 1
    # The owner of the address is told by email (in their language), nobody else is.
    to_owner = [m for m in mailoutbox if m.to == ["taken@example.org"]]
    assert len(to_owner) == 1
    assert "already exists" in to_owner[0].body
    assert existing.profile.chosen_name not in to_owner[0].body


def test_a_form_error_reads_the_same_for_a_known_address(client):
    make_member(email="taken@example.org")

    known = sign_up(client.__class__(), email="taken@example.org", password2="does not match")
    fresh = sign_up(client.__class__(), email="fresh@example.org", password2="does not match")

    assert known.status_code == fresh.status_code == 200
    assert normalised(known.content, "taken@example.org") == normalised(
        fresh.content, "fresh@example.org"
    )


def test_discreet_mode_from_the_first_email(client, mailoutbox, settings):
    settings.DISCREET_SENDER_NAME = "Notices"
    NetworkSettings.objects.update_or_create(pk=1, defaults={"name": "Queer Aid Valencia"})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    sign_up(client, discreet_mode="on")

    user = User.objects.get(email="river@example.org")
    assert user.discreet_mode
    (mail,) = mailoutbox
    assert mail.subject == "Account notice"
    assert mail.from_email == f"Notices <{settings.DEFAULT_FROM_EMAIL}>"
    assert "Queer Aid" not in mail.subject + mail.from_email + mail.body


def test_closed_applications_close_sign_up(client):
    NetworkSettings.objects.update_or_create(pk=1, defaults={"applications_open": False})

    response = sign_up(client)

    assert response.status_code == 200
    assert not User.objects.filter(email="river@example.org").exists()
    assert "account/signup_closed.html" in [t.name for t in response.templates]


def _invitation_token(**kwargs):
    organiser = make_organiser()
    created = create_invitation(
        actor=organiser, max_uses=1, expires_at=now() + timedelta(days=7), **kwargs
    )
    return created.token


def _carry_invitation(client, token):
    session = client.session
    session["invitation_token"] = token
    session.save()


def test_an_invitation_makes_the_newcomer_a_member(client, mailoutbox):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _carry_invitation(client, _invitation_token())

    sign_up(client)

    user = User.objects.get(email="river@example.org")
    assert user.state == User.State.MEMBER
    assert "invitation_token" not in client.session
    assert "with an invitation" in mailoutbox[-1].body
    link = CONFIRM_LINK.search(mailoutbox[-1].body)
    assert link is not None
    confirmed = client.post(link.group(0))
    assert confirmed["Location"] == reverse("home")
    shown = [str(m) for m in get_messages(confirmed.wsgi_request)]
    with translation.override("es"):
        assert any("invitation" in m.lower() or "invitación" in m.lower() for m in shown)


def test_an_invitation_still_opens_closed_applications(client):
    token = _invitation_token()
    NetworkSettings.objects.update_or_create(pk=1, defaults={"applications_open": False})
    _carry_invitation(client, token)

    sign_up(client)

    assert User.objects.get(email="river@example.org").state == User.State.MEMBER


def test_an_unusable_invitation_leaves_an_applicant_who_is_told_after_logging_in(
    client, mailoutbox
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _carry_invitation(client, "no-such-token")
    plain = sign_up(client.__class__(), email="plain@example.org")

    response = sign_up(client)

    user = User.objects.get(email="river@example.org")
    assert user.state == User.State.APPLICANT
    assert "invitation_token" not in client.session
    # The sign-up answer itself says nothing (it must match the one for a known address).
    assert response["Location"] == plain["Location"]
    shown_now = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown_now == ["Confirmation email sent to river@example.org."]
    link = CONFIRM_LINK.search(mailoutbox[-1].body)
    assert link is not None
    confirmed = client.post(link.group(0))
    assert confirmed["Location"] == reverse("application_status")
    shown = " ".join(str(m) for m in get_messages(confirmed.wsgi_request))
    assert "This invitation link is not valid." in shown
    assert "You can still apply" in shown
