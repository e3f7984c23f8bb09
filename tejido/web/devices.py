"""A readable name for the browser and system behind a User-Agent string ("Chrome on Android",
"Firefox on Windows"), for the page where a member sees where they are logged in.

A short table of our own rather than a full user-agent parser: the page only needs the
common browser and system families, and anything else reads "Unknown browser" honestly. The
order matters: browsers built on Chrome also say "Chrome", and Chrome also says "Safari"."""

import re

from django.utils.translation import gettext as _

BROWSERS = (
    (re.compile(r"\bEdg(e|A|iOS)?/"), "Edge"),
    (re.compile(r"\b(OPR|Opera)/"), "Opera"),
    (re.compile(r"\bSamsungBrowser/"), "Samsung Internet"),
    (re.compile(r"\b(Firefox|FxiOS)/"), "Firefox"),
    (re.compile(r"\b(HeadlessChrome|Chrome|Chromium|CriOS)/"), "Chrome"),
    (re.compile(r"\bVersion/[\d.]+.*\bSafari/"), "Safari"),
)
SYSTEMS = (
    (re.compile(r"\bAndroid\b"), "Android"),
    (re.compile(r"\b(iPhone|iPod)\b"), "iPhone"),
    (re.compile(r"\biPad\b"), "iPad"),
    (re.compile(r"\bWindows\b"), "Windows"),
    (re.compile(r"\bCrOS\b"), "ChromeOS"),
    (re.compile(r"\bMac OS X\b|\bMacintosh\b"), "macOS"),
    (re.compile(r"\bLinux\b"), "Linux"),
)


def _first(table: tuple[tuple[re.Pattern[str], str], ...], user_agent: str) -> str | None:
    return next((name for pattern, name in table if pattern.search(user_agent)), None)


def describe_user_agent(user_agent: str) -> str:
    """ "Chrome on Android", "Firefox", "Unknown browser on Linux" or "Unknown browser"."""
    browser = _first(BROWSERS, user_agent or "")
    system = _first(SYSTEMS, user_agent or "")
    if browser and system:
        return _("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    if system:
        return _("Unknown browser on %(system)s") % {"system": system}
    return browser or _("Unknown browser")
