"""Production: everything comes from the environment, nothing secret lives here."""

import os

from django.core.exceptions import ImproperlyConfigured

from . import environment
from .base import *  # noqa: F403
from .base import LIVRET_FILES_ROOT, MEDIA_ROOT


def _env(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = _env("SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _env("ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# Uploads on local files or S3-compatible storage (STORAGE=s3); static files hashed and
# compressed by `collectstatic`, served by WhiteNoise with far-future cache headers.
STORAGES = environment.storages(media_root=MEDIA_ROOT, livret_files_root=LIVRET_FILES_ROOT)
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
WHITENOISE_MAX_AGE = 31_536_000

# Anonymous responses of public pages are kept in the shared cache (5 minutes by default).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = environment.flag("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_COOKIE_HTTPONLY = True  # no script reads it: htmx gets the token from the page
X_FRAME_OPTIONS = "DENY"

# EMAIL_BACKEND (SMTP), EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS…
globals().update(environment.email())
WAGTAILADMIN_BASE_URL = _env("WAGTAILADMIN_BASE_URL")
