"""Development: SQLite under var/, DEBUG, console email."""

import os

from . import environment
from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-0f3c9a7e1b5d4c2a8e6f")  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Background tasks run at once in development unless TASKS_BACKEND=database is set.
TASKS = environment.tasks({"TASKS_BACKEND": os.environ.get("TASKS_BACKEND", "immediate")})
