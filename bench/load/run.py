"""Load benchmark: Tejido's main pages and API against a floor Django project, same machine, same
gunicorn settings, same load driver (wrk).

    python bench/load/run.py --members 10000 --duration 30 --connections 16
    python bench/load/run.py --short          # a few seconds, small data: CI's smoke run

What it does, all on 127.0.0.1, in a temporary folder it removes afterwards:
1. a fresh SQLite database (migrate), filled by bench/generate.py with N members;
2. logged-in visitors: session cookies and API tokens of a sample of generated members
   (bench/load/prepare.py);
3. gunicorn serving Tejido (2 workers, DEBUG off) and gunicorn serving the floor project
   (bench/load/floor, one view returning small JSON, and its reference pages: the smallest
   signed-in Django pages), same settings;
4. the driver, wrk (bench/load/wrk_driver.py and driver.lua): `--connections` connections
   requesting back to back; first the floor alone, then its reference pages, then each
   endpoint alone (throughput and latency per endpoint, ratio to the floor), then a realistic
   mix of all of them; every phase lasts `--duration` seconds (whole seconds);
5. the resident memory of every worker (VmRSS) after the run.

Any answer other than 200 (a redirect to the login or the code of conduct included) or a
failed connection counts as an error. `--json FILE` writes the figures for tests;
`--write-docs` puts them into docs/performance.md. `--profile` also serves every endpoint, the
floor and its reference pages in-process (bench/load/inprocess.py) and prints their queries,
writes, time and Python function calls per request: a count that does not drift with the
machine's load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from wrk_driver import drive, require_wrk

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
DOCS = ROOT / "docs" / "performance.md"
START_MARK = "<!-- figures:start -->"
END_MARK = "<!-- figures:end -->"

# Goals at 10,000 members (issue 14, docs/performance.md): p99, memory per worker, and below
# each endpoint's throughput as a share of the floor project's rendered reference page.
GOAL_P99_MS = 250
GOAL_RSS_MB = 200

# name: (kind, path template, weight in the mix). {member} and {group} are filled per request
# from what the visiting member may see.
ENDPOINTS: dict[str, tuple[str, str, int]] = {
    "home": ("page", "/", 20),
    "members": ("page", "/members/", 12),
    "member": ("page", "/members/{member}/", 15),
    "groups": ("page", "/groups/", 10),
    "group": ("page", "/groups/{group}/", 15),
    "notifications": ("page", "/notifications/", 8),
    "api_members": ("api", "/api/v1/members", 7),
    "api_groups": ("api", "/api/v1/groups", 7),
    "api_me": ("api", "/api/v1/me", 6),
    "events": ("page", "/events/", 10),
    "event": ("page", "/events/{occurrence}/", 12),
    "rsvp": ("api_post", "/api/v1/occurrences/{occurrence}/rsvp", 4),
    "aid_board": ("page", "/aid/", 6),
    "aid_request": ("page", "/aid/requests/{aid_request}/", 6),
    "directory": ("page", "/directory/?q={term}", 6),
    "circles": ("page", "/support/circles/", 4),
    "circle": ("page", "/support/circles/{circle}/", 4),
}
# Each endpoint's throughput goal as a share of the floor project's rendered reference page
# (the RSVP is a write); "mix" is the weighted mix of them all.
GOAL_RENDERED = {
    **dict.fromkeys(ENDPOINTS, 0.6),
    "home": 1.0,
    "notifications": 1.0,
    "api_me": 1.0,
    "rsvp": 0.5,
    "mix": 0.8,
}
# The drift-free companions of --profile: Python calls per request as a multiple of the
# rendered reference page's, at most this for these pages.
GOAL_CALLS = {"members": 1.5, "group": 1.5}


# ---------------------------------------------------------------------------------------------
# servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def child_pids(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Gunicorn:
    """One gunicorn master with its workers, on 127.0.0.1 only."""

    def __init__(
        self, name: str, app: str, *, env: dict[str, str], cwd: Path, workers: int, log: Path
    ) -> None:
        self.name = name
        self.port = free_port()
        self.log = log
        args = [
            PYTHON,
            "-m",
            "gunicorn",
            app,
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--backlog",
            "256",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ]
        self._log_file = log.open("ab")
        self.proc = subprocess.Popen(
            args, cwd=cwd, env=env, stdout=self._log_file, stderr=subprocess.STDOUT
        )

    def wait_ready(self, path: str = "/", timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited: see {self.log}\n{self.log.read_text()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", path)
                conn.getresponse().read()
                conn.close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not start within {timeout} s")

    def workers(self) -> list[int]:
        return child_pids(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log_file.close()


# ---------------------------------------------------------------------------------------------
# what the driver requests (bench/load/wrk.py drives)

FLOOR = [{"kind": "plain", "template": "/", "weight": 1}]
# What fills each {name} of an address when a visitor has none of them (the request then
# fails and counts as an error, which a correct setup never shows).
PLACEHOLDERS = {
    "members": [0],
    "groups": ["none"],
    "occurrences": [0],
    "aid_requests": [0],
    "terms": ["none"],
    "circles": [0],
}
NOBODY = [{"session": "", "token": "", **PLACEHOLDERS}]

# The floor project's reference pages (bench/load/floor/floorsite/reference.py): what plain
# Django reaches, signed in, before any of Tejido's own work.
REFERENCE = {  # name: (address, what it does)
    "signed_in": ("/reference/signed-in", "the session and the user only"),
    "listed": ("/reference/listed", "with one query of 20 people"),
    "rendered": ("/reference/rendered", "those people in a small template"),
}


def endpoints(names: list[str]) -> list[dict[str, Any]]:
    return [
        {"kind": ENDPOINTS[n][0], "template": ENDPOINTS[n][1], "weight": ENDPOINTS[n][2]}
        for n in names
    ]


def visitors(viewers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The prepared visitors as the driver needs them: something to fill every address with."""
    return [
        {
            "session": v["session"],
            "token": v["token"],
            **{name: v.get(name) or empty for name, empty in PLACEHOLDERS.items()},
        }
        for v in viewers
    ]


