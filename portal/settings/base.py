"""Settings shared by every environment.

Development, test and production modules import from here and change only what differs.
Setting DATABASE_URL switches any of them to PostgreSQL (or any database dj-database-url knows).
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from . import environment

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

INSTALLED_APPS = [
    "portal",
    "home",
    "home.referentials",
    "selfcheck",
    "livrets.candidatures",
    "livrets.livret2",
    "portal.accounts",
    "portal.accounts.retention",
    "livrets.review",
    "livrets.recevabilite",
    "livrets.jury",
    "livrets.desk",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_htmx",
    "formtools",
    "django_tasks_db",
    "django_zxcvbn_password_validator",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    # No NUL character in any parameter, cookie or file name past this point (portal.inputs).
    "portal.inputs.NulStrippingMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.sessions.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "portal.middleware.AdminAccessMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "livrets.candidatures.context_processors.navigation",
            ],
            # French plurals and numbers, the error summary: in every template.
            "builtins": ["portal.templatetags.portal_tags"],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Development on SQLite: a writer waits up to 20 s for another (instead of « database is
    # locked »), and every transaction takes the write lock when it begins, so that two
    # transactions never both read and then fail to upgrade to writing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: the desk's inbox counts its statuses in one query whose estimated
    # cost passes PostgreSQL's JIT threshold, and compiling it took over a second for a query
    # that runs in tens of milliseconds (``make bench``: desk_inbox_p95_ms). Short queries, as
    # every page of the portal runs, never gain from JIT.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords follow the CNIL's minimums for an account protected by a password only
# (délibération n° 2022-100, about 80 bits of entropy): at least 12 characters mixing
# capitals, small letters, digits and special characters, or at least 14 characters with
# capitals, small letters and digits, or a passphrase estimated at 2^80 guesses; then a
# maintained strength estimator (zxcvbn) refuses what is predictable, the person's names and
# email included (portal.passwords).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "portal.passwords.CnilPasswordValidator"},
    {"NAME": "portal.passwords.StrengthValidator"},
]
PASSWORD_MINIMAL_STRENGTH = 4
# French words and sequences an attacker tries first, which zxcvbn's English lists lack.
PASSWORD_EXTRA_DICTIONARY = [
    "motdepasse",
    "azerty",
    "azertyuiop",
    "qsdfghjklm",
    "wxcvbn",
    "soleil",
    "bonjour",
    "doudou",
    "chouchou",
    "portail",
    "cqpvae",
]

# Accounts (django-allauth): email as login, mandatory verification, throttled failed logins.
# Django's and allauth's backends, the signed-in user's read written out (portal.auth).
AUTH_USER_MODEL = "auth.User"
AUTHENTICATION_BACKENDS = [
    "portal.auth.ModelBackend",
    "portal.auth.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "livrets:list"
# `load_initial_data` (make run): each app's demo loader, in order.
DEMO_LOADERS = ["home.demo.load", "livrets.livret2.demo.load", "livrets.desk.demo.load"]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# First name and name, asked at sign-up: people appear by name to those they work with.
ACCOUNT_SIGNUP_FORM_CLASS = "portal.accounts.forms.NamesForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Portail CQP-VAE] "
# Account emails (verification, password reset) are sent by the task worker.
ACCOUNT_ADAPTER = "portal.accounts.adapter.AccountAdapter"
# Two-factor authentication (TOTP app and recovery codes) for anyone, editors included: the
# Wagtail admin signs in through allauth (WAGTAILADMIN_LOGIN_URL, /admin/login/ redirects).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Portail CQP-VAE"
WAGTAILADMIN_LOGIN_URL = "account_login"
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/300s/key"}
# Sessions end 30 minutes after the last request that used them; the editor warns 2 minutes
# before. portal.sessions pushes the expiry back at most once a minute instead of writing the
# session on every request (SESSION_SAVE_EVERY_REQUEST).
SESSION_COOKIE_AGE = 30 * 60
# Django's name; production uses "__Host-sessionid" (prod.py). The page cache reads it.
SESSION_COOKIE_NAME = "sessionid"
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
# Supporting documents of the livrets: outside MEDIA_ROOT, served only by an owner-checking view.
LIVRET_FILES_ROOT = Path(os.environ.get("LIVRET_FILES_ROOT", VAR_DIR / "livret-files"))
# What one account may hold, enforced under a lock on the account (portal.accounts.quotas, the
# livret's own limits in livrets.livret2.quotas): the supporting documents of one livret (each
# version counts its own copies), of all the account's livrets together, and the number of
# livrets (versions included).
LIVRET_MAX_BYTES = 100 * 1024 * 1024
ACCOUNT_MAX_BYTES = 500 * 1024 * 1024
ACCOUNT_MAX_LIVRETS = 20
# Data exports (a zip of everything held about the person) per account and hour.
DATA_EXPORTS_PER_HOUR = 5
# The proxies allowed to name the client in X-Forwarded-For, comma-separated addresses or
# networks ("*": any); the same variable tells gunicorn whom to trust (portal.ratelimit).
FORWARDED_ALLOW_IPS = [
    a.strip() for a in os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1").split(",") if a.strip()
]

LANGUAGE_CODE = "fr"
# allauth's French with the portal's words (« adresse électronique », « courriel »).
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files served at the site's root by WhiteNoise (favicon.ico).
WHITENOISE_ROOT = BASE_DIR / "portal" / "public"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Uploads: local files by default, S3-compatible object storage with STORAGE=s3.
STORAGES = environment.storages(media_root=MEDIA_ROOT, livret_files_root=LIVRET_FILES_ROOT)

# Redis from REDIS_URL for the cache and the sessions (shared by every application server).
CACHES = environment.caches()
SESSION_ENGINE = environment.session_engine()
# Anonymous responses of the public Wagtail pages kept this many seconds (0: off).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))

# Exported PDFs (livrets, self-check results) kept in the "pdf" cache this many seconds: an
# export of an unchanged document is answered from it (portal.pdf.store).
PDF_CACHE_SECONDS = int(os.environ.get("PDF_CACHE_SECONDS", str(12 * 3600)))
# How long an export waits for its render before showing the progress page instead.
PDF_WAIT_SECONDS = float(os.environ.get("PDF_WAIT_SECONDS", "1"))
# A livret's next PDF is prepared by the task worker once the candidate has stopped editing
# for this long (0: never in the background).
PDF_PREPARE_AFTER_SECONDS = int(os.environ.get("PDF_PREPARE_AFTER_SECONDS", "60"))

# Background work (emails, purges): Django's tasks framework, queued in the database.
TASKS = environment.tasks()
# Finished task rows (a sent email's keeps its address and body) are deleted after this many
# days by `python -m portal prune_task_results`, which `make serve` runs daily.
TASK_RESULTS_KEEP_DAYS = int(os.environ.get("TASK_RESULTS_KEEP_DAYS", "7"))

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Portail CQP-VAE <ne-pas-repondre@cqp-vae.example>"
)
# Where people write to the portal's team (accessibility, personal data), shown on the pages
# the footer links to (home.legal).
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "contact@cqp-vae.example")

WAGTAIL_SITE_NAME = "Portail CQP-VAE"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "french",
    }
}
# No outside avatar service: Gravatar leaks editors' address hashes and the admin's CSP blocks it
# (broken images); Wagtail shows its own default avatar or the one uploaded.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx"]

# Where the referential data files live (one JSON file per CQP).
REFERENTIAL_DATA_DIR = BASE_DIR / "home" / "referentials" / "data"

# A strict Content-Security-Policy: no inline script or style anywhere on the public site
# and the candidates' pages (the Wagtail admin has its own, see portal.middleware).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
# The Wagtail admin (editors only) needs inline styles and scripts; it may frame itself for
# previews. portal.middleware applies this policy under /admin/; everything else keeps
# SECURE_CSP.
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Data retention: accounts and livrets untouched for this long are deleted, after a warning
# sent RETENTION_WARNING_DAYS before.
RETENTION_MONTHS = int(os.environ.get("RETENTION_MONTHS", "24"))
RETENTION_WARNING_DAYS = int(os.environ.get("RETENTION_WARNING_DAYS", "14"))

# PDF exports (portal.pdf): each WeasyPrint render runs in a child process, at most
# PDF_RENDER_PROCESSES at a time per web process, stopped after PDF_TIME_LIMIT_SECONDS and
# capped at PDF_MEMORY_LIMIT_MIB of address space; a render process whose memory went past
# PDF_RECYCLE_MIB is replaced after its render. A person may export PDF_EXPORTS_PER_HOUR PDFs
# in an hour.
PDF_RENDER_PROCESSES = int(os.environ.get("PDF_RENDER_PROCESSES", "2"))
PDF_TIME_LIMIT_SECONDS = float(os.environ.get("PDF_TIME_LIMIT_SECONDS", "60"))
PDF_MEMORY_LIMIT_MIB = int(os.environ.get("PDF_MEMORY_LIMIT_MIB", "512"))
PDF_RECYCLE_MIB = int(os.environ.get("PDF_RECYCLE_MIB", "100"))
PDF_EXPORTS_PER_HOUR = int(os.environ.get("PDF_EXPORTS_PER_HOUR", "10"))
# Anonymous self-checks are counted per session and per client address too (a new cookie
# makes a new session, not a new address; people behind one address share this).
PDF_EXPORTS_PER_HOUR_PER_ADDRESS = int(os.environ.get("PDF_EXPORTS_PER_HOUR_PER_ADDRESS", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
