"""Fixtures every test in Tejido can use."""

import re
from pathlib import Path
from typing import Any

import polib
import pytest
from django.core.cache import cache, caches
from django.test import Client
from django.utils import timezone, translation

PARTS_DIR = Path(__file__).resolve().parent / "tejido" / "locale" / "parts"


def _database_use(item: pytest.Item) -> str:
    """ "transactional", "db" or "none", as pytest-django tells them apart to order tests."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", [])
    if (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))) or (
        "transactional_db" in fixtures or "live_server" in fixtures
    ):
        return "transactional"
    return "db" if marker or "db" in fixtures else "none"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The proofs that take minutes (marked `slow`) as early as they may go. The two workers of
    `./run test` take each other's queue when theirs runs out; a five-minute proof collected
    last (proof/ comes after tejido/ and e2e/) would leave one of them idle while the other
    finished it. pytest-django has already put the tests in transactions before those that
    empty the database (its order, kept here: a test that reads what the migrations made must
    not come after one that emptied the tables); a slow test that needs no database goes first
    of all."""
    order = {"db": 1, "transactional": 2, "none": 3}

    def place(item: pytest.Item) -> tuple[int, bool]:
        use = _database_use(item)
        slow = item.get_closest_marker("slow") is not None
        return (0 if slow and use == "none" else order[use], not slow)

    items.sort(key=place)


@pytest.fixture(autouse=True)
def _isolated_cache():
    # Rate limits, the page frame's pieces and list cards live in caches: each test starts
    # afresh.
    cache.clear()
    caches["frame"].clear()
    caches["cards"].clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language_and_time_zone():
    """A request leaves its language and time zone activated in the thread (the middleware
    activates them and nothing deactivates them): every test starts and ends with the defaults
    (Spanish, the site's time zone), so none depends on what the one before it requested."""
    translation.deactivate()
    timezone.deactivate()
    yield
    translation.deactivate()
    timezone.deactivate()


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    """Tasks run at once, in the test's process and transaction, instead of waiting for a
    worker. Assigning settings.TASKS sends `setting_changed`, on which django.tasks drops its
    cached backends, so `some_task.enqueue()` picks up this backend; the fixture restores the
    configured one afterwards. Work queued with transaction.on_commit still needs
    `django_capture_on_commit_callbacks(execute=True)` to run inside a test."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 at production cost takes a tenth of a second or more a hash, and nearly every
    test makes people: tests hash with MD5, but for those about hashing itself, which ask for
    `real_password_hashing`."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def real_password_hashing(settings):
    """The hashers production uses (config/settings.py), for tests about hashing itself."""
    from config import settings as configured

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS


# People in each standing, with a verified email address and a profile.


@pytest.fixture
def make_user(db):
    """`make_user(role="member", **fields)`: a saved user of that standing ("member",
    "organiser" or "applicant") with a profile and a verified address; fields override the
    factory's (e.g. `make_user(language="en", discreet_mode=True)`)."""
    from tejido.accounts.factories import ApplicantFactory, OrganiserFactory, UserFactory

    factories = {
        "member": UserFactory,
        "organiser": OrganiserFactory,
        "applicant": ApplicantFactory,
    }

    def make(role: str = "member", **fields: Any) -> Any:
        return factories[role](**fields)

    return make


@pytest.fixture
def member(db):
    from tejido.accounts.factories import UserFactory

    return UserFactory()


@pytest.fixture
def organiser(db):
    from tejido.accounts.factories import OrganiserFactory

    return OrganiserFactory()


@pytest.fixture
def applicant(db):
    from tejido.accounts.factories import ApplicantFactory

    return ApplicantFactory()


def _client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def member_client(member) -> Client:
    """A client logged in as `member`."""
    return _client_for(member)


@pytest.fixture
def organiser_client(organiser) -> Client:
    return _client_for(organiser)


@pytest.fixture
def applicant_client(applicant) -> Client:
    return _client_for(applicant)


@pytest.fixture
def login():
    """`login(user)` gives a client logged in as that user."""
    return _client_for


@pytest.fixture(scope="session")
def _compiled_parts(tmp_path_factory) -> Path:
    """Every `tejido/locale/parts/*.po` compiled once a run (reading them all takes a third of
    a second, and some forty tests ask): the folder of `translations`."""
    root = tmp_path_factory.mktemp("locale")
    catalogues: dict[str, polib.POFile] = {}
    seen: dict[str, set[tuple[str | None, str]]] = {}
    for part in sorted(PARTS_DIR.glob("*.po")):
        po = polib.pofile(str(part))
        # Parts are Spanish unless they say otherwise in their header.
        language = po.metadata.get("Language", "es") or "es"
        merged = catalogues.setdefault(language, polib.POFile())
        if not merged.metadata:
            merged.metadata = {
                "Content-Type": "text/plain; charset=UTF-8",
                "Plural-Forms": "nplurals=2; plural=(n != 1);",
            }
        keys = seen.setdefault(language, set())
        for entry in po.translated_entries():
            key = (entry.msgctxt, entry.msgid)
            if key not in keys and not entry.obsolete:
                keys.add(key)
                merged.append(entry)
    for language, merged in catalogues.items():
        target = root / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        merged.save_as_mofile(str(target / "django.mo"))
    return root


@pytest.fixture
def translations(settings, _compiled_parts) -> Path:
    """Spanish (and any other) translations from every `tejido/locale/parts/*.po`, compiled
    into a temporary locale folder searched first, so a test can assert translated output before
    the lead has merged and compiled the catalogue. Gives that folder."""
    settings.LOCALE_PATHS = [_compiled_parts, *settings.LOCALE_PATHS]
    return _compiled_parts


_PER_RENDER = [
    # The CSRF token is masked afresh on every render; the language switch returns to the page
    # it was on.
    (
        re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
        'name="csrfmiddlewaretoken" value=""',
    ),
    (re.compile(r'<input name="next" type="hidden" value="[^"]*">'), '<input name="next">'),
]


def normalised_page(content: bytes | str) -> str:
    """A page's HTML without what legitimately differs between two renders of it."""
    html = content.decode() if isinstance(content, bytes) else content
    for pattern, replacement in _PER_RENDER:
        html = pattern.sub(replacement, html)
    return html


@pytest.fixture
def assert_same_answer():
    """`assert_same_answer(response_a, response_b)`: the two responses are indistinguishable
    (status, content type and page, apart from the per-render CSRF token and the language
    switch's return address). Use it to show that "forbidden" looks exactly like "missing"."""

    def check(first: Any, second: Any) -> None:
        assert first.status_code == second.status_code
        assert first.get("Content-Type") == second.get("Content-Type")
        assert normalised_page(first.content) == normalised_page(second.content)

    return check
