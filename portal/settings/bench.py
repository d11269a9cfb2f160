"""`make bench`: production-like (DEBUG off), with its own SQLite file by default."""

import os

from .dev import *  # noqa: F403
from .dev import VAR_DIR

DEBUG = False
if not os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "bench.sqlite3",
            "CONN_MAX_AGE": 60,
        }
    }
LOGGING = {
    "version": 1,
    "disable_existing_loggers": True,
    "root": {"level": "ERROR", "handlers": []},
}
