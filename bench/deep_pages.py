"""Deep pages of the members list, in process: page 1 and page 400 of the members list (the
selector the page calls, and the whole page rendered for a signed-in member) and of the API's
members list, on a generated network (bench/generate.py; 10,000 members by default, 400 pages
of 25), on SQLite or on PostgreSQL (TEJIDO_DATABASE_URL).

    .venv/bin/python bench/deep_pages.py                               # SQLite, 10,000 members
    TEJIDO_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python bench/deep_pages.py
    .venv/bin/python bench/deep_pages.py --db var/deep.sqlite3 --keep  # reuse a network

Page 400 is reached as a member reaches it, by following the "Next page" links, and also by
its number alone (`?page=400`, a link typed or kept from elsewhere). Each figure is the median
of `--repeat` calls after one that warms the caches; the goal is page 400 within 20 % of page
1. On PostgreSQL the generated network in the database named in the URL is replaced, and
ANALYZE runs after generating (tejido.core.statistics).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
GOAL_RATIO = 1.2
DEEP_PAGE = 400
NEXT_LINK = re.compile(r'<a [^>]*href="([^"]*)"[^>]*rel="next"')


def _database(args: argparse.Namespace) -> None:
    """Point Django at the benchmark's database before it starts."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["TEJIDO_DEBUG"] = "0"
    os.environ["TEJIDO_LOG_LEVEL"] = "WARNING"
    if not os.environ.get("TEJIDO_DATABASE_URL"):
        path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "deep.sqlite3"
        os.environ["TEJIDO_SQLITE_PATH"] = str(path)
    sys.path.insert(0, str(ROOT))


def _fill(members: int, seed: int, keep: bool) -> float:
    from django.core.management import call_command

    from bench.generate import BENCH_DOMAIN, generate
    from tejido.accounts.models import User
    from tejido.core.statistics import analyze_database

    call_command("migrate", verbosity=0)
    have = User.objects.filter(email__endswith=f"@{BENCH_DOMAIN}", state=User.State.MEMBER)
    if keep and have.count() == members:
        return 0.0
    started = time.perf_counter()
    # The members list reads members, profiles and blocks; the rest of the network is kept
    # small so that generating stays quick.
    generate(
        members=members,
        seed=seed,
        replace=True,
        events=0,
        rsvps=0,
        aid_requests=0,
        aid_offers=0,
        circles=0,
    )
    analyze_database()
    return time.perf_counter() - started


def _median_ms(call: Callable[[], Any], repeat: int) -> float:
    call()  # warms the caches; not counted
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def _deep_address(client: Any, pages: int) -> str:
    """The address of page `pages`, by following "Next page" from the first."""
    address = "/members/"
    for _ in range(pages - 1):
        response = client.get(address)
        found = NEXT_LINK.search(response.content.decode())
        if found is None:
            raise SystemExit(f"the members list has no page after {address}")
        address = "/members/" + unescape(found.group(1))
    return address


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30, help="timed calls per figure")
    parser.add_argument("--db", help="an SQLite file to fill (or reuse, with --keep)")
    parser.add_argument("--keep", action="store_true", help="reuse a network of this size")
    args = parser.parse_args(argv)
    if args.db and not args.keep and Path(args.db).exists():
        Path(args.db).unlink()
    _database(args)
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from tejido.accounts.models import Block, User
    from tejido.accounts.selectors import MEMBERS_PER_PAGE, list_member_page, list_members
    from tejido.accounts.tokens import create_token

    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    seconds = _fill(args.members, args.seed, args.keep)
    # A member in no block: they see everyone, so the list has members / 25 pages.
    in_blocks = Block.objects.values("blocker").union(Block.objects.values("blocked"))
    viewer = (
        User.objects.filter(state=User.State.MEMBER, is_organiser=False)
        .exclude(pk__in=in_blocks)
        .order_by("pk")
        .first()
    )
    assert viewer is not None
    first, _cards = list_member_page(viewer=viewer, page=1)
    pages = first.num_pages or 1
    deep = min(DEEP_PAGE, pages)
    print(
        f"{connection.vendor}: {args.members:,} members, {pages} pages of {MEMBERS_PER_PAGE}"
        + (f", made in {seconds:.0f} s" if seconds else "")
        + f"; load average {' '.join(f'{n:.1f}' for n in os.getloadavg())}"
    )
    client = Client()
    client.force_login(viewer)
    _token, plaintext = create_token(actor=viewer, name="deep pages")
    api = Client(headers={"Authorization": f"Bearer {plaintext}"})
    followed = _deep_address(client, deep)
    after = parse_qs(urlsplit(followed).query).get("after", [""])[0]
    api_limit = 20
    api_offset = (deep - 1) * api_limit
    api_deep = f"/api/v1/members?limit={api_limit}&offset={api_offset}"
    api_after = list_members(viewer=viewer)[api_offset - 1].pk

    def selector(page: Any, after: str | None = None) -> Callable[[], Any]:
        return lambda: list_member_page(viewer=viewer, page=page, after=after)

    def get(who: Any, address: str) -> Callable[[], Any]:
        def call() -> None:
            response = who.get(address)
            assert response.status_code == 200, (address, response.status_code)

        return call

    first_page = get(client, "/members/")
    first_api = get(api, f"/api/v1/members?limit={api_limit}")
    # (label, page 1, page `deep`, held to the goal): the links a member follows and the
    # API's `after` are; a page by its number alone, or the API by `offset` alone, count
    # their way there and are shown for comparison.
    rows = [
        ("selector, link", selector(1), selector(deep, after), True),
        ("selector, number", selector(1), selector(deep), False),
        ("page, link", first_page, get(client, followed), True),
        ("page, number", first_page, get(client, f"/members/?page={deep}"), False),
        ("API, after", first_api, get(api, f"{api_deep}&after={api_after}"), True),
        ("API, offset", first_api, get(api, api_deep), False),
    ]
    print(f"{'':<18} {'page 1 ms':>10} {f'page {deep} ms':>12} {'ratio':>7}")
    met = True
    for label, shallow, deep_call, held in rows:
        one = _median_ms(shallow, args.repeat)
        far = _median_ms(deep_call, args.repeat)
        ratio = far / one
        if held:
            met &= ratio <= GOAL_RATIO
        shown = "" if held else "  (shown)"
        print(f"{label:<18} {one:>10.2f} {far:>12.2f} {ratio:>7.2f}{shown}")
    goal = f"page {deep} by its link within {GOAL_RATIO - 1:.0%} of page 1"
    print(f"{goal}: {'met' if met else 'missed'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
