"""Language and time: members read in their own language and time zone; visitors get the
language cookie, then their browser's language, then Spanish. Every string of the chrome is
translated in tejido/locale/parts/chrome.po."""

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.test import Client
from django.urls import reverse

from tejido.notifications.models import Notice

pytestmark = pytest.mark.django_db


def find(pattern: str, text: str, group: int = 0) -> str:
    """The first match of `pattern` (dot matches newlines); fails the test if there is none."""
    found = re.search(pattern, text, re.S)
    assert found, f"{pattern!r} not found"
    return found.group(group)


ROOT = Path(__file__).resolve().parents[3]
PART = ROOT / "tejido" / "locale" / "parts" / "chrome.po"


def lang_of(response) -> str:
    return find(r'<html lang="([^"]+)"', response.content.decode(), 1)


def test_visitors_get_spanish_by_default():
    response = Client().get(reverse("home"))
    assert lang_of(response) == "es"
    assert response["Content-Language"] == "es"


def test_visitors_get_their_browsers_language():
    assert lang_of(Client(HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8").get(reverse("home"))) == "en"
    assert lang_of(Client(HTTP_ACCEPT_LANGUAGE="de-DE").get(reverse("home"))) == "es"


def test_the_language_cookie_beats_the_browser(settings):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert lang_of(client.get(reverse("home"))) == "es"


def test_a_members_saved_language_beats_cookie_and_browser(make_user, login, settings):
    client = login(make_user(language="en"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="es")
    assert lang_of(response) == "en"
    assert response["Content-Language"] == "en"


def test_after_logout_the_device_keeps_the_members_language(make_user, login, settings):
    client = login(make_user(language="en"))
    client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="es")
    client.post(reverse("account_logout"))  # as a browser does: cookies stay
    assert lang_of(client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="es")) == "en"


def test_pages_are_translated(client, translations):
    html = client.get(reverse("about"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Salida rápida" in html
    assert "Saltar al contenido" in html
    assert "Tu seguridad aquí" in html
    assert '<button type="submit" name="language" value="en" lang="en">English</button>' in html


def test_dates_are_in_the_members_time_zone_and_language(make_user, login, translations):
    user = make_user(language="en", time_zone="Asia/Tokyo")
    notice = Notice.objects.create(user=user, kind="any", params={})
    Notice.objects.filter(pk=notice.pk).update(
        created_at=dt.datetime(2026, 12, 31, 16, 5, tzinfo=dt.UTC)
    )
    html = login(user).get(reverse("notice_list")).content.decode()
    # 16:05 UTC on New Year's Eve is already 01:05 on New Year's Day in Tokyo.
    assert "Jan. 1, 2027, 1:05 a.m." in html
    assert 'datetime="2027-01-01T01:05:00+09:00"' in html


def test_an_unknown_time_zone_falls_back_to_the_sites(make_user, login, settings):
    user = make_user(language="en", time_zone="Mars/Olympus_Mons")
    Notice.objects.create(user=user, kind="any", params={})
    response = login(user).get(reverse("notice_list"))
    assert response.status_code == 200


# The catalogue part.

OWNED = [
    "tejido/notifications/kinds.py",
    "tejido/notifications/email.py",
    "tejido/notifications/models.py",
    "tejido/notifications/apps.py",
    "tejido/web/views/notices.py",
    "tejido/web/views/errors.py",
    "tejido/web/views/public.py",
    "tejido/web/middleware.py",
    "tejido/web/context.py",
    "tejido/web/templates/base.html",
    "tejido/web/templates/web/landing.html",
    "tejido/web/templates/web/about.html",
    "tejido/web/templates/web/home.html",
    "tejido/web/templates/web/error.html",
    "tejido/web/templates/notices/list.html",
    "tejido/core/errors.py",
]


def extracted_msgids(tmp_path: Path) -> set[str]:
    """What `makemessages` finds in the files this part covers, run on copies of them."""
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext is not installed")
    for name in OWNED:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "locale").mkdir()
    (tmp_path / "mini_settings.py").write_text("USE_I18N = True\nSECRET_KEY = 'x'\n")
    import os
    import sys

    env = dict(os.environ, PYTHONPATH=str(tmp_path), DJANGO_SETTINGS_MODULE="mini_settings")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "es",
            "--no-location",
            "-i",
            "mini_settings.py",
        ],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    po = polib.pofile(str(tmp_path / "locale" / "es" / "LC_MESSAGES" / "django.po"))
    return {entry.msgid for entry in po if entry.msgid}


def test_every_chrome_string_has_a_spanish_translation(tmp_path):
    # Mostly in chrome.po; a string added to the frame by other work may live in that
    # work's own part, which the lead merges alongside.
    translated = {
        entry.msgid
        for part in sorted(PART.parent.glob("*.po"))
        for entry in polib.pofile(str(part))
        if entry.translated()
    }
    missing = sorted(set(extracted_msgids(tmp_path)) - translated)
    assert not missing, "Add these to a part in tejido/locale/parts/:\n" + "\n".join(missing)


def test_translations_keep_their_placeholders():
    placeholder = re.compile(r"%\(\w+\)[sd]|<[^>]+>")
    for entry in polib.pofile(str(PART)):
        if entry.msgid_plural:
            for form in entry.msgstr_plural.values():
                assert sorted(placeholder.findall(form)) == sorted(
                    placeholder.findall(entry.msgid_plural)
                ), entry.msgid
        elif entry.msgstr:
            assert sorted(placeholder.findall(entry.msgstr)) == sorted(
                placeholder.findall(entry.msgid)
            ), entry.msgid


def test_the_part_compiles():
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext is not installed")
    subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(PART)], check=True, timeout=60
    )
