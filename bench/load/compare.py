"""Two load runs side by side (`bench/load/run.py --json`), made one after the other on the
same machine, for instance SQLite and PostgreSQL on the same generated network: each endpoint's
throughput in the second as a share of the first, against issue 14's goal that PostgreSQL keep
at least 0.85 of SQLite's, and each one's share of the rendered reference page in its own run
(which takes out what the machine did between the two runs).

    python bench/load/compare.py sqlite.json postgresql.json
"""

import json
import sys
from pathlib import Path
from typing import Any

GOAL_SHARE = 0.85


def rows(first: dict[str, Any], second: dict[str, Any]) -> list[tuple[str, float, float, float]]:
    """(endpoint, req/s in the first, in the second, second / first), the mix last."""

    def endpoints(report: dict[str, Any]) -> dict[str, float]:
        return {
            **{name: row["rps"] for name, row in report["alone"].items()},
            "mix": report["mix_total"]["rps"],
        }

    a, b = endpoints(first), endpoints(second)
    return [(name, a[name], b[name], b[name] / a[name]) for name in a if name in b and a[name]]


def rendered_share(report: dict[str, Any], name: str) -> float:
    return report["goals"].get(name, {}).get("ratio_to_rendered", 0.0)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    first, second = (json.loads(Path(name).read_text()) for name in argv)
    names = [r.get("database", "?") for r in (first, second)]
    for report in (first, second):
        print(
            f"{report.get('database', '?')}: {report['date']}, {report['members']} members, "
            f"load average {report['load_average_before']} -> {report['load_average_after']}, "
            f"rendered reference {report['reference']['rendered']['rps']:.0f} req/s"
        )
    print(
        f"\n{'endpoint':<14} {names[0] + ' req/s':>14} {names[1] + ' req/s':>16} "
        f"{'share':>6}  {'x rend. ' + names[0]:>16} {'x rend. ' + names[1]:>18}  goal"
    )
    missed = 0
    for name, a, b, share in rows(first, second):
        met = share >= GOAL_SHARE
        missed += not met
        print(
            f"{name:<14} {a:>14.1f} {b:>16.1f} {share:>6.2f}  {rendered_share(first, name):>16.2f} "
            f"{rendered_share(second, name):>18.2f}  >= {GOAL_SHARE} {'met' if met else 'MISSED'}"
        )
    print(f"\n{missed} endpoints under {GOAL_SHARE} of {names[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
