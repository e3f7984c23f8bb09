"""The security baseline: headers on every page, a clean `check --deploy` in production,
nothing loaded or linked from elsewhere, and error pages that are ours, translated, and never a
stack trace. Forbidden and missing give the same 404.

This module is also a test-only URLconf (see `@pytest.mark.urls`): it adds views that fail in
each way, in front of the project's own URLs.
"""

import os
import re
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import include, path, reverse

from tejido.network.models import NetworkSettings

BASE_DIR = Path(__file__).resolve().parents[3]
SECRET_MARKER = "SECRET-DETAIL-4f1c"


def _boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError(f"database password is {SECRET_MARKER}")


def _forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied(SECRET_MARKER)


def _missing(request: HttpRequest) -> HttpResponse:
    raise Http404(SECRET_MARKER)


def _suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation(SECRET_MARKER)


urlpatterns = [
    path("test-errors/boom/", _boom),
    path("test-errors/forbidden/", _forbidden),
    path("test-errors/missing/", _missing),
    path("test-errors/suspicious/", _suspicious),
    path("", include("config.urls")),
]
handler400 = "tejido.web.views.errors.bad_request"
handler403 = "tejido.web.views.errors.forbidden"
handler404 = "tejido.web.views.errors.not_found"
handler500 = "tejido.web.views.errors.server_error"

THIS_URLCONF = "tejido.web.tests.test_security"

pytestmark = pytest.mark.django_db


def assert_safe_headers(response):
    csp = response["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cache-Control"] == "no-store"
    assert_isolation_headers(response)


def permissions_policy(response) -> dict[str, str]:
    """The Permissions-Policy header as {feature: allowlist}."""
    policy = {}
    for item in response["Permissions-Policy"].split(","):
        feature, _, allowlist = item.strip().partition("=")
        policy[feature] = allowlist
    return policy


def assert_isolation_headers(response):
    """What every answer carries, static files included: powerful features off (passkeys
    allowed for this site), and no other site may embed what we serve."""
    policy = permissions_policy(response)
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "display-capture"):
        assert policy.get(feature) == "()", (feature, response["Permissions-Policy"])
    assert policy["publickey-credentials-get"] == "(self)"
    assert policy["publickey-credentials-create"] == "(self)"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "Clear-Site-Data" not in response


