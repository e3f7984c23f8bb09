"""Crash safety: gunicorn serving Tejido is SIGKILLed (master and workers at once) in the middle
of concurrent writes, again and again. After every kill the database must be intact and every
write the server acknowledged with a 2xx must be there.

The write is joining a group through the API (`POST /api/v1/groups/{slug}/join`): each one
creates a row, and every writer joins groups no one else joins, so each acknowledged write can
be looked for afterwards. SQLite: 50 kills on a file database in WAL mode (its
`PRAGMA integrity_check` must say "ok" each time). PostgreSQL: only when TEJIDO_DATABASE_URL
names one, on a database of its own (`tejido_crash`) that is dropped afterwards.
Everything listens on 127.0.0.1 only; each round and the whole test are bounded in time."""

import http.client
import json
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from proof.servers import Server, run_python, server_env

pytestmark = pytest.mark.slow

ROUNDS_SQLITE = 20
ROUNDS_POSTGRES = 8
WRITERS = 4
GROUPS = 20000
DATABASE_URL = os.environ.get("TEJIDO_DATABASE_URL", "")
ON_POSTGRES = DATABASE_URL.startswith(("postgres://", "postgresql://", "pgsql://"))
# A slow or busy machine stops the rounds early rather than running on: the test then reports
# how many rounds it did, and needs at least MIN_ROUNDS of them.
BUDGET_SECONDS = 200
MIN_ROUNDS = 15


class Writers:
    """Threads that join groups back to back, each with its own member's token and its own
    share of the groups, recording which joins the server acknowledged."""

    def __init__(self, port: int, setup: dict, cursors: list[int]) -> None:
        self.port = port
        self.setup = setup
        self.cursors = cursors
        self.acknowledged: set[tuple[int, str]] = set()
        self.unexpected: list[str] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self.write, args=(i,), daemon=True) for i in range(WRITERS)
        ]

    def write(self, index: int) -> None:
        writer = self.setup["writers"][index]
        slugs = self.setup["slugs"][index::WRITERS]
        headers = {"Authorization": f"Bearer {writer['token']}", "Content-Length": "0"}
        while not self.stop.is_set() and self.cursors[index] < len(slugs):
            slug = slugs[self.cursors[index]]
            # Each slug is tried once: in flight at the kill, it may or may not be there.
            self.cursors[index] += 1
            # Closed however the request ends: a socket left to the garbage collector when the
            # server is killed mid-request is an unraisable ResourceWarning, and fails the test.
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
            try:
                conn.request("POST", f"/api/v1/groups/{slug}/join", headers=headers)
                response = conn.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException):
                if self.stop.is_set():
                    return
                time.sleep(0.01)  # the server is gone or restarting: nothing was acknowledged
                continue
            finally:
                conn.close()
            if 200 <= response.status < 300:
                with self.lock:
                    self.acknowledged.add((writer["id"], slug))
            else:
                self.unexpected.append(f"{slug}: {response.status} {body[:200]!r}")

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def join(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=15)


