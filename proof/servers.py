"""Real Tejido servers for the proofs: gunicorn on 127.0.0.1 with its own database, started,
killed and restarted from a test."""

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(*, sqlite_path: Path | None = None, database_url: str = "") -> dict[str, str]:
    """The environment of a Tejido process on its own database, never the developer's: every
    TEJIDO_* variable of ours is dropped first."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEJIDO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "TEJIDO_DEBUG": "0",
            "TEJIDO_LOG_LEVEL": "ERROR",
            "TEJIDO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "PYTHONPATH": str(ROOT),
            "PYTHONWARNINGS": "ignore",
        }
    )
    if database_url:
        env["TEJIDO_DATABASE_URL"] = database_url
    elif sqlite_path is not None:
        env["TEJIDO_SQLITE_PATH"] = str(sqlite_path)
    return env


def run_python(code_or_args: list[str], env: dict[str, str], timeout: float = 120) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter and scripts
        [PYTHON, *code_or_args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{code_or_args[:2]} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


class Server:
    """gunicorn serving Tejido, in its own process group so that a kill takes the master and
    every worker at once."""

    def __init__(self, env: dict[str, str], *, workers: int = 2, log: Path) -> None:
        self.env = env
        self.workers = workers
        self.log = log
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30) -> None:
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(  # noqa: S603 - our own interpreter
                [
                    PYTHON,
                    "-m",
                    "gunicorn",
                    "config.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    str(self.workers),
                    "--preload",
                    "--timeout",
                    "30",
                    "--graceful-timeout",
                    "2",
                    "--log-level",
                    "warning",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log.read_text()[-3000:]}")
            # Closed whatever happens: a socket left to the garbage collector (the server
            # reset it while starting) is an unraisable ResourceWarning that fails the test.
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
            try:
                conn.request("GET", "/about/")
                conn.getresponse().read()
                return
            except OSError:
                time.sleep(0.05)
            finally:
                conn.close()
        self.kill()
        raise RuntimeError("gunicorn did not answer in time")

    def kill(self) -> None:
        """SIGKILL the master and all workers: no clean shutdown, no flush, nothing."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)
        self.proc = None

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            self.kill()
        self.proc = None
