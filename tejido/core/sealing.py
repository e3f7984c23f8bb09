"""Secrets kept in the database sealed (encrypted and authenticated) with a key derived from
SECRET_KEY, so a copy of the database alone does not give them away: the TOTP keys and recovery
code seeds of two-factor authentication (tejido.web.mfa_adapter).

Keys from SECRET_KEY_FALLBACKS still open what they sealed, so SECRET_KEY can be rotated the way
Django documents; text sealed before this module existed (no prefix) is returned as it is.
"""

import base64

from cryptography.fernet import Fernet, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

PREFIX = "sealed:"
# Derived keys differ by purpose: this key opens nothing else made from SECRET_KEY.
_PURPOSE = b"tejido.core.sealing"


def _fernet(secret: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_PURPOSE).derive(
        secret.encode()
    )
    return Fernet(base64.urlsafe_b64encode(key))


def _keys() -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet(secret) for secret in secrets])


def seal(text: str) -> str:
    return PREFIX + _keys().encrypt(text.encode()).decode()


def unseal(stored: str) -> str:
    """The text `seal` sealed. Raises cryptography.fernet.InvalidToken if no current or
    fallback key opens it, or if it was tampered with."""
    if not stored.startswith(PREFIX):
        return stored
    return _keys().decrypt(stored[len(PREFIX) :].encode()).decode()