# ---------------------------------------------------------------------------------------------
# the run


def tejido_env(tmp: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEJIDO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "TEJIDO_DEBUG": "0",
            "TEJIDO_SQLITE_PATH": str(tmp / "bench.sqlite3"),
            "TEJIDO_LOG_LEVEL": "WARNING",
            "TEJIDO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONPATH": str(ROOT),
            "PYTHONWARNINGS": "ignore",
        }
    )
    if database_url:
        env["TEJIDO_DATABASE_URL"] = database_url
    return env


def run_step(args: list[str], env: dict[str, str], what: str, *, cwd: Path = ROOT) -> str:
    began = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"{what} failed (exit {done.returncode})")
    print(f"  {what}: {time.perf_counter() - began:.1f} s", flush=True)
    return done.stdout


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gb = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem_gb:.0f} GiB, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}"
    )


def floor_environment(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEJIDO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "floorsite.settings",
            "FLOOR_DATABASE": str(tmp / "floor.sqlite3"),
            "PYTHONWARNINGS": "ignore",
        }
    )
    env.pop("PYTHONPATH", None)
    return env


def reference_session(tmp: Path) -> str:
    """Fills the reference pages' database; the session key of their signed-in viewer."""
    out = run_step(
        [PYTHON, "-m", "floorsite.reference_data"],
        floor_environment(tmp),
        "prepare reference pages",
        cwd=HERE / "floor",
    )
    return out.strip().splitlines()[-1]


