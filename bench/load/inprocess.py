"""Each endpoint served in-process through Django's WSGI handler, without a server: its SQL
queries and writes, its time, and how many Python function calls one request makes.

Run by `bench/load/run.py --profile` with the benchmark's environment, or by hand:
    python bench/load/inprocess.py viewers.json        # Tejido (DJANGO_SETTINGS_MODULE set)
    python bench/load/inprocess.py --floor [SESSION]   # the floor project, and with the session
                                                       # key of its reference viewer, its
                                                       # reference pages (FLOOR_DATABASE set)

The call count (from cProfile) is the same on every run of the same code and data, however
busy the machine is, so it shows what a change saves where timings on a shared machine drift.
It counts Python's work only (SQLite's own work and C code are not calls), which is where
Tejido's time goes (docs/performance.md). Prints one JSON object per endpoint.
"""

import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WARM = 5
TIMED = 40
PROFILED = 10
WRITES = ("INSERT", "UPDATE", "DELETE", "BEGIN IMMEDIATE", "SAVEPOINT")


def serve(app: Any, environ: dict[str, Any]) -> str:
    """One request through the handler; its status line."""
    statuses: list[str] = []

    def start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
        statuses.append(status)
        return lambda data: None

    b"".join(app({**environ, "wsgi.input": io.BytesIO(b"")}, start_response))
    return statuses[0]


def measure(app: Any, environ: dict[str, Any]) -> dict[str, Any]:
    """Status, time and calls of one request, repeated."""
    for _ in range(WARM):
        status = serve(app, environ)
    began = time.perf_counter()
    for _ in range(TIMED):
        serve(app, environ)
    ms = (time.perf_counter() - began) / TIMED * 1000
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(PROFILED):
        serve(app, environ)
    profiler.disable()
    calls = pstats.Stats(profiler).total_calls / PROFILED  # type: ignore[attr-defined]
    return {"status": status.split()[0], "ms": round(ms, 2), "calls": round(calls)}


def base_environ(path: str, headers: dict[str, str]) -> dict[str, Any]:
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        **headers,
    }


def report(app: Any, endpoint: str, environ: dict[str, Any]) -> None:
    """Prints one endpoint's figures as a JSON line."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    row = measure(app, environ)
    # Queries once warm: what every request asks, not what the first one fills caches with.
    with CaptureQueriesContext(connection) as captured:
        serve(app, environ)
    queries = captured.captured_queries
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    print(
        json.dumps(
            {
                "endpoint": endpoint,
                "path": environ["PATH_INFO"],
                "queries": len(queries),
                "writes": writes,
                **row,
            }
        )
    )


def floor(session: str | None) -> None:
    sys.path.insert(0, str(HERE / "floor"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "floorsite.settings"
    import django
    from django.core.handlers.wsgi import WSGIHandler

    django.setup()
    from run import REFERENCE

    app = WSGIHandler()
    report(app, "floor", base_environ("/", {}))
    if session is None:
        return
    for name, (path, _what) in REFERENCE.items():
        report(app, name, base_environ(path, {"HTTP_COOKIE": f"sessionid={session}"}))


def tejido(viewers_file: str) -> None:
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from run import ENDPOINTS, PLACEHOLDERS

    app = WSGIHandler()
    viewer = json.loads(Path(viewers_file).read_text())[0]
    for name, (kind, template, _weight) in ENDPOINTS.items():
        path = template.format(
            **{name[:-1]: (viewer.get(name) or empty)[0] for name, empty in PLACEHOLDERS.items()}
        )
        if kind == "api_post":
            continue  # a write: measured under load only
        if kind == "api":
            headers = {"HTTP_AUTHORIZATION": f"Bearer {viewer['token']}"}
        else:
            headers = {"HTTP_COOKIE": f"sessionid={viewer['session']}"}
        report(app, name, base_environ(path, headers))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--floor"]:
        floor(sys.argv[2] if len(sys.argv) > 2 else None)
    else:
        tejido(sys.argv[1])