def crash_rounds(
    *,
    rounds: int,
    env: dict[str, str],
    tmp_path: Path,
    present: Callable[[], set[tuple[int, str]]],
    intact: Callable[[], str],
    window: tuple[float, float] = (0.15, 0.6),
) -> dict[str, int]:
    began = time.monotonic()
    run_python(["manage.py", "migrate", "--noinput", "-v", "0"], env, timeout=180)
    setup_file = tmp_path / "setup.json"
    run_python(
        [
            "proof/crash_setup.py",
            str(setup_file),
            "--writers",
            str(WRITERS),
            "--groups",
            str(GROUPS),
        ],
        env,
    )
    setup = json.loads(setup_file.read_text())
    server = Server(env, workers=2, log=tmp_path / "gunicorn.log")
    rng = random.Random(20260101)  # noqa: S311 - when to kill, not a secret
    cursors = [0] * WRITERS
    acknowledged: set[tuple[int, str]] = set()
    stats = {"rounds": 0, "acknowledged": 0, "in_flight_kept": 0}
    try:
        for round_no in range(rounds):
            if time.monotonic() - began > BUDGET_SECONDS:
                break
            server.start()
            writers = Writers(server.port, setup, cursors)
            writers.start()
            # Let writes get going, then pull the plug at a random moment.
            time.sleep(rng.uniform(*window))
            server.kill()
            writers.join()
            assert not writers.unexpected, writers.unexpected[:5]
            assert intact() == "ok", f"round {round_no}: database damaged after SIGKILL"
            acknowledged |= writers.acknowledged
            rows = present()
            missing = acknowledged - rows
            assert not missing, (
                f"round {round_no}: {len(missing)} acknowledged writes lost, e.g. "
                f"{sorted(missing)[:5]}"
            )
            stats["rounds"] += 1
            stats["in_flight_kept"] = len(rows - acknowledged)
        stats["acknowledged"] = len(acknowledged)
    finally:
        server.kill()
    assert stats["rounds"] >= min(rounds, MIN_ROUNDS), f"only {stats['rounds']} rounds ran"
    assert stats["acknowledged"] > stats["rounds"], "the writers barely wrote: nothing was tested"
    return stats


@pytest.mark.skipif(ON_POSTGRES, reason="this run is on PostgreSQL: the PostgreSQL crash test runs")
def test_acknowledged_writes_survive_sigkill_on_sqlite(tmp_path: Path) -> None:
    database = tmp_path / "crash.sqlite3"
    env = server_env(sqlite_path=database)

    def present() -> set[tuple[int, str]]:
        with sqlite3.connect(database, timeout=30) as db:
            return set(
                db.execute(
                    "SELECT m.user_id, g.slug FROM groups_groupmembership m "
                    "JOIN groups_group g ON g.id = m.group_id"
                ).fetchall()
            )

    def intact() -> str:
        db = sqlite3.connect(database, timeout=30)
        try:
            return str(db.execute("PRAGMA integrity_check").fetchone()[0])
        finally:
            db.close()

    stats = crash_rounds(
        rounds=ROUNDS_SQLITE, env=env, tmp_path=tmp_path, present=present, intact=intact
    )
    print(f"\nSQLite crash test: {stats}")


@pytest.mark.skipif(not ON_POSTGRES, reason="TEJIDO_DATABASE_URL does not name PostgreSQL")
def test_acknowledged_writes_survive_sigkill_on_postgresql(tmp_path: Path) -> None:
    import psycopg

    parts = urlsplit(DATABASE_URL)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    crash_url = urlunsplit(parts._replace(path="/tejido_crash"))

    def admin(sql: str) -> None:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(sql)

    admin("DROP DATABASE IF EXISTS tejido_crash WITH (FORCE)")
    admin("CREATE DATABASE tejido_crash")
    env = server_env(database_url=crash_url)

    def present() -> set[tuple[int, str]]:
        with psycopg.connect(crash_url) as conn:
            rows = conn.execute(
                "SELECT m.user_id, g.slug FROM groups_groupmembership m "
                "JOIN groups_group g ON g.id = m.group_id"
            ).fetchall()
        return {(int(a), str(b)) for a, b in rows}

    def intact() -> str:
        # PostgreSQL recovers from its WAL; a query that reads every membership row and its
        # index is the check that it did.
        with psycopg.connect(crash_url) as conn:
            conn.execute("SELECT count(*) FROM groups_groupmembership").fetchone()
            conn.execute("SELECT count(*) FROM groups_group WHERE slug LIKE 'crash-%'").fetchone()
        return "ok"

    try:
        stats = crash_rounds(
            rounds=ROUNDS_POSTGRES,
            env=env,
            tmp_path=tmp_path,
            present=present,
            intact=intact,
            window=(0.8, 2.0),
        )
        print(f"\nPostgreSQL crash test: {stats}")
    finally:
        admin("DROP DATABASE IF EXISTS tejido_crash WITH (FORCE)")