@pytest.mark.parametrize("name", ["home", "about", "account_login", "account_signup"])
def test_public_pages_carry_the_security_headers(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_safe_headers(response)


@pytest.mark.parametrize("name", ["home", "notice_list", "about"])
def test_member_pages_carry_the_security_headers(member_client, name):
    response = member_client.get(reverse(name))
    assert response.status_code == 200
    assert_safe_headers(response)


def test_the_404_page_carries_the_security_headers(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_safe_headers(response)


def test_static_files_may_be_cached(client):
    response = client.get("/static/tejido/tejido.css")
    response.close()
    assert response.status_code == 200
    assert response.get("Cache-Control") != "no-store"


def test_static_files_carry_the_isolation_headers(client):
    # WhiteNoise answers before most middleware: these must come from one that runs earlier.
    response = client.get("/static/tejido/tejido.css")
    response.close()
    assert response.status_code == 200
    assert_isolation_headers(response)


def test_the_api_carries_the_isolation_headers(client):
    assert_isolation_headers(client.get("/api/v1/openapi.json"))
    assert_isolation_headers(client.get("/api/v1/me"))


def test_logging_out_clears_the_browsers_cache_and_storage(member_client):
    response = member_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    # The page it lands on is an ordinary page again.
    landing = member_client.get(response["Location"])
    assert "Clear-Site-Data" not in landing


def test_only_logging_out_clears_site_data(member_client):
    assert "Clear-Site-Data" not in member_client.get(reverse("account_logout"))  # the form
    changed = member_client.post(reverse("settings_edit"), {})
    assert "Clear-Site-Data" not in changed


def test_pages_have_no_inline_script_style_or_handlers(client):
    html = client.get(reverse("home")).content.decode()
    for tag in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S):
        assert tag.strip() == "", "inline script found"
    assert " style=" not in html
    assert re.search(r"\son[a-z]+=", html) is None, "inline event handler found"


EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']\s*(?:https?:)?//([^/"'\s]+)""", re.I)


def foreign_hosts(html: str) -> set[str]:
    exit_host = NetworkSettings.current().quick_exit_url.split("/")[2]
    return {host for host in EXTERNAL.findall(html) if host.lower() != exit_host}


@pytest.mark.parametrize("name", ["home", "about", "account_login", "account_signup"])
def test_public_pages_name_no_other_host(client, name):
    html = client.get(reverse(name)).content.decode()
    assert foreign_hosts(html) == set()


def test_the_scan_would_notice_a_foreign_host():
    assert foreign_hosts('<img src="https://cdn.example.net/x.png">') == {"cdn.example.net"}
    assert foreign_hosts('<link href="//fonts.example.com/a.css">') == {"fonts.example.com"}
    assert foreign_hosts('<a href="/about/">') == set()


def test_the_quick_exit_link_is_the_only_other_host(client):
    network = NetworkSettings.current()
    html = client.get(reverse("home")).content.decode()
    assert f'href="{network.quick_exit_url}"' in html


# Error pages.


@pytest.fixture
def failing_client(settings):
    from django.test import Client

    settings.DEBUG = False
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.raise_request_exception = False
    return client


@pytest.mark.urls(THIS_URLCONF)
def test_a_crash_shows_our_page_and_no_stack_trace(failing_client):
    response = failing_client.get("/test-errors/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert 'id="quick-exit"' in html  # in the site's frame, with the way out
    assert SECRET_MARKER not in html
    assert "Traceback" not in html
    assert "RuntimeError" not in html
    assert_safe_headers(response)


@pytest.mark.urls(THIS_URLCONF)
def test_a_crash_shows_our_page_to_members_too(member_client, settings):
    settings.DEBUG = False
    member_client.raise_request_exception = False
    response = member_client.get("/test-errors/boom/")
    assert response.status_code == 500
    assert SECRET_MARKER not in response.content.decode()


@pytest.mark.urls(THIS_URLCONF)
def test_a_bad_request_shows_our_page(failing_client):
    response = failing_client.get("/test-errors/suspicious/")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bad request" in html
    assert SECRET_MARKER not in html
    assert_safe_headers(response)


@pytest.mark.urls(THIS_URLCONF)
def test_forbidden_and_missing_give_the_identical_404(failing_client, assert_same_answer):
    forbidden = failing_client.get("/test-errors/forbidden/")
    missing = failing_client.get("/test-errors/missing/")
    nowhere = failing_client.get("/test-errors/nothing-here/")
    assert forbidden.status_code == 404
    assert_same_answer(forbidden, missing)
    assert_same_answer(forbidden, nowhere)
    html = forbidden.content.decode()
    assert "Page not found" in html
    assert SECRET_MARKER not in html


@pytest.mark.urls(THIS_URLCONF)
def test_error_pages_are_translated(client, settings, translations):
    settings.DEBUG = False
    client.raise_request_exception = False
    missing = client.get("/test-errors/missing/", HTTP_ACCEPT_LANGUAGE="es")
    crashed = client.get("/test-errors/boom/", HTTP_ACCEPT_LANGUAGE="es")
    bad = client.get("/test-errors/suspicious/", HTTP_ACCEPT_LANGUAGE="es")
    assert "Página no encontrada" in missing.content.decode()
    assert 'lang="es"' in missing.content.decode()
    assert "Algo salió mal" in crashed.content.decode()
    assert "Solicitud incorrecta" in bad.content.decode()
    english = client.get("/test-errors/missing/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Page not found" in english.content.decode()


def test_forms_work_with_what_a_browser_sends():
    """Browsers send the Origin header on a form POST, and "Origin: null" when the page's
    referrer policy is "no-referrer"; Django's CSRF check rejects "null". The policy is
    therefore "same-origin": nothing leaves for another site, and our own forms work."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    html = client.get(reverse("about")).content.decode()
    token = find_token(html)
    ok = client.post(
        reverse("set_language"),
        {"language": "en", "next": "/", "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="http://testserver",
    )
    assert ok.status_code == 302
    assert '<meta name="referrer" content="same-origin">' in html
    null_origin = client.post(
        reverse("set_language"),
        {"language": "en", "next": "/", "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="null",
    )
    assert null_origin.status_code == 403


def find_token(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found
    return found.group(1)


def test_an_expired_form_gets_our_page(settings, translations):
    from django.test import Client

    settings.DEBUG = False
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Este formulario ha caducado" in html
    assert "CSRF" not in html
    assert_safe_headers(response)


# Production configuration.


def _production_env(tmp_path) -> dict[str, str]:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEJIDO_")}
    env.update(
        TEJIDO_ENV="production",
        TEJIDO_SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(50)),
        TEJIDO_ALLOWED_HOSTS="example.org",
        # Support circles' facilitator notes: their own key, required in production.
        TEJIDO_NOTE_KEYS="GeneratedOnlyForTheTestsAAAAAAAAAAAAAAAAAAA=",
        TEJIDO_SQLITE_PATH=str(tmp_path / "deploy-check.sqlite3"),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


def test_check_deploy_is_clean_in_production(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = _production_env(tmp_path)
    del env["TEJIDO_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "TEJIDO_SECRET_KEY" in result.stderr
