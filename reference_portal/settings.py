"""Django settings for the reference portal, read from REFERENCE_PORTAL_* environment variables."""

from __future__ import annotations

import os
import secrets
from email.utils import formataddr
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from reference_portal import config, defects, variants
from reference_portal.editions import DEFAULT_EDITION, EDITIONS

PACKAGE_DIR = Path(__file__).resolve().parent

# Without a configured key tokens only live as long as this process, which suits a test portal.
SECRET_KEY = os.environ.get(config.ENV_SECRET_KEY) or secrets.token_urlsafe(50)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", *config.env_list(config.ENV_ALLOWED_HOSTS)]

PORTAL_EDITION = os.environ.get(config.ENV_EDITION) or DEFAULT_EDITION
if PORTAL_EDITION not in EDITIONS:
    raise ImproperlyConfigured(
        f"{config.ENV_EDITION}={PORTAL_EDITION!r} is not an edition; use one of {', '.join(EDITIONS)}"
    )
_edition = EDITIONS[PORTAL_EDITION]
PORTAL_PRODUCT_NAME = _edition.product_name

try:
    PASSWORD_MIN_LENGTH = config.env_int(config.ENV_PASSWORD_MIN_LENGTH, 15)
    ACTIVATION_TOKEN_SECONDS = config.env_int(config.ENV_ACTIVATION_TOKEN_SECONDS, 24 * 60 * 60)
    REMEMBER_ME_SECONDS = config.env_int(config.ENV_REMEMBER_ME_SECONDS, 14 * 24 * 60 * 60)
    # A session without "Remember me" ends after this long without a request (ASVS V7.3.1).
    IDLE_TIMEOUT_SECONDS = config.env_int(config.ENV_IDLE_TIMEOUT_SECONDS, 15 * 60)
    # Consecutive failed sign-ins that lock an account until the "Unlock account?" e-mail is used.
    LOCKOUT_THRESHOLD = config.env_int(config.ENV_LOCKOUT_THRESHOLD, 10)
    # The password-reset link's lifetime (NIST SP 800-63B 4.2.1.2 allows at most 24 h).
    PASSWORD_RESET_TIMEOUT = config.env_int(config.ENV_RESET_TOKEN_SECONDS, 60 * 60)
    EMAIL_HOST, EMAIL_PORT = config.parse_smtp(os.environ.get(config.ENV_SMTP) or config.DEFAULT_SMTP)
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ.get(config.ENV_DATABASE_URL) or config.DEFAULT_DATABASE_URL
        )
    }
    PORTAL_DEFECTS = defects.from_environment()
    # Documented variations of the flows, switched on by name (reference_portal/variants.py).
    PORTAL_VARIANTS = variants.from_environment(PORTAL_EDITION)
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from error
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The server is threaded: wait for a busy SQLite file instead of failing at once, and take the
    # write lock when a transaction begins (a deferred one that later writes fails at once instead).
    # Write-ahead logging lets pages be read while another request writes, and commits without
    # waiting for the disk each time (synchronous=NORMAL, safe in WAL mode): with the default
    # rollback journal every request's session write queued behind an fsync.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20, transaction_mode="IMMEDIATE", init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "reference_portal.identity",
    "reference_portal.selfservice",
    "reference_portal.permits",
    "reference_portal.billing",
]

MIDDLEWARE = [
    "reference_portal.defects.DefectsMiddleware",  # does nothing unless a defect is switched on
    # Before anything resolves a URL: the variants in force may place pages elsewhere.
    "reference_portal.variants.VariantsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "reference_portal.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "reference_portal.urls"
WSGI_APPLICATION = "reference_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The edition's directory comes first so it can override any shared template; the
        # loader picks it per request (reference_portal.template_loaders).
        "OPTIONS": {
            # Parsed once per edition, not on every page (reference_portal.template_loaders).
            "loaders": [("reference_portal.template_loaders.CachedPerEdition", [
                "reference_portal.template_loaders.EditionLoader",
                "django.template.loaders.app_directories.Loader",
            ])],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reference_portal.context_processors.portal",
                "reference_portal.context_processors.variants",
            ],
            # `{{ "Sign up"|say }}`: a label as the variant in force prints it (reference_portal.wording).
            "builtins": ["reference_portal.wording"],
        },
    },
]

