"""Production as the README documents it, with every part running: `TEJIDO_ENV=production`
settings, Redis as the cache, gunicorn serving the collected static files, and the database task
worker (`manage.py db_worker`), not the immediate backend. A member and an organiser log in
through the real form over HTTP, every main page answers 200, and a background task (a
password-reset email) is run by the worker.

The database is the one the suite runs on: a database of its own on the PostgreSQL server in
TEJIDO_DATABASE_URL (dropped afterwards), else a temporary SQLite file. So CI, which runs the
suite on SQLite and again on PostgreSQL, runs this test on both. Redis is database
`REDIS_DB` on 127.0.0.1, flushed before and after; without Redis the test is skipped, except
under CI (`CI=true`), where it fails.
"""

import base64
import contextlib
import http.client
import os
import re
import secrets
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.message import Message
from http.cookies import SimpleCookie
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest
from django.urls import reverse

from proof.servers import PYTHON, ROOT, Server, run_python, server_env

if TYPE_CHECKING:
    import redis

pytestmark = pytest.mark.slow

REDIS_DB = 13
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"
DATABASE_URL = os.environ.get("TEJIDO_DATABASE_URL", "")
SMOKE_DATABASE = "tejido_production_smoke"
PASSWORD = "correct horse battery staple"  # the factories' password
MEMBER = "member@example.org"
ORGANISER = "organiser@example.org"
GROUP = "huerto"

# The people and the group, made with the factories in the production database. Each accepts
# the code of conduct if the database has one, so the pages are not the conduct page.
PEOPLE = f"""
from tejido.accounts.factories import OrganiserFactory, UserFactory
from tejido.groups.factories import GroupFactory, GroupMembershipFactory
from tejido.membership.selectors import current_conduct
from tejido.membership.services import accept_conduct

member = UserFactory(email={MEMBER!r})
organiser = OrganiserFactory(email={ORGANISER!r}, language="en")
GroupMembershipFactory(group=GroupFactory(slug={GROUP!r}), user=member)
if current_conduct() is not None:
    for person in (member, organiser):
        accept_conduct(actor=person)
"""


def redis_or_skip() -> "redis.Redis":
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI runs production's parts and needs Redis at {REDIS_URL}: {error}")
        pytest.skip(f"no Redis at {REDIS_URL} ({error}); CI runs this test")
    return client