@contextmanager
def servers(env: dict[str, str], tmp: Path, workers: int) -> Iterator[tuple[Gunicorn, Gunicorn]]:
    floor_env = floor_environment(tmp)
    app = Gunicorn(
        "tejido",
        "config.wsgi:application",
        env=env,
        cwd=ROOT,
        workers=workers,
        log=tmp / "tejido-gunicorn.log",
    )
    floor = Gunicorn(
        "floor",
        "floorsite.wsgi:application",
        env=floor_env,
        cwd=HERE / "floor",
        workers=workers,
        log=tmp / "floor-gunicorn.log",
    )
    try:
        app.wait_ready("/about/")
        floor.wait_ready("/")
        yield app, floor
    finally:
        app.stop()
        floor.stop()


def check_every_endpoint(port: int, viewers: list[dict[str, Any]]) -> dict[str, str]:
    """One request per endpoint before measuring: a wrong setup fails loudly here."""
    problems = {}
    viewer = visitors(viewers)[0]
    for name, (kind, template, _weight) in ENDPOINTS.items():
        path = template.format(**{name[:-1]: viewer[name][0] for name in PLACEHOLDERS})
        body = None
        if kind in ("api", "api_post"):
            headers = {"Authorization": f"Bearer {viewer['token']}"}
        else:
            headers = {"Cookie": f"sessionid={viewer['session']}"}
        if kind == "api_post":
            headers["Content-Type"] = "application/json"
            body = json.dumps({"answer": "maybe"})
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request("POST" if body else "GET", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                problems[name] = f"{path} -> {response.status} {response.getheader('Location', '')}"
        except (OSError, http.client.HTTPException) as error:
            problems[name] = f"{path} -> {error!r}"
        finally:
            conn.close()
    return problems


def print_table(rows: dict[str, dict[str, Any]], floor_rps: float, rendered_rps: float) -> None:
    """Each row's throughput as a share of the floor and of the rendered reference page, and
    the verdict on the endpoint's own goal where it has one (GOAL_RENDERED)."""
    header = (
        f"{'endpoint':<15}{'req/s':>9}{'ratio':>8}{'x rend.':>8}{'p50 ms':>9}{'p95 ms':>9}"
        f"{'p99 ms':>9}{'errors':>8}{'err %':>7}  goal"
    )
    print(header)
    print("-" * len(header))
    for name, row in rows.items():
        ratio = row["rps"] / floor_rps if floor_rps else float("nan")
        rendered = row["rps"] / rendered_rps if rendered_rps else float("nan")
        print(
            f"{name:<15}{row['rps']:>9.1f}{ratio:>8.2f}{rendered:>8.2f}{row['p50_ms']:>9.1f}"
            f"{row['p95_ms']:>9.1f}{row['p99_ms']:>9.1f}{row['errors']:>8}"
            f"{row['error_rate'] * 100:>7.1f}  {rendered_goal(name, row, rendered_rps)}"
        )


def goal_verdict(name: str, row: dict[str, Any], rendered_rps: float) -> dict[str, Any] | None:
    """The row's share of the rendered reference against its goal (GOAL_RENDERED), its p99 and
    its errors, each met or not; None for a row without a goal (the reference pages)."""
    goal = GOAL_RENDERED.get(name)
    if goal is None or not rendered_rps:
        return None
    share = row["rps"] / rendered_rps
    return {
        "ratio_to_rendered": round(share, 3),
        "goal": goal,
        "throughput_met": share >= goal,
        "p99_met": row["p99_ms"] < GOAL_P99_MS,
        "errors_met": row["errors"] == 0,
    }


def rendered_goal(name: str, row: dict[str, Any], rendered_rps: float) -> str:
    """The verdict of goal_verdict in words; "" for a row without a goal."""
    verdict = goal_verdict(name, row, rendered_rps)
    if verdict is None:
        return ""
    checks = (
        (f">= {verdict['goal']:g} x rendered", verdict["throughput_met"]),
        (f"p99 < {GOAL_P99_MS} ms", verdict["p99_met"]),
        ("no errors", verdict["errors_met"]),
    )
    return "; ".join(f"{what} {'met' if ok else 'MISSED'}" for what, ok in checks)


def profile(
    env: dict[str, str], viewers: list[dict[str, Any]], reference_viewer: str, tmp: Path
) -> list[dict[str, Any]]:
    """Every endpoint, the floor and its reference pages, served in-process
    (bench/load/inprocess.py): queries, time and Python function calls per request. Prints a
    table and returns its rows."""
    viewers_file = tmp / "viewers-profile.json"
    viewers_file.write_text(json.dumps(viewers[:1]))
    script = str(HERE / "inprocess.py")
    out = run_step(
        [PYTHON, script, "--floor", reference_viewer], floor_environment(tmp), "in-process: floor"
    )
    out += run_step([PYTHON, script, str(viewers_file)], env, "in-process: tejido")
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    floor_calls = rows[0]["calls"]
    rendered_calls = next((r["calls"] for r in rows if r["endpoint"] == "rendered"), 0)
    print(
        f"\n{'in-process':<15}{'status':>7}{'queries':>9}{'ms':>8}{'calls':>9}{'x floor':>9}"
        f"{'x rend.':>9}  goal"
    )
    for row in rows:
        row["calls_to_rendered"] = row["calls"] / rendered_calls if rendered_calls else None
        print(
            f"{row['endpoint']:<15}{row['status']:>7}{row['queries']:>9}"
            f"{row['ms']:>8.2f}{row['calls']:>9}"
            f"{row['calls'] / floor_calls:>9.1f}{row['calls_to_rendered'] or 0:>9.2f}"
            f"  {calls_goal(row)}"
        )
        for write in row["writes"]:
            print(f"      write: {write[:160]}")
    return rows


def calls_goal(row: dict[str, Any]) -> str:
    """Met or missed against the endpoint's calls goal (GOAL_CALLS); "" without one."""
    goal = GOAL_CALLS.get(row["endpoint"])
    if goal is None or row.get("calls_to_rendered") is None:
        return ""
    return f"<= {goal:g} x rendered calls {'met' if row['calls_to_rendered'] <= goal else 'MISSED'}"


def write_docs(report: dict[str, Any]) -> None:
    floor_rps = report["floor"]["rps"] or float("nan")
    lines = [
        START_MARK,
        f"Measured {report['date']} on {report['machine']} (load average before the run "
        f"{report['load_average_before']}, after {report['load_average_after']}: the machine is "
        "shared, so read the ratios rather than the absolute figures).",
        "",
        f"{report['members']} generated members; {report['connections']} connections; "
        f"{report['duration']:g} s per phase; gunicorn, {report['workers']} sync workers each, "
        "DEBUG off; SQLite (WAL).",
        "",
        f"Floor (startproject, one JSON view): **{report['floor']['rps']:.0f} req/s**, "
        f"p99 {report['floor']['p99_ms']:.0f} ms.",
        "",
        "Plain Django, signed in, on the same server (the floor project's reference pages, "
        "`bench/load/floor/floorsite/reference.py`): "
        + "; ".join(
            f"{REFERENCE[name][1]} **{row['rps']:.0f} req/s ({row['rps'] / floor_rps:.2f})**"
            for name, row in report["reference"].items()
        )
        + ".",
        "",
        "| endpoint | req/s | ratio to floor | ratio to rendered | p50 ms | p95 ms | p99 ms | "
        "errors | goals |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    rendered_rps = report["reference"]["rendered"]["rps"]
    for name, row in report["alone"].items():
        ratio = row["rps"] / report["floor"]["rps"] if report["floor"]["rps"] else 0
        verdict = rendered_goal(name, row, rendered_rps)
        lines.append(
            f"| {name} | {row['rps']:.0f} | {ratio:.2f} | {row['rps'] / rendered_rps:.2f} | "
            f"{row['p50_ms']:.0f} | {row['p95_ms']:.0f} | {row['p99_ms']:.0f} | "
            f"{row['errors']} | {verdict} |"
        )
    mix = report["mix_total"]
    lines += [
        "",
        f"Realistic mix of all of them: **{mix['rps']:.0f} req/s** "
        f"({mix['rps'] / report['floor']['rps']:.2f} of the floor, "
        f"{mix['rps'] / rendered_rps:.2f} of the rendered page), p50 {mix['p50_ms']:.0f} ms, "
        f"p95 {mix['p95_ms']:.0f} ms, p99 {mix['p99_ms']:.0f} ms, {mix['errors']} errors: "
        f"{rendered_goal('mix', mix, rendered_rps)}.",
        "",
        "Resident memory per worker after the run (VmRSS): "
        + ", ".join(f"{mb:.0f} MB" for mb in report["rss_mb"]["tejido"])
        + f" (floor: {', '.join(f'{mb:.0f} MB' for mb in report['rss_mb']['floor'])}).",
        "Memory goal (at most "
        + f"{GOAL_RSS_MB} MB per worker): "
        + ("met." if max(report["rss_mb"]["tejido"] or [0]) <= GOAL_RSS_MB else "**missed**."),
        END_MARK,
    ]
    block = "\n".join(lines)
    text = DOCS.read_text() if DOCS.exists() else f"# Performance\n\n{START_MARK}\n{END_MARK}\n"
    if START_MARK in text and END_MARK in text:
        head, rest = text.split(START_MARK, 1)
        _old, tail = rest.split(END_MARK, 1)
        text = head + block + tail
    else:
        text += "\n" + block + "\n"
    DOCS.write_text(text)
    print(f"wrote {DOCS.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--members", type=int, default=10000)
    parser.add_argument(
        "--services", type=int, default=2000, help="directory services (100000 for issue 12)"
    )
    parser.add_argument("--duration", type=float, default=30, help="seconds per phase")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--viewers", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--short", action="store_true", help="CI smoke run: small, seconds")
    parser.add_argument("--only", default="", help="comma-separated endpoints to measure alone")
    parser.add_argument("--no-alone", action="store_true", help="only the floor and the mix")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also serve every endpoint, the floor and its reference pages in-process:\n"
        "queries, time, Python calls",
    )
    parser.add_argument("--json", default="", help="write the figures to this file")
    parser.add_argument("--write-docs", action="store_true", help="update docs/performance.md")
    parser.add_argument("--database-url", default="", help="PostgreSQL instead of SQLite")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--docs-from", default="", metavar="FILE", help="rewrite the docs from a --json file"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="what-if: override a setting (a Python literal) for Tejido, e.g.\n"
        "--set USERSESSIONS_TRACK_ACTIVITY=False; never used for the published figures",
    )
    args = parser.parse_args(argv)
    if args.docs_from:
        write_docs(json.loads(Path(args.docs_from).read_text()))
        return 0
    if args.short:
        args.members, args.duration, args.connections, args.viewers = 60, 1.5, 4, 8
        args.services = 50

    require_wrk()
    tmp = Path(tempfile.mkdtemp(prefix="tejido-load-"))
    load_before = load_average()
    print(
        f"load benchmark: {args.members} members, {args.connections} connections, "
        f"{args.duration:g} s per phase; load average {load_before}; work folder {tmp}",
        flush=True,
    )
    env = tejido_env(tmp, args.database_url or None)
    if args.set:
        overrides = "\n".join(args.set)
        (tmp / "whatif_settings.py").write_text(
            f"from config.settings import *  # noqa\n{overrides}\n"
        )
        env["DJANGO_SETTINGS_MODULE"] = "whatif_settings"
        env["PYTHONPATH"] = f"{ROOT}:{tmp}"
        print(f"  what-if settings: {', '.join(args.set)}")
    try:
        run_step([PYTHON, "manage.py", "migrate", "--noinput", "-v", "0"], env, "migrate")
        run_step(
            [
                PYTHON,
                "bench/generate.py",
                *("--members", str(args.members), "--seed", str(args.seed)),
                *("--services", str(args.services)),
            ],
            env,
            "generate",
        )
        viewers_file = tmp / "viewers.json"
        run_step(
            [
                PYTHON,
                str(HERE / "prepare.py"),
                "--viewers",
                str(args.viewers),
                "--out",
                str(viewers_file),
            ],
            env,
            "prepare visitors",
        )
        viewers = json.loads(viewers_file.read_text())["viewers"]
        reference_key = reference_session(tmp)
        reference_viewer = [{**NOBODY[0], "session": reference_key}]
        in_process = profile(env, viewers, reference_key, tmp) if args.profile else []
        with servers(env, tmp, args.workers) as (app, floor):
            problems = check_every_endpoint(app.port, viewers)
            for name, problem in problems.items():
                print(f"  setup check: {name}: {problem}")
            mix = endpoints(list(ENDPOINTS))
            people = visitors(viewers)

            def phase(
                port: int,
                which: list[dict[str, Any]],
                who: list[dict[str, Any]],
                *,
                duration: float = args.duration,
                connections: int = args.connections,
                seed: int = args.seed,
            ) -> dict[str, Any]:
                return drive(
                    port,
                    which,
                    who,
                    duration=duration,
                    connections=connections,
                    seed=seed,
                    workdir=tmp,
                )

            # Warm both up: imports, template loading, connections.
            phase(floor.port, FLOOR, NOBODY, duration=min(2, args.duration), connections=2)
            phase(app.port, mix, people, duration=min(3, args.duration), connections=2)

            floor_run = phase(floor.port, FLOOR, NOBODY)
            reference = {
                name: phase(
                    floor.port, [{"kind": "page", "template": path, "weight": 1}], reference_viewer
                )
                for name, (path, _what) in REFERENCE.items()
            }
            alone: dict[str, dict[str, Any]] = {}
            names = [n for n in args.only.split(",") if n] or list(ENDPOINTS)
            if not args.no_alone:
                for name in names:
                    alone[name] = phase(app.port, endpoints([name]), people)
            mix_total = phase(app.port, mix, people)
            rss = {
                "tejido": [rss_mb(p) for p in app.workers()],
                "floor": [rss_mb(p) for p in floor.workers()],
            }

        print()
        print(
            f"floor: {floor_run['rps']:.1f} req/s, p50 {floor_run['p50_ms']:.1f} ms, "
            f"p99 {floor_run['p99_ms']:.1f} ms, {floor_run['errors']} errors"
        )
        print("\nplain Django, signed in (the floor project's reference pages):")
        rendered_rps = reference["rendered"]["rps"]
        print_table(reference, floor_run["rps"], rendered_rps)
        if alone:
            print("\neach endpoint alone:")
            print_table(alone, floor_run["rps"], rendered_rps)
        print("\nthe mix (every endpoint, weighted as in ENDPOINTS):")
        print_table({"mix": mix_total}, floor_run["rps"], rendered_rps)
        print(
            "\nresident memory per worker: tejido "
            + ", ".join(f"{mb:.0f} MB" for mb in rss["tejido"])
            + "; floor "
            + ", ".join(f"{mb:.0f} MB" for mb in rss["floor"])
        )
        errors = sum(r["errors"] for r in [*alone.values(), *reference.values()]) + (
            mix_total["errors"] + floor_run["errors"]
        )
        report = {
            "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine(),
            "load_average_before": load_before,
            "load_average_after": load_average(),
            "members": args.members,
            "database": "postgresql" if args.database_url else "sqlite",
            "connections": args.connections,
            "duration": args.duration,
            "workers": args.workers,
            "floor": floor_run,
            "reference": reference,
            "alone": alone,
            "mix_total": mix_total,
            "rss_mb": rss,
            "goals": {
                name: goal_verdict(name, row, rendered_rps)
                for name, row in {**alone, "mix": mix_total}.items()
            },
            "setup_problems": problems,
            "errors": errors,
            "in_process": in_process,
        }
        if args.json:
            Path(args.json).write_text(json.dumps(report, indent=2))
        if args.write_docs:
            write_docs(report)
        print(f"\n{errors} errors")
        return 0
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
