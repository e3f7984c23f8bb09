"""Browser journeys: Playwright drives Debian's Chromium against pytest-django's live server.

Every page a journey reaches is checked with `Visitor.check()` (e2e/browser.py): axe-core
(WCAG 2.0/2.1/2.2 A and AA) must find no serious or critical violation, and the browser console
must show no error (a blocked inline script or style, a failed request, a script error). The
results are gathered into one table, written to e2e/artifacts/axe.md and printed at the end of
the run. Screenshots at phone and desktop size go to e2e/artifacts/screenshots/.

Chromium is the system one (/usr/bin/chromium, installed by scripts/system-packages.sh):
Playwright's own browser download is never used, and a Chromium that cannot start fails the run.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Browser, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from e2e.browser import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    EXIT_PATH,
    LANGUAGES,
    AxeReport,
    Visitor,
)

# ---------------------------------------------------------------------------------------------
# The axe table over the whole run. Each test process (one, or each pytest-xdist worker) leaves
# its part here; the process that prints the summary merges the parts into axe.md.

_REPORT = AxeReport()
_PARTS = "axe-part-*.json"


def _is_xdist_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def pytest_sessionstart(session: pytest.Session) -> None:
    if not _is_xdist_worker(session.config) and ARTIFACTS.exists():
        for part in ARTIFACTS.glob(_PARTS):
            part.unlink()


@pytest.fixture(scope="session")
def axe_report() -> Iterator[AxeReport]:
    """Collects every checked page's axe results for the table printed at the end."""
    yield _REPORT
    if _REPORT.rows:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        part = ARTIFACTS / f"axe-part-{worker}.json"
        part.write_text(json.dumps(_REPORT.to_json()), encoding="utf-8")


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    if _is_xdist_worker(config) or not ARTIFACTS.exists():
        return
    parts = sorted(ARTIFACTS.glob(_PARTS))
    if not parts:
        return
    report = AxeReport()
    for part in parts:
        report.merge_json(json.loads(part.read_text(encoding="utf-8")))
        part.unlink()
    table = report.markdown()
    (ARTIFACTS / "axe.md").write_text(table, encoding="utf-8")
    terminalreporter.section("axe-core: pages x violations")
    terminalreporter.write(table)
    terminalreporter.write_line(f"(written to {ARTIFACTS / 'axe.md'})")


# ---------------------------------------------------------------------------------------------
# The browser: one per test module.


@pytest.fixture(scope="module")
def playwright_instance() -> Iterator[Playwright]:
    # Playwright's synchronous API keeps an asyncio loop running in this thread, and Django
    # would then refuse the ORM calls the test makes itself (building data, reading results).
    # The test thread runs no async code of its own, so the check is off while the module's
    # journeys run, and back on for whatever runs next in this process.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            yield playwright
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/system-packages.sh", pytrace=False)
    try:
        browser = playwright_instance.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
    except PlaywrightError as error:
        pytest.fail(f"Chromium ({CHROMIUM}) could not start: {error}", pytrace=False)
    yield browser
    browser.close()


# ---------------------------------------------------------------------------------------------
# Each journey.


@pytest.fixture(params=LANGUAGES)
def lang(request: pytest.FixtureRequest) -> str:
    """Every journey runs in Spanish and in English."""
    return str(request.param)


@pytest.fixture(autouse=True)
def network(live_server: Any) -> Any:
    """Every journey runs against the live server (so on a transactional database) and starts
    with the network's settings row, its quick exit pointed at a file the live server serves."""
    from tejido.network.models import NetworkSettings

    settings_row = NetworkSettings.current()
    settings_row.quick_exit_url = f"{live_server.url}{EXIT_PATH}"
    settings_row.save()
    return settings_row


@pytest.fixture(autouse=True)
def _empty_outbox() -> None:
    # pytest-django's locmem email backend: the live server thread's emails land here.
    mail.outbox = []


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    # Lets the `visit` fixture know, when it closes, whether the test failed.
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def visit(
    browser: Browser, live_server: Any, axe_report: AxeReport, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Visitor]]:
    """`visit(lang="es", js=True, user=None)` opens a new browser context: a new person, or the
    same person on another device; logged in as `user` when given."""
    opened: list[Visitor] = []

    def open_visitor(*, lang: str = "es", js: bool = True, user: Any = None) -> Visitor:
        visitor = Visitor(
            browser=browser, base_url=live_server.url, lang=lang, js=js, report=axe_report
        )
        if user is not None:
            visitor.login(user)
        opened.append(visitor)
        return visitor

    yield open_visitor
    failed = request.node.stash.get(_FAILED, False)
    for number, visitor in enumerate(opened, start=1):
        if failed:
            # What each browser showed when the test failed: a screenshot, the HTML and the
            # accessibility tree, in e2e/artifacts/failures/.
            visitor.save_failure(f"{request.node.name}-{number}")
        visitor.close()