@contextlib.contextmanager
def own_database(tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of a Tejido process on a fresh database of the suite's kind."""
    if not DATABASE_URL:
        yield server_env(sqlite_path=tmp_path / "production.sqlite3")
        return
    import psycopg

    parts = urlsplit(DATABASE_URL)
    assert parts.scheme.startswith("postgres"), "TEJIDO_DATABASE_URL is SQLite or PostgreSQL"
    admin_url = urlunsplit(parts._replace(path="/postgres"))

    def admin(sql: str) -> None:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(sql)

    admin(f"DROP DATABASE IF EXISTS {SMOKE_DATABASE} WITH (FORCE)")
    admin(f"CREATE DATABASE {SMOKE_DATABASE}")
    try:
        yield server_env(database_url=urlunsplit(parts._replace(path=f"/{SMOKE_DATABASE}")))
    finally:
        admin(f"DROP DATABASE IF EXISTS {SMOKE_DATABASE} WITH (FORCE)")


@contextlib.contextmanager
def task_worker(env: dict[str, str], log: Path) -> Iterator[None]:
    """`manage.py db_worker` as docs/deployment.md runs it, in its own process group."""
    with log.open("wb") as out:
        worker = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
            [PYTHON, "manage.py", "db_worker", "--queue-name", "*", "--no-reload"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)


@dataclass
class Answer:
    status: int
    headers: Message
    text: str

    def header(self, name: str) -> str:
        return str(self.headers.get(name, ""))


class Browser:
    """A browser behind the HTTPS proxy, over plain HTTP: it says it came over HTTPS
    (`X-Forwarded-Proto`, which production trusts), keeps the cookies itself (they are
    Secure, which no HTTP client library would send back) and sends a Referer, as CSRF's check
    on HTTPS requests wants."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Answer:
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Referer": f"https://127.0.0.1:{self.port}{path}",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            answer = Answer(response.status, response.headers, response.read().decode())
        finally:
            conn.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return answer

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post_form(self, path: str, fields: dict[str, str]) -> Answer:
        """Fill in the form on `path` (its CSRF token too) and send it."""
        page = self.get(path)
        assert page.status == 200, (path, page.status)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, f"no CSRF token on {path}"
        return self.request("POST", path, {"csrfmiddlewaretoken": token.group(1), **fields})

    def log_in(self, email: str) -> None:
        done = self.post_form(reverse("account_login"), {"login": email, "password": PASSWORD})
        assert done.status == 302, (done.status, done.text[:2000])
        assert done.header("Location") == reverse("home")


def wait_for(predicate: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


# Minutes on a busy machine, past the suite's five-minute limit for a hung test.
@pytest.mark.timeout(900)
def test_production_serves_every_main_page_and_runs_tasks(tmp_path: Path) -> None:
    cache = redis_or_skip()
    cache.flushdb()
    with own_database(tmp_path) as env:
        server = Server(env, workers=2, log=tmp_path / "gunicorn.log")
        env.update(
            {
                "TEJIDO_ENV": "production",
                "TEJIDO_SECRET_KEY": secrets.token_urlsafe(50),
                # Support circles' facilitator notes: their own key, required in production.
                "TEJIDO_NOTE_KEYS": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
                "TEJIDO_ALLOWED_HOSTS": "127.0.0.1",
                "TEJIDO_SITE_URL": f"https://127.0.0.1:{server.port}",
                "TEJIDO_SSL_REDIRECT": "0",  # the proxy would redirect; there is none here
                "TEJIDO_REDIS_URL": REDIS_URL,
                "TEJIDO_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
                "TEJIDO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
                "TEJIDO_STATIC_ROOT": str(tmp_path / "static"),
                "PYTHONUNBUFFERED": "1",
            }
        )
        # The README's steps, in its order.
        run_python(["scripts/catalogue.py", "compile"], env)
        run_python(["manage.py", "migrate", "--noinput", "-v", "0"], env, timeout=400)
        run_python(["manage.py", "collectstatic", "--noinput", "-v", "0"], env)
        run_python(["manage.py", "shell", "-c", PEOPLE], env)
        worker_log = tmp_path / "worker.log"
        try:
            server.start()
            with task_worker(env, worker_log):
                check_the_site(server.port, cache)
                # Only the worker sends email: it prints it on its console.
                assert wait_for(lambda: f"To: {MEMBER}" in worker_log.read_text(), 30), (
                    "the worker sent no password-reset email:\n" + worker_log.read_text()[-3000:]
                )
        finally:
            server.stop()
            cache.flushdb()
        gunicorn_log = (tmp_path / "gunicorn.log").read_text()
        assert "Traceback" not in gunicorn_log, gunicorn_log[-3000:]


def check_the_site(port: int, cache: "redis.Redis") -> None:
    anonymous = Browser(port)
    landing = anonymous.get(reverse("home"))
    assert landing.status == 200
    assert landing.header("Strict-Transport-Security").startswith("max-age=")
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', landing.text)
    assert stylesheet, "no stylesheet on the landing page"
    # The manifest's hashed name, served by WhiteNoise with a far-future cache.
    assert re.search(r"\.[0-9a-f]{12}\.css$", stylesheet.group(1)), stylesheet.group(1)
    static = anonymous.get(stylesheet.group(1))
    assert static.status == 200
    assert "immutable" in static.header("Cache-Control")

    member = Browser(port)
    member.log_in(MEMBER)
    for path in (
        reverse("home"),
        reverse("member_list"),
        reverse("group_list"),
        reverse("group_detail", args=[GROUP]),
        reverse("notice_list"),
        reverse("profile_edit"),
        reverse("profile_preview"),
        reverse("settings_edit"),
        reverse("token_list"),
        reverse("usersessions_list"),
    ):
        page = member.get(path)
        assert page.status == 200, (path, page.status, page.text[:500])
    # The member reads Spanish: the compiled catalogue is in use.
    assert "Salida rápida" in member.get(reverse("home")).text

    organiser = Browser(port)
    organiser.log_in(ORGANISER)
    for name in (
        "organise_home",
        "organise_applications",
        "organise_invitations",
        "organise_members",
        "organise_settings",
        "organise_areas",
        "organise_questions",
        "organise_conduct",
        "organise_audit",
    ):
        page = organiser.get(reverse(name))
        assert page.status == 200, (name, page.status, page.text[:500])

    # Logins are rate limited in the cache: Redis holds what they wrote.
    assert cache.dbsize() > 0, "nothing reached Redis"

    reset = anonymous.post_form(reverse("account_reset_password"), {"email": MEMBER})
    assert reset.status == 302, (reset.status, reset.text[:2000])