AUTH_USER_MODEL = "identity.Resident"
LOGIN_URL = "sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "sign-in"

# Length, not composition rules (NIST SP 800-63B).
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "first_name", "last_name")},
    },
]
# Deliberate policy defects, for the checks that must catch them (reference_portal/defects.py).
if "password-min-length-8" in PORTAL_DEFECTS:
    AUTH_PASSWORD_VALIDATORS[0]["OPTIONS"]["min_length"] = 8
if "common-passwords-allowed" in PORTAL_DEFECTS:
    AUTH_PASSWORD_VALIDATORS = [v for v in AUTH_PASSWORD_VALIDATORS if "Common" not in v["NAME"]]
if "password-composition-rules" in PORTAL_DEFECTS:
    AUTH_PASSWORD_VALIDATORS.append({"NAME": "reference_portal.identity.validators.CompositionRulesValidator"})
PASSWORD_HASHERS = [
    "reference_portal.identity.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = 10
PORTAL_EMAIL_FROM_NAME = os.environ.get(config.ENV_EMAIL_FROM_NAME) or _edition.email_from_name
PORTAL_EMAIL_FROM_ADDRESS = "noreply@community-access.test"
DEFAULT_FROM_EMAIL = formataddr((PORTAL_EMAIL_FROM_NAME, PORTAL_EMAIL_FROM_ADDRESS))
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_HTTPONLY = "session-cookie-readable-by-scripts" not in PORTAL_DEFECTS
SESSION_COOKIE_SAMESITE = "Lax"
# Sessions expire on the portal's clock, which tests may move (reference_portal.clock).
SESSION_ENGINE = "reference_portal.identity.sessions"
# Without "Remember me" a session is idle-timed: each request pushes its end back.
SESSION_COOKIE_AGE = IDLE_TIMEOUT_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
if "session-never-idles" in PORTAL_DEFECTS:
    SESSION_COOKIE_AGE = 30 * 24 * 60 * 60
# Over HTTPS: cookies only over TLS, and HSTS (SecurityMiddleware sends it on secure requests only).
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = os.environ.get(config.ENV_HTTPS, "") not in ("", "0")
if SESSION_COOKIE_SECURE:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
CSRF_COOKIE_HTTPONLY = True  # no script on the site needs to read it
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The payment processor: checkout's "Continue" goes to its hosted page (so form-action allows it).
PAYMENT_PROCESSOR_URL = os.environ.get(config.ENV_PROCESSOR_URL, "").rstrip("/")
PAYMENT_PROCESSOR_SECRET = os.environ.get(config.ENV_PROCESSOR_SECRET, "")
_processor_origin = "/".join(PAYMENT_PROCESSOR_URL.split("/", 3)[:3]) if PAYMENT_PROCESSOR_URL else ""
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; "
    f"frame-ancestors 'none'; form-action 'self' {_processor_origin}".rstrip()
)
if "no-content-security-policy" in PORTAL_DEFECTS:
    CONTENT_SECURITY_POLICY = ""

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
STATIC_URL = "/static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# DEBUG is off, so send errors to stderr instead of mailing admins; request lines only for server errors.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Timed to the millisecond, so a line can be matched with a scenario's failure.
    "formatters": {"timed": {"format": "%(asctime)s.%(msecs)03d %(message)s", "datefmt": "%Y-%m-%dT%H:%M:%S"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "timed"}},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": "WARNING"},
        # A line per request: the harness keeps this log beside a run's artifacts.
        "django.server": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "reference_portal": {"handlers": ["stderr"], "level": "INFO"},
    },
}
