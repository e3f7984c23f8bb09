"""The aid board's matching at scale: the top 5 offers for every open request (top_helps) and
the top 5 requests for every open offer (top_needs), 20,000 of each, on one core.

    .venv/bin/python bench/matching.py                      # 20,000 and 20,000, seed 1
    .venv/bin/python bench/matching.py --needs 2000 --helps 500 --repeat 1

Each direction runs in a child process of its own, pinned to one CPU with numpy's thread pools
set to one thread, that generates the same seeded data and then times the call (best and median
of --repeat runs). Memory is the child's peak resident set (ru_maxrss): the interpreter, numpy,
the generated requests and offers and the call together; the figure before the call is shown
beside it. The goals are at most 2 s and 500 MB per direction.

The data: 12 categories with uneven shares (more people ask for food and housing than offer
them; offers of company and tech help are plentiful), 60 areas in a city and the towns around
it (a few with neighbours only, no coordinates), 10,000 members of whom some ask, some offer
and some block each other, one to three languages each, time windows over the next two weeks
(a quarter free at any time), urgencies and requests opened over the last weeks.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
# One thread in numpy's pools: set before numpy is first imported (in measure), here and in the
# children, which inherit the environment.
for _pool in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_pool] = "1"

if TYPE_CHECKING:
    from tejido.aid.matching import Geography, Help, Match, Need

GOAL_SECONDS = 2.0
GOAL_MB = 500.0
NOW = 1_800_000_000  # a fixed moment (January 2027), so the same seed gives the same data
HOUR = 3600
DAY = 86_400

# (category, share of requests, share of offers), in per cent.
CATEGORIES = (
    ("food", 18, 20),
    ("housing", 14, 6),
    ("accompaniment", 12, 18),
    ("clothing", 10, 12),
    ("money", 10, 2),
    ("employment", 8, 8),
    ("legal", 7, 4),
    ("health", 6, 3),
    ("mental_health", 5, 4),
    ("tech", 4, 10),
    ("childcare", 3, 5),
    ("translation", 3, 8),
)
# (language, weight as a first language, chance of being spoken as well)
LANGUAGES = (
    ("es", 80, 0.10),
    ("en", 6, 0.30),
    ("ca", 4, 0.12),
    ("ar", 4, 0.03),
    ("fr", 2, 0.04),
    ("pt", 1, 0.03),
    ("uk", 1, 0.02),
    ("ro", 1, 0.02),
    ("lse", 1, 0.01),
)
URGENCY_WEIGHTS = {"today": 15, "week": 35, "whenever": 50}
MEMBERS = 10_000
BLOCKS = 200


@dataclass(frozen=True)
class Data:
    needs: list[Need]
    helps: list[Help]
    geography: Geography
    blocked: frozenset[tuple[int, int]]


def make_geography(rng: random.Random, areas: int = 60) -> Geography:
    """Two thirds of the areas are a city's neighbourhoods (within about 8 km of the centre),
    the rest towns up to 80 km away; one in ten has no coordinates, only neighbours. Each area
    neighbours its three nearest."""
    from tejido.aid.matching import Geography

    centre = (40.42, -3.70)
    spots: dict[int, tuple[float, float]] = {}
    for area in range(1, areas + 1):
        reach = 0.07 if area <= areas * 2 // 3 else 0.7
        spots[area] = (
            centre[0] + rng.uniform(-reach, reach),
            centre[1] + rng.uniform(-reach, reach),
        )
    neighbours: dict[int, set[int]] = {area: set() for area in spots}
    for area, (lat, lon) in spots.items():
        nearest = sorted(
            (other for other in spots if other != area),
            key=lambda other: (spots[other][0] - lat) ** 2 + (spots[other][1] - lon) ** 2,
        )
        for other in nearest[:3]:
            neighbours[area].add(other)
            neighbours[other].add(area)
    hidden = set(rng.sample(sorted(spots), areas // 10))
    return Geography(
        places={area: spot for area, spot in spots.items() if area not in hidden},
        neighbours={area: frozenset(others) for area, others in neighbours.items()},
    )


def _languages(rng: random.Random) -> frozenset[str]:
    codes = [code for code, _weight, _also in LANGUAGES]
    first = rng.choices(codes, weights=[weight for _code, weight, _also in LANGUAGES])[0]
    spoken = {first}
    for code, _weight, also in LANGUAGES:
        if len(spoken) < 3 and rng.random() < also:
            spoken.add(code)
    return frozenset(spoken)


def _windows(rng: random.Random) -> tuple[tuple[int, int], ...]:
    """A quarter free at any time; the rest one to three windows of one to six hours over the
    next two weeks, on half hours (some already begun)."""
    if rng.random() < 0.25:
        return ()
    windows = []
    for _ in range(rng.randint(1, 3)):
        start = NOW + rng.randrange(-4, 14 * 48) * HOUR // 2
        windows.append((start, start + rng.randint(2, 12) * HOUR // 2))
    return tuple(sorted(windows))


def make_data(needs: int, helps: int, seed: int) -> Data:
    from tejido.aid.matching import URGENCIES, Help, Need

    rng = random.Random(seed)
    geography = make_geography(rng)
    areas: list[int | None] = [*sorted(geography.neighbours)]
    # The city's neighbourhoods are busier than the towns; a few give no area at all.
    area_weights = [3 if area is not None and area <= 40 else 1 for area in areas] + [1]
    areas = [*areas, None]
    names = [name for name, _asks, _offers in CATEGORIES]
    asks = [share for _name, share, _offers in CATEGORIES]
    offers = [share for _name, _asks, share in CATEGORIES]
    urgency_weights = [URGENCY_WEIGHTS[urgency] for urgency in URGENCIES]
    made_needs = [
        Need(
            id=number,
            person=rng.randrange(MEMBERS),
            category=rng.choices(names, weights=asks)[0],
            area=rng.choices(areas, weights=area_weights)[0],
            languages=_languages(rng),
            windows=_windows(rng),
            urgency=rng.choices(URGENCIES, weights=urgency_weights)[0],
            opened=NOW - int(min(rng.expovariate(1 / (5 * DAY)), 60 * DAY)),
        )
        for number in range(1, needs + 1)
    ]
    made_helps = [
        Help(
            id=number,
            person=rng.randrange(MEMBERS),
            category=rng.choices(names, weights=offers)[0],
            area=rng.choices(areas, weights=area_weights)[0],
            languages=_languages(rng),
            windows=_windows(rng),
        )
        for number in range(1, helps + 1)
    ]
    blocked: set[tuple[int, int]] = set()
    while len(blocked) < 2 * BLOCKS:
        one, other = rng.sample(range(MEMBERS), 2)
        blocked |= {(one, other), (other, one)}
    return Data(made_needs, made_helps, geography, frozenset(blocked))


def pairs_in_categories(data: Data) -> int:
    """How many request-offer pairs share a category: the pairs the scorer has to look at."""
    offers = Counter(help.category for help in data.helps)
    return sum(
        count * offers[name] for name, count in Counter(n.category for n in data.needs).items()
    )


@dataclass(frozen=True)
class Figures:
    direction: str
    best_seconds: float  # wall time, the fastest of the runs
    median_seconds: float
    cpu_seconds: float  # the process's CPU time in the fastest run
    peak_mb: float  # the process's peak resident memory, everything included
    before_mb: float  # the same, just before the first call
    rows: int
    matches: int
    pairs: int

    @property
    def met(self) -> bool:
        return self.best_seconds <= GOAL_SECONDS and self.peak_mb <= GOAL_MB


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def measure(direction: str, needs: int, helps: int, seed: int, repeat: int) -> Figures:
    """In this process, on one CPU: generate the data, then time one direction."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    sys.path.insert(0, str(ROOT))
    from tejido.aid.matching import top_helps, top_needs

    data = make_data(needs, helps, seed)
    before = _peak_mb()
    match = top_helps if direction == "top_helps" else top_needs
    runs: list[tuple[float, float]] = []
    found: dict[int, list[Match]] = {}
    for _ in range(repeat):
        found = {}  # the previous run's answer is not held during this one
        wall, cpu = time.perf_counter(), time.process_time()
        found = match(
            data.needs, data.helps, geography=data.geography, blocked=data.blocked, now=NOW, k=5
        )
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    fastest = min(runs)
    return Figures(
        direction=direction,
        best_seconds=fastest[0],
        median_seconds=statistics.median(wall for wall, _cpu in runs),
        cpu_seconds=fastest[1],
        peak_mb=_peak_mb(),
        before_mb=before,
        rows=len(found),
        matches=sum(len(matches) for matches in found.values()),
        pairs=pairs_in_categories(data),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--needs", type=int, default=20_000, help="open requests (%(default)s)")
    parser.add_argument("--helps", type=int, default=20_000, help="open offers (%(default)s)")
    parser.add_argument("--seed", type=int, default=1, help="default: %(default)s")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs (%(default)s)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--child", choices=("top_helps", "top_needs"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        figures = measure(args.child, args.needs, args.helps, args.seed, args.repeat)
        print(json.dumps(asdict(figures)))
        return 0
    print(
        f"Matching {args.needs:,} requests and {args.helps:,} offers (seed {args.seed}), top 5"
        f" both ways, one core; load average {os.getloadavg()[0]:.1f}:"
    )
    rows = []
    for direction in ("top_helps", "top_needs"):
        command = [sys.executable, __file__, "--child", direction, "--seed", str(args.seed)]
        command += ["--needs", str(args.needs), "--helps", str(args.helps)]
        command += ["--repeat", str(args.repeat)]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        figures = Figures(**json.loads(done.stdout))
        rows.append(figures)
        print(
            f"  {direction:<9}  {figures.best_seconds:.2f} s wall (median"
            f" {figures.median_seconds:.2f} s of {args.repeat}; {figures.cpu_seconds:.2f} s CPU),"
            f" peak {figures.peak_mb:.0f} MB ({figures.before_mb:.0f} MB before the call),"
            f" {figures.matches:,} matches for {figures.rows:,};"
            f" goal {GOAL_SECONDS:g} s and {GOAL_MB:g} MB: {'met' if figures.met else 'MISSED'}"
        )
    print(f"  pairs in the same category: {rows[0].pairs:,}")
    print(f"Both goals met: {'yes' if all(row.met for row in rows) else 'no'}")
    if args.json:
        report = {row.direction: {**asdict(row), "met": row.met} for row in rows}
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
