"""The directory's search at scale, in process: the selector the search page calls
(tejido.directory.selectors.list_services: the search, the filters, the page of cards and its
count) for typical queries of a visitor without an account and of a member, against a
directory of 100,000 services (bench/generate_directory.py).

    .venv/bin/python bench/directory_search.py                       # SQLite, 100,000 services
    TEJIDO_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python bench/directory_search.py --services 20000
    .venv/bin/python bench/directory_search.py --db var/search.sqlite3 --keep   # reuse it

It prints each query's median and the p50, p95 and worst of all timed calls; the goal is a
p95 of at most 30 ms. On PostgreSQL the database named in the URL is emptied first, and
ANALYZE runs after generating (tejido.core.statistics).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOAL_P95_MS = 30.0

# (label, query, filters): what members type, with and without filters.
QUERIES: tuple[tuple[str, str, dict[str, Any]], ...] = (
    ("one word", "vivienda", {}),
    ("no accents", "asesoria juridica", {}),
    ("a plural", "clinicas", {}),
    ("a prefix", "aliment", {}),
    ("two languages", "housing", {}),
    ("rare words", "castellano 4711", {}),
    ("nothing found", "zzzyx", {}),
    ("open now", "atencion", {"open_now": True}),
    ("free", "empleo", {"cost": "free"}),
    ("a category", "", {"category": "health"}),
    ("browse", "", {}),
)


def _database(args: argparse.Namespace) -> None:
    """Point Django at the benchmark's database before it starts."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["TEJIDO_DEBUG"] = "0"
    os.environ["TEJIDO_LOG_LEVEL"] = "WARNING"
    if not os.environ.get("TEJIDO_DATABASE_URL"):
        path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "search.sqlite3"
        os.environ["TEJIDO_SQLITE_PATH"] = str(path)
    sys.path.insert(0, str(ROOT))


def _fill(services: int, seed: int) -> float:
    from django.core.management import call_command

    from bench.generate import generate
    from tejido.core.statistics import analyze_database
    from tejido.directory.models import Service

    call_command("migrate", verbosity=0)
    if Service.objects.exists():
        return 0.0
    started = time.perf_counter()
    generate(members=200, seed=seed, services=services, aid_requests=0, aid_offers=0, events=0)
    analyze_database()
    return time.perf_counter() - started


def _time(call: Any, repeat: int) -> list[float]:
    call()  # the first call warms the caches; it is not counted
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=20, help="timed calls per query and viewer")
    parser.add_argument("--db", help="an SQLite file to fill (or reuse, with --keep)")
    parser.add_argument("--keep", action="store_true", help="reuse the --db file if it is full")
    args = parser.parse_args(argv)
    if args.db and not args.keep and Path(args.db).exists():
        Path(args.db).unlink()
    _database(args)
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from tejido.accounts.models import User
    from tejido.directory.models import CATEGORIES_ID, Service, TaxonomyTerm
    from tejido.directory.selectors import ServiceFilters, list_services

    seconds = _fill(args.services, args.seed)
    total = Service.objects.count()
    print(
        f"{connection.vendor}: {total:,} services"
        + (f", made in {seconds:.0f} s" if seconds else "")
    )
    member = User.objects.filter(state=User.State.MEMBER).order_by("pk").first()
    health = TaxonomyTerm.objects.get(taxonomy_detail=CATEGORIES_ID, code="health").pk
    rng = random.Random(args.seed)
    everything: list[float] = []
    print(f"{'query':<16} {'viewer':<8} {'found':>7} {'median ms':>10}")
    for label, query, extra in QUERIES:
        if "category" in extra:
            extra = {**extra, "category": health}
        filters = ServiceFilters(q=query, **extra)
        for name, viewer in (("visitor", AnonymousUser()), ("member", member)):
            page = rng.randint(1, 3) if not query else 1
            found = list_services(viewer=viewer, filters=filters, page=page).count
            timings = _time(
                lambda v=viewer, f=filters, p=page: list_services(viewer=v, filters=f, page=p),
                args.repeat,
            )
            everything += timings
            print(f"{label:<16} {name:<8} {found or 0:>7} {statistics.median(timings):>10.1f}")
    ordered = sorted(everything)
    p95 = ordered[max(0, round(len(ordered) * 0.95) - 1)]
    print(
        f"\nall {len(ordered)} calls: p50 {statistics.median(ordered):.1f} ms, "
        f"p95 {p95:.1f} ms, worst {ordered[-1]:.1f} ms"
    )
    print(f"goal p95 <= {GOAL_P95_MS:.0f} ms: {'met' if p95 <= GOAL_P95_MS else 'missed'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
