"""Login, sign-up and password reset must not tell anyone whether an address has an account:
the same status, redirect, page, password hashes computed and time, for an address
that exists and one that does not.

Time is compared as medians of several alternating runs with a generous tolerance: this is an
equality-of-behaviour check, not a speed assertion. The number of password hashes computed is
the exact version of the same question (allauth hashes a dummy password for unknown accounts).
"""

import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import hashers
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from proof.forms import fill, find_form
from tejido.accounts.factories import UserFactory

ROUNDS = 15
EXISTING = "known.person@example.org"
PASSWORD = "a long unusual passphrase 7391"


@dataclass
class Observed:
    statuses: set[int] = field(default_factory=set)
    locations: set[str] = field(default_factory=set)
    bodies: set[str] = field(default_factory=set)
    landing: set[str] = field(default_factory=set)
    emails: set[int] = field(default_factory=set)
    hashes: set[int] = field(default_factory=set)
    seconds: list[float] = field(default_factory=list)


def normalise(text: str, address: str) -> str:
    """The page with what legitimately differs between two requests taken out: the address the
    person typed, CSRF tokens and CSP nonces."""
    text = text.replace(address, "ADDRESS")
    text = re.sub(r'(name="csrfmiddlewaretoken" value=")[^"]+"', r'\1CSRF"', text)
    text = re.sub(r'nonce="[^"]+"', 'nonce="NONCE"', text)
    return text


@pytest.fixture
def hash_counter(monkeypatch: pytest.MonkeyPatch, real_password_hashing: None) -> list[int]:
    """Counts every password hash Django computes (encode or verify, any hasher) by wrapping the
    hashers themselves: they still do their real work, with production's hashers."""
    count = [0]
    for cls in (hashers.Argon2PasswordHasher, hashers.PBKDF2PasswordHasher):
        for name in ("encode", "verify"):
            original = getattr(cls, name)

            def counted(self, *args, _original=original, **kwargs):  # type: ignore[no-untyped-def]
                count[0] += 1
                return _original(self, *args, **kwargs)

            monkeypatch.setattr(cls, name, counted)
    return count


def observe_once(
    seen: Observed, url: str, data: dict[str, str], address: str, counter: list[int]
) -> None:
    cache.clear()  # rate limits are per address and IP; they are not what is measured here
    client = Client()
    mail.outbox.clear()
    before = counter[0]
    start = time.perf_counter()
    response = client.post(url, data)
    seen.seconds.append(time.perf_counter() - start)
    seen.hashes.add(counter[0] - before)
    seen.statuses.add(response.status_code)
    seen.locations.add(normalise(response.get("Location", ""), address))
    seen.bodies.add(normalise(response.content.decode(), address))
    seen.emails.add(len(mail.outbox))
    if response.status_code in (301, 302, 303):
        landing = client.get(response["Location"])
        seen.landing.add(f"{landing.status_code} {normalise(landing.content.decode(), address)}")


def assert_same(known: Observed, unknown: Observed) -> None:
    assert known.statuses == unknown.statuses
    assert len(known.statuses) == 1
    assert known.locations == unknown.locations
    assert known.bodies == unknown.bodies
    assert known.landing == unknown.landing
    # The number of emails may differ (a reset link goes to an account's owner; a stranger's
    # address gets nothing, ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS=False): only the mailbox's owner can
    # see that. What a requester could notice, the time it takes, is compared below.
    assert known.hashes == unknown.hashes, (
        f"password hashes computed: existing {known.hashes}, unknown {unknown.hashes}"
    )
    a, b = statistics.median(known.seconds), statistics.median(unknown.seconds)
    ratio = a / b if b else 1.0
    assert 0.5 <= ratio <= 2 or abs(a - b) < 0.05, (
        f"median time existing {a * 1000:.0f} ms, unknown {b * 1000:.0f} ms"
    )


def run_both(
    url: str,
    field_name: str,
    known: Callable[[int], tuple[str, dict[str, str]]],
    unknown: Callable[[int], tuple[str, dict[str, str]]],
    counter: list[int],
) -> tuple[Observed, Observed]:
    """Both sides, alternating request by request so drift in the machine's load hits both."""
    page = Client().get(url)
    assert page.status_code == 200, url
    form = find_form(page.content.decode(), containing=field_name)
    a, b = Observed(), Observed()
    for i in range(ROUNDS):
        for seen, make in ((a, known), (b, unknown)) if i % 2 else ((b, unknown), (a, known)):
            address, values = make(i)
            observe_once(seen, url, fill(form, values), address, counter)
    return a, b


@pytest.mark.django_db
def test_login_answers_alike_for_known_and_unknown_addresses(hash_counter: list[int]) -> None:
    UserFactory(email=EXISTING)
    url = reverse("account_login")
    known, unknown = run_both(
        url,
        "password",
        lambda i: (EXISTING, {"login": EXISTING, "password": "not the password 123"}),
        lambda i: (
            "nobody.here@example.org",
            {"login": "nobody.here@example.org", "password": "not the password 123"},
        ),
        hash_counter,
    )
    assert known.statuses == {200}
    assert min(known.hashes) >= 1, "no password was checked at all"
    assert_same(known, unknown)


@pytest.mark.django_db
def test_signup_answers_alike_for_known_and_unknown_addresses(hash_counter: list[int]) -> None:
    UserFactory(email=EXISTING)
    url = reverse("account_signup")

    def fresh(i: int) -> tuple[str, dict[str, str]]:
        address = f"new.person{i}@example.org"
        return address, {"email": address, "password1": PASSWORD, "password2": PASSWORD}

    known, unknown = run_both(
        url,
        "password1",
        lambda i: (EXISTING, {"email": EXISTING, "password1": PASSWORD, "password2": PASSWORD}),
        fresh,
        hash_counter,
    )
    assert known.statuses <= {301, 302, 303}, "sign-up did not go on to 'check your email'"
    assert_same(known, unknown)


@pytest.mark.django_db
def test_password_reset_answers_alike_for_known_and_unknown_addresses(
    hash_counter: list[int],
) -> None:
    UserFactory(email=EXISTING)
    url = reverse("account_reset_password")
    known, unknown = run_both(
        url,
        "email",
        lambda i: (EXISTING, {"email": EXISTING}),
        lambda i: ("nobody.here@example.org", {"email": "nobody.here@example.org"}),
        hash_counter,
    )
    assert known.statuses <= {301, 302, 303}
    assert_same(known, unknown)
