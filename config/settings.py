"""Tejido's settings: one module, read from TEJIDO_* environment variables with safe defaults.

TEJIDO_ENV=production turns on everything a public deployment needs (secure cookies, HSTS,
SSL redirect) and refuses to start without a real secret key.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(f"TEJIDO_{name}", default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


PRODUCTION = env("ENV", "development") == "production"
DEBUG = env_bool("DEBUG", default=False)

_DEV_SECRET = "dev-only-insecure-key-never-use-in-production"
SECRET_KEY = env("SECRET_KEY", "" if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET):
    raise ImproperlyConfigured("Set TEJIDO_SECRET_KEY to a long random value in production.")
# Earlier keys, comma-separated, while rotating: sessions and sealed two-factor secrets made with
# them stay valid (tejido.core.sealing).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

# --- Support circles: the keys of facilitator notes (tejido.support.models.notes) ---
# Fernet keys, comma-separated: the first encrypts, all open (a rotation adds a new key first,
# runs `rotate_note_keys`, then drops the old one). Production must set them: a note's key is
# its own, so a leaked SECRET_KEY does not open the notes. In development, one key derived
# from SECRET_KEY (HKDF, its own purpose) keeps a fresh clone working.
TEJIDO_NOTE_KEYS = env_list("NOTE_KEYS")
if not TEJIDO_NOTE_KEYS:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "Set TEJIDO_NOTE_KEYS to one or more Fernet keys (comma-separated) in production."
        )
    import base64

    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    _note_key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"tejido.support.notes"
    ).derive(SECRET_KEY.encode())
    TEJIDO_NOTE_KEYS = [base64.urlsafe_b64encode(_note_key).decode()]
# --- end of support circles' note keys ---

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # First, so that its `createsuperuser` (which refuses, naming `create_organiser`) replaces
    # Django's. It has no templates, static files or translations that could shadow others.
    "tejido.core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_tasks_db",
    "ninja",
    "tejido.network",
    "tejido.accounts",
    "tejido.audit",
    "tejido.groups",
    "tejido.membership",
    "tejido.moderation",
    "tejido.notifications",
    "tejido.gatherings",
    "tejido.aid",
    "tejido.directory",
    "tejido.directory.hsds",
    "tejido.support",
    "tejido.buddies",
    "tejido.checkins",
    "tejido.crisis",
    "tejido.professionals",
    "tejido.web",
    "tejido.api",
    "tejido.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "tejido.web.middleware.BrowserPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tejido.web.middleware.EndInactiveSessionsMiddleware",
    "tejido.web.middleware.MemberLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "tejido.web.middleware.ConductGateMiddleware",
    "tejido.web.middleware.DomainErrorMiddleware",
    "tejido.web.middleware.PrivateCacheMiddleware",
    # Check-ins (issue 13): notes a member's day of activity, once a day per session.
    "tejido.web.checkins_activity.CheckinActivityMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# Checkboxes drawn inside their label, one large tap target (tejido/web/forms/renderer.py).
FORM_RENDERER = "tejido.web.forms.renderer.TejidoFormRenderer"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tejido" / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tejido.web.context.chrome",
            ],
            "builtins": ["tejido.web.templatetags.html_time"],
        },
    }
]

# SQLite by default (WAL, IMMEDIATE transactions so writers queue instead of failing);
# PostgreSQL when TEJIDO_DATABASE_URL names one.
_database_url = env("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Parameters sent apart from the query, and each query a connection has run five
        # times prepared: PostgreSQL then plans it once, not on every page view. Planning was
        # two thirds of the server's time on the home page (6.4 of 9.4 ms), and the server
        # shares the machine's cores with the workers (docs/performance.md, session 6). A
        # pooler in front must keep prepared statements (PgBouncer 1.21+,
        # max_prepared_statements) or run in session mode.
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": 5}
        )
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "var" / "tejido.sqlite3")),
            # Keep each worker's connection: opening one (and its PRAGMAs) on every request
            # cost about a tenth of a page view.
            "CONN_MAX_AGE": 600,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_redis_url = env("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Rendered pieces of the page frame ({% cache ... using="frame" %} in base.html), kept in
    # each process's memory: a key names everything the piece depends on, so no worker can
    # serve another's stale copy, and a deploy starts afresh.
    "frame": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "frame",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    # Rendered list items (tejido/web/card_cache.py), each named by what it shows; likewise
    # per process.
    "cards": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "cards",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}

TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

AUTH_USER_MODEL = "accounts.User"
# allauth's backend alone (a subclass that refuses people who may not sign in as it refuses a
# wrong password): with Django's ModelBackend before it, every login attempt would
# hash the password twice. (Loading the member's profile with them was measured and dropped:
# the join cost every page 0.28 ms to save the home page one query.)
AUTHENTICATION_BACKENDS = ["tejido.web.auth_backend.TejidoAuthenticationBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: email is the login, never a username; verification is mandatory; the
# responses of login, sign-up and reset never reveal whether an address has an account.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "tejido.web.auth_adapter.TejidoAccountAdapter"
# Sign-up asks for a chosen name (never a legal name), optional pronouns and discreet mode.
ACCOUNT_FORMS = {
    "login": "tejido.web.forms.login.TejidoLoginForm",
    "signup": "tejido.web.forms.signup.ApplicantSignupForm",
}
ACCOUNT_USER_DISPLAY = "tejido.web.auth_adapter.display_name"
# Tell members by email when their password or address changes (discreet when they asked).
ACCOUNT_EMAIL_NOTIFICATIONS = True
# No "there is no account here" email to addresses typed into the reset form: mail from the
# network must not land in the inbox of someone who never joined.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "10/h/ip",
    "reset_password": "10/h/ip,3/h/key",
    "confirm_email": "3/5m/key",
    "change_password": "5/m/user",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
MFA_ADAPTER = "tejido.web.mfa_adapter.TejidoMFAAdapter"  # TOTP keys stored sealed
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
MFA_TOTP_ISSUER = "Tejido"
MFA_FORMS = {
    "add_webauthn": "tejido.web.forms.passkeys.NamedAddWebAuthnForm",
    "edit_webauthn": "tejido.web.forms.passkeys.NamedEditWebAuthnForm",
}
# Tracking activity would write the session row (with IP and browser) on every page view:
# more personal data kept, and every page queued behind SQLite's write lock.
USERSESSIONS_TRACK_ACTIVITY = False

LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Spanish")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "tejido_language"
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "tejido" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE", "Europe/Madrid")

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
# Uploaded images (an event's picture, re-encoded with no metadata). They are never served as
# files: a view checks that the viewer may see what the image belongs to.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# Email goes out over SMTP in production (`check --deploy` refuses a development backend there)
# and is printed on the console in development; TEJIDO_EMAIL_BACKEND chooses another.
_SMTP = "django.core.mail.backends.smtp.EmailBackend"
_email_backend = env(
    "EMAIL_BACKEND", _SMTP if PRODUCTION else "django.core.mail.backends.console.EmailBackend"
)
MAILERS = {
    "default": {
        "BACKEND": _email_backend,
        "OPTIONS": (
            {
                "host": env("EMAIL_HOST", "localhost"),
                "port": int(env("EMAIL_PORT", "25")),
                "username": env("EMAIL_HOST_USER"),
                "password": env("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS"),
            }
            if _email_backend == _SMTP
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = env("FROM_EMAIL", "tejido@localhost")
# Discreet mode: the sender name shown instead of the network's name.
DISCREET_SENDER_NAME = env("DISCREET_SENDER_NAME", "Notifications")

# Security baseline. Django's own CSP: no inline script or style without a nonce, nothing
# from elsewhere, no framing.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
# No referrer ever leaves for another site. Not "no-referrer": with it browsers send
# "Origin: null" on every form POST, which Django's CSRF check rightly rejects.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "tejido.web.views.errors.csrf_failure"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    # Django logs every 4xx with its path at WARNING; paths can hold invitation tokens and
    # member ids, so only server errors are logged.
    "loggers": {"django.request": {"level": "ERROR"}},
}
