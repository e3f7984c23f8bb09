"""In production Tejido refuses to start without facilitator notes' own keys (a development
default derived from the secret key would make a leaked secret key open every note)."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def test_production_refuses_to_start_without_note_keys(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEJIDO_")}
    env.update(
        TEJIDO_ENV="production",
        TEJIDO_SECRET_KEY=secrets.token_urlsafe(50),
        TEJIDO_ALLOWED_HOSTS="example.org",
        TEJIDO_SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "TEJIDO_NOTE_KEYS" in result.stderr


def test_development_derives_a_key_of_its_own():
    assert len(settings.TEJIDO_NOTE_KEYS) == 1
    assert settings.TEJIDO_NOTE_KEYS[0] != settings.SECRET_KEY
