"""Secrets kept in the database sealed (encrypted and authenticated) with a key derived from
SECRET_KEY, so a copy of the database alone does not give them away: the TOTP keys and recovery
code seeds of two-factor authentication (tejido.web.mfa_adapter), and what members write in a
report and organisers write about it (tejido.moderation, through `SealedTextField`).

Keys from SECRET_KEY_FALLBACKS still open what they sealed, so SECRET_KEY can be rotated the way
Django documents; text sealed before this module existed (no prefix) is returned as it is.
"""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

PREFIX = "sealed:"
# Derived keys differ by purpose: this key opens nothing else made from SECRET_KEY.
_PURPOSE = b"tejido.core.sealing"


def _fernet(secret: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_PURPOSE).derive(
        secret.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def _keys() -> MultiFernet:
    return _keys_for((settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])))


@lru_cache(maxsize=4)
def _keys_for(secrets: tuple[str, ...]) -> MultiFernet:
    # Deriving the keys costs more than opening a field: a list of gatherings opens dozens.
    return MultiFernet([_fernet(secret) for secret in secrets])


def seal(text: str) -> str:
    return PREFIX + _keys().encrypt(text.encode()).decode()


def unseal(stored: str) -> str:
    """The text `seal` sealed. Raises cryptography.fernet.InvalidToken if no current or
    fallback key opens it, or if it was tampered with."""
    if not stored.startswith(PREFIX):
        return stored
    return _keys().decrypt(stored[len(PREFIX) :].encode()).decode()


class SealedTextField(models.TextField):
    """Text that is sealed on its way into the database and opened on its way out: the code
    reads and writes plain text, the database only ever holds `sealed:…`. Empty text stays
    empty. It cannot be searched or compared in a query (each sealing differs)."""

    def get_prep_value(self, value: object) -> object:
        value = super().get_prep_value(value)
        if not value:
            return value
        return seal(str(value))

    def from_db_value(self, value: str | None, expression: object, connection: object) -> str:
        return unseal(value) if value else ""
