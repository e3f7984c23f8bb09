"""The matching benchmark (bench/matching.py) at a small size: both directions run in their
child processes and it prints and writes its figures. Asserts no time (figures depend on the
machine), only that the figures are there and the answers complete."""

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_matching_benchmark_prints_its_figures(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    command = [sys.executable, "bench/matching.py", "--needs", "400", "--helps", "300"]
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [*command, "--repeat", "1", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
    for direction in ("top_helps", "top_needs"):
        assert re.search(rf"{direction} +\d+\.\d\d s wall .* peak \d+ MB", done.stdout)
    assert "Both goals met: " in done.stdout
    report = json.loads(out.read_text())
    assert report["top_helps"]["rows"] == 400
    assert report["top_needs"]["rows"] == 300
    # Every request and offer is answered, with at most five matches each.
    assert 0 < report["top_helps"]["matches"] <= 400 * 5
    assert 0 < report["top_needs"]["matches"] <= 300 * 5
    assert all(row["peak_mb"] > 0 and row["best_seconds"] > 0 for row in report.values())
