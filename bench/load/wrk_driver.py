"""The load driver: wrk (Debian's package; scripts/system-packages.sh installs it), a C program
that costs the shared cores far less per request than any Python driver, so the floor measures
Django and gunicorn rather than the driver. bench/load/driver.lua picks each request's endpoint
and visitor and counts every answer but a 200 as an error."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

DRIVER = Path(__file__).resolve().parent / "driver.lua"
RESULT_PREFIX = "RESULT "


def lua(value: Any) -> str:
    """`value` (lists, dicts, ASCII strings, numbers) as a Lua literal."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{lua(k)}] = {lua(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "{" + ", ".join(lua(v) for v in value) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if not text.isascii():
        raise ValueError(f"not ASCII: {text!r}")
    return json.dumps(text)


def require_wrk() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit("wrk is missing: run `bash scripts/system-packages.sh` (Debian's wrk)")
    return found


def drive(
    port: int,
    endpoints: list[dict[str, Any]],
    viewers: list[dict[str, Any]],
    *,
    duration: float,
    connections: int,
    seed: int,
    workdir: Path,
) -> dict[str, Any]:
    """`connections` connections requesting back to back for `duration` seconds, each request
    an endpoint picked by weight for a random visitor. Returns wrk's figures for the phase."""
    script = workdir / "phase.lua"
    script.write_text(
        f"endpoints = {lua(endpoints)}\nviewers = {lua(viewers)}\nseed = {seed}\n\n"
        + DRIVER.read_text()
    )
    seconds = max(1, round(duration))
    done = subprocess.run(
        [
            require_wrk(),
            f"--threads={min(2, connections)}",
            f"--connections={connections}",
            f"--duration={seconds}s",
            "--timeout=30s",
            f"--script={script}",
            f"http://127.0.0.1:{port}/",
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 120,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"wrk failed (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")
    result: dict[str, Any] = json.loads(lines[-1][len(RESULT_PREFIX) :])
    result["rps"] = result["requests"] / result["seconds"] if result["seconds"] else 0.0
    result["error_rate"] = result["errors"] / result["requests"] if result["requests"] else 0.0
    return result
