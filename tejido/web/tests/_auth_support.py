"""What the account tests share: logging in through the real form, comparing two answers
that must not differ, computing authenticator codes, and a software passkey.

The passkey is a real (if minimal) WebAuthn authenticator: it makes an ES256 key pair,
answers allauth's registration with a "none" attestation and signs its login challenges, so
the server's whole verification runs as it would for a phone or a security key.
"""

import hashlib
import json
import os
import re
import time
from typing import Any, cast

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.test import Client
from fido2.cose import ES256
from fido2.utils import websafe_decode
from fido2.webauthn import (
    Aaguid,
    AttestationObject,
    AttestedCredentialData,
    AuthenticationExtensionsClientOutputs,
    AuthenticationResponse,
    AuthenticatorAssertionResponse,
    AuthenticatorAttestationResponse,
    AuthenticatorData,
    CollectedClientData,
    RegistrationResponse,
)

from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory
from tejido.accounts.models import User

PASSWORD = "correct horse battery staple"  # the factories' password
NEW_PASSWORD = "a different long passphrase 42"


def make_member(**kwargs: Any) -> User:
    """A vetted member with a verified address and a profile (UserFactory, typed)."""
    return cast(User, UserFactory(**kwargs))


def make_applicant(**kwargs: Any) -> User:
    return cast(User, ApplicantFactory(**kwargs))


def make_organiser(**kwargs: Any) -> User:
    return cast(User, OrganiserFactory(**kwargs))


_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def normalised(body: bytes | str, *variable: str) -> str:
    """A page with what legitimately differs between two requests blanked out: the CSRF
    token, and the values the tests typed in themselves."""
    text = body.decode() if isinstance(body, bytes) else body
    text = _CSRF.sub('name="csrfmiddlewaretoken" value="…"', text)
    for value in variable:
        text = text.replace(value, "…")
    return text


def log_in(client: Client, email: str, password: str = PASSWORD, **extra: Any) -> Any:
    """Log in through allauth's form, as a person would."""
    return client.post("/accounts/login/", {"login": email, "password": password}, **extra)


def totp_code(secret: str, *, at: float | None = None) -> str:
    """The six digits an authenticator app shows for `secret` at time `at` (default now)."""
    counter = int(at if at is not None else time.time()) // 30
    return format_hotp_value(hotp_value(secret, counter))


class SoftPasskey:
    """A passkey held in memory, for the test server's relying party ("testserver")."""

    def __init__(self, rp_id: str = "testserver", origin: str = "http://testserver") -> None:
        self.rp_id = rp_id
        self.origin = origin
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.user_handle: bytes | None = None
        self.counter = 0

    @property
    def _rp_id_hash(self) -> bytes:
        return hashlib.sha256(self.rp_id.encode()).digest()

    def register(self, creation_options: dict[str, Any]) -> str:
        """Answer `navigator.credentials.create()`: the JSON allauth's page would post."""
        options = creation_options["publicKey"]
        self.user_handle = websafe_decode(options["user"]["id"])
        client_data = CollectedClientData.create(
            type="webauthn.create", challenge=options["challenge"], origin=self.origin
        )
        credential = AttestedCredentialData.create(
            Aaguid.NONE, self.credential_id, ES256.from_cryptography_key(self.key.public_key())
        )
        flags = AuthenticatorData.FLAG
        auth_data = AuthenticatorData.create(
            self._rp_id_hash, flags.UP | flags.UV | flags.AT, self.counter, credential
        )
        response = RegistrationResponse(
            raw_id=self.credential_id,
            response=AuthenticatorAttestationResponse(
                client_data=client_data,
                attestation_object=AttestationObject.create("none", auth_data, {}),
            ),
            client_extension_results=AuthenticationExtensionsClientOutputs(
                {"credProps": {"rk": True}}
            ),
        )
        return json.dumps(dict(response))

    def authenticate(self, request_options: dict[str, Any]) -> str:
        """Answer `navigator.credentials.get()` for a login challenge."""
        options = request_options["publicKey"]
        self.counter += 1
        flags = AuthenticatorData.FLAG
        auth_data = AuthenticatorData.create(self._rp_id_hash, flags.UP | flags.UV, self.counter)
        client_data = CollectedClientData.create(
            type="webauthn.get", challenge=options["challenge"], origin=self.origin
        )
        signature = self.key.sign(bytes(auth_data) + client_data.hash, ec.ECDSA(hashes.SHA256()))
        response = AuthenticationResponse(
            raw_id=self.credential_id,
            response=AuthenticatorAssertionResponse(
                client_data=client_data,
                authenticator_data=auth_data,
                signature=signature,
                user_handle=self.user_handle,
            ),
        )
        return json.dumps(dict(response))
