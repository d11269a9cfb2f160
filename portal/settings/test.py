"""Test settings: development settings, quicker password hashing, strict templates."""

from .dev import *  # noqa: F403
from .dev import DATABASES, TEMPLATES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = "INVALID_TEMPLATE_VARIABLE[%s]"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "livrets": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Tests open and close connections across threads (live server, WSGI runs of schemathesis):
# never reuse a connection that another test closed.
DATABASES["default"]["CONN_MAX_AGE"] = 0

# Background tasks run at once, in the request or the command that enqueues them.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# Exports answer the PDF itself unless a test asks for the progress page (a render on a
# loaded CI machine may take longer than the production second).
PDF_WAIT_SECONDS = 120
