"""What the journeys share: a person at a browser (`Visitor`), the checks every page gets (axe-core
and a clean console), screenshots, and the axe table gathered over the run.

The fixtures that hand these out live in e2e/conftest.py.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from axe_playwright_python.base import AXE_SCRIPT
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Locator, Page

E2E_DIR = Path(__file__).resolve().parent
ARTIFACTS = E2E_DIR / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
DOCS_SCREENSHOTS = E2E_DIR.parent / "docs" / "screenshots"

CHROMIUM = os.environ.get("TEJIDO_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
LANGUAGES = ("es", "en")
BROWSER_LOCALES = {"es": "es-ES", "en": "en-GB"}
NATIVE_NAMES = {"es": "Español", "en": "English"}
# A step waits at most this long for the page: a broken step fails, it does not hang the run.
TIMEOUT_MS = 15_000

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
# TEJIDO_E2E_AXE_SOFT=1 records serious and critical violations without failing, to see every
# page's problems in one run while fixing them. Never set in CI.
AXE_SOFT = os.environ.get("TEJIDO_E2E_AXE_SOFT") == "1"
IMPACTS = ("critical", "serious", "moderate", "minor")
FAILING_IMPACTS = ("critical", "serious")

# The quick-exit target during the journeys: a neutral file the live server itself serves,
# since the machine has no internet.
EXIT_PATH = "/static/tejido/neutral.svg"
# The factories' password.
PASSWORD = "correct horse battery staple"


def tr(lang: str, message: str) -> str:
    """A message as the live server shows it in that language (whatever the compiled catalogue
    holds), so journeys find links, buttons and fields by their translated names."""
    with translation.override(lang):
        return str(gettext(message))


def starts(lang: str, message: str) -> re.Pattern[str]:
    """An accessible name that begins with the translated message (for names that carry a
    visually hidden explanation after it)."""
    return re.compile("^" + re.escape(tr(lang, message)))


# ---------------------------------------------------------------------------------------------
# The axe table.


@dataclass
class AxeRow:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(IMPACTS, 0))
    rules: set[str] = field(default_factory=set)
    checks: int = 0


class AxeReport:
    """Pages x violation counts: per page (and language, and JavaScript on or off), the most
    elements in violation seen in one check, by impact, and the rules that found them."""

    def __init__(self) -> None:
        self.rows: dict[str, AxeRow] = {}

    def add(self, name: str, violations: list[dict[str, Any]]) -> None:
        row = self.rows.setdefault(name, AxeRow())
        row.checks += 1
        counts = dict.fromkeys(IMPACTS, 0)
        for violation in violations:
            impact = violation.get("impact") or "minor"
            counts[impact] = counts.get(impact, 0) + len(violation.get("nodes", []))
            row.rules.add(f"{violation['id']} ({impact})")
        for impact, count in counts.items():
            row.counts[impact] = max(row.counts.get(impact, 0), count)

    def to_json(self) -> dict[str, Any]:
        return {
            name: {"counts": row.counts, "rules": sorted(row.rules), "checks": row.checks}
            for name, row in self.rows.items()
        }

    def merge_json(self, data: dict[str, Any]) -> None:
        for name, saved in data.items():
            row = self.rows.setdefault(name, AxeRow())
            row.checks += saved["checks"]
            row.rules.update(saved["rules"])
            for impact, count in saved["counts"].items():
                row.counts[impact] = max(row.counts.get(impact, 0), count)

    def markdown(self) -> str:
        lines = [
            "# Accessibility (axe-core) by page",
            "",
            f"Rules tagged {', '.join(AXE_TAGS)}. A count is the most elements in violation",
            "seen in one check of that page. Serious and critical violations fail the run.",
            "",
            "| page | checks | critical | serious | moderate | minor | rules |",
            "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for name in sorted(self.rows):
            row = self.rows[name]
            counts = " | ".join(str(row.counts[impact]) for impact in IMPACTS)
            rules = ", ".join(sorted(row.rules)) or "none"
            lines.append(f"| {name} | {row.checks} | {counts} | {rules} |")
        failing = sum(sum(row.counts[i] for i in FAILING_IMPACTS) for row in self.rows.values())
        lines += ["", f"{len(self.rows)} pages; {failing} serious or critical violations."]
        return "\n".join(lines) + "\n"


def run_axe(page: Page) -> list[dict[str, Any]]:
    """axe-core (the copy axe-playwright-python carries) injected into the page and run."""
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return list(results["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation.get("nodes", [])[:5]:
            target = " ".join(map(str, node["target"]))
            lines.append(f"    {target}: {node.get('html', '')[:200]}")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# A person at a browser.


class Visitor:
    """One person's browser context (cookies, language, JavaScript on or off) and its page,
    with the checks each journey step runs."""

    def __init__(
        self, *, browser: Browser, base_url: str, lang: str, js: bool, report: AxeReport
    ) -> None:
        self.browser = browser
        self.base_url = base_url
        self.lang = lang
        self.js = js
        self.report = report
        self.context = self._new_context(js=js)
        # What the language switch would have left: the anonymous pages' language.
        self.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": base_url}]
        )
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))

    def _new_context(self, *, js: bool) -> BrowserContext:
        context = self.browser.new_context(
            base_url=self.base_url,
            locale=BROWSER_LOCALES[self.lang],
            java_script_enabled=js,
            viewport=DESKTOP,  # type: ignore[arg-type]
            service_workers="block",
        )
        context.set_default_timeout(TIMEOUT_MS)
        return context

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    @property
    def variant(self) -> str:
        return self.lang if self.js else f"{self.lang}, no JS"

    def t(self, message: str) -> str:
        return tr(self.lang, message)

    @property
    def main(self) -> Locator:
        return self.page.get_by_role("main")

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    # -- getting around ------------------------------------------------------------------

    def goto(
        self, path: str, *, check: str | None = None, screenshot: bool = False, status: int = 200
    ) -> None:
        """Opens a page (a path on the live server or a full URL) and checks its status."""
        response = self.page.goto(path)
        assert response is not None, f"no response for {path}"
        if status == 200:
            assert response.status < 400, f"{path} answered {response.status}"
        else:
            assert response.status == status, f"{path} answered {response.status}, not {status}"
            # The browser logs an error status of the page itself; that one was expected.
            self.console_errors = [e for e in self.console_errors if f"status of {status}" not in e]
        if check:
            self.check(check, screenshot=screenshot)

    def field(self, label: str) -> Locator:
        """The form field in the main area with that label (translated; Django may add a
        colon after it)."""
        return self.main.get_by_label(re.compile(rf"^\s*{re.escape(self.t(label))}:?\s*$"))

    def submit_login_form(self, email: str, password: str) -> None:
        """Fills in and sends the login form on the page."""
        self.field("Email").fill(email)
        self.field("Password").fill(password)
        self.main.get_by_role("button", name=self.t("Log in"), exact=True).click()

    def login(self, user: Any) -> None:
        """Logs a member in without the form (the login journey itself uses the form)."""
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": self.base_url}]
        )

    # -- checks --------------------------------------------------------------------------

    def check(self, name: str, *, screenshot: bool = False) -> None:
        """axe-core on the page as it is now (with JavaScript on: e2e/README.md says why not
        without), a clean console, and screenshots if asked."""
        self.page.wait_for_load_state("load")
        where = f"{name} ({self.variant}, {self.page.url})"
        if self.js:
            violations = run_axe(self.page)
            self.report.add(f"{name} ({self.variant})", violations)
            failing = [v for v in violations if v.get("impact") in FAILING_IMPACTS]
            if failing and AXE_SOFT:
                print(f"\naxe-core on {where} (not failing: TEJIDO_E2E_AXE_SOFT=1):")
                print(describe(failing))
            else:
                assert not failing, f"axe-core on {where}:\n{describe(failing)}"
        assert not self.console_errors, f"console errors on {where}: {self.console_errors}"
        if screenshot and self.js:
            self.screenshot(name)

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        original = self.page.viewport_size or DESKTOP
        for size_name, size in (("phone", PHONE), ("desktop", DESKTOP)):
            self.page.set_viewport_size(size)  # type: ignore[arg-type]
            self.page.screenshot(
                path=SCREENSHOTS / f"{slug(name)}-{self.lang}-{size_name}.png", full_page=True
            )
        self.page.set_viewport_size(original)  # type: ignore[arg-type]

    def save_failure(self, name: str) -> None:
        folder = ARTIFACTS / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        base = folder / slug(name)
        try:
            self.page.screenshot(path=f"{base}.png", full_page=True)
            Path(f"{base}.html").write_text(
                f"<!-- {self.page.url} -->\n{self.page.content()}", encoding="utf-8"
            )
            Path(f"{base}.aria.yml").write_text(
                self.page.locator("body").aria_snapshot(), encoding="utf-8"
            )
        except Exception as error:  # a broken page must not hide the failure
            Path(f"{base}.error.txt").write_text(str(error), encoding="utf-8")

    def close(self) -> None:
        self.context.close()


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


# ---------------------------------------------------------------------------------------------
# Email and docs.

LINK = re.compile(r"https?://[^\s<>\"')]+")


def last_mail_to(address: str) -> Any:
    messages = [m for m in mail.outbox if address in m.to]
    assert messages, f"no email was sent to {address}"
    return messages[-1]


def links_in_last_mail(address: str) -> list[str]:
    return LINK.findall(str(last_mail_to(address).body))


def copy_to_docs(name: str, lang: str) -> None:
    """Refreshes the README's screenshots (docs/screenshots/NAME-desktop.png and -phone.png,
    from the English run) when TEJIDO_E2E_DOCS_SCREENSHOTS=1."""
    if os.environ.get("TEJIDO_E2E_DOCS_SCREENSHOTS") != "1" or lang != "en":
        return
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for size_name in ("phone", "desktop"):
        shutil.copyfile(
            SCREENSHOTS / f"{slug(name)}-{lang}-{size_name}.png",
            DOCS_SCREENSHOTS / f"{slug(name)}-{size_name}.png",
        )
