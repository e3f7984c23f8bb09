"""Sealed secrets: only SECRET_KEY (or a fallback) opens them, and tampering is noticed."""

import importlib

import pytest
from allauth.mfa.models import Authenticator
from cryptography.fernet import InvalidToken
from django.apps import apps

from tejido.core.sealing import PREFIX, seal, unseal

SECRET = "JBSWY3DPEHPK3PXP"


def test_sealed_text_opens_again_and_shows_nothing():
    sealed = seal(SECRET)
    assert sealed.startswith(PREFIX)
    assert SECRET not in sealed
    assert seal(SECRET) != sealed  # a fresh nonce every time
    assert unseal(sealed) == SECRET


def test_after_rotating_secret_key_the_fallback_still_opens(settings):
    sealed = seal(SECRET)
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    with pytest.raises(InvalidToken):
        unseal(sealed)
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert unseal(sealed) == SECRET


def test_a_tampered_seal_is_refused():
    sealed = seal(SECRET)
    tampered = sealed[:-6] + ("A" if sealed[-6] != "A" else "B") + sealed[-5:]
    with pytest.raises(InvalidToken):
        unseal(tampered)


def test_text_stored_before_sealing_reads_as_it_is():
    assert unseal(SECRET) == SECRET


@pytest.mark.django_db
def test_the_migration_seals_what_was_stored_in_the_clear(member):
    migration = importlib.import_module("tejido.accounts.migrations.0005_seal_mfa_secrets")
    totp = Authenticator.objects.create(user=member, type="totp", data={"secret": SECRET})
    codes = Authenticator.objects.create(
        user=member, type="recovery_codes", data={"seed": "ab12", "used_mask": 3}
    )

    migration.seal_all(apps, None)
    migration.seal_all(apps, None)  # running it twice seals once

    totp.refresh_from_db()
    codes.refresh_from_db()
    assert totp.data["secret"].startswith(PREFIX)
    assert unseal(totp.data["secret"]) == SECRET
    assert unseal(codes.data["seed"]) == "ab12"
    assert codes.data["used_mask"] == 3

    migration.unseal_all(apps, None)
    totp.refresh_from_db()
    assert totp.data["secret"] == SECRET
