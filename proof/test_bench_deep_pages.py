"""The deep pages benchmark (bench/deep_pages.py) at a small size, on SQLite whatever the suite
runs on: it reaches the last page by its links and prints every figure. Asserts no time
(figures depend on the machine), only that the figures are there."""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_deep_pages_benchmark_prints_its_figures(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEJIDO_")}
    command = [sys.executable, "bench/deep_pages.py", "--members", "300", "--repeat", "2"]
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [*command, "--db", str(tmp_path / "deep.sqlite3")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "sqlite: 300 members, 12 pages of 25" in done.stdout
    for row in ("selector, link", "selector, number", "page, link", "page, number", "API, after"):
        assert re.search(rf"{row} +\d+\.\d\d +\d+\.\d\d +\d+\.\d\d", done.stdout), row
    assert re.search(r"page 12 by its link within 20% of page 1: (met|missed)", done.stdout)
