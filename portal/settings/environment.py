"""Settings read from the environment: cache, sessions, storages, email, tasks.

Plain functions over a mapping (``os.environ`` by default) so that tests can check what a
given environment yields without reloading the settings.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def flag(name: str, default: bool, env: Mapping[str, str] = os.environ) -> bool:
    value = env.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def caches(env: Mapping[str, str] = os.environ) -> dict:
    """Redis when REDIS_URL is set (shared by every application server), else local memory.

    ``pdf`` keeps the exported PDFs (about 1 MB for a 128-page livret, one per document):
    the same Redis under its own prefix, or its own server with PDF_CACHE_REDIS_URL (to give
    it its own ``maxmemory``).
    """
    if env.get("REDIS_URL"):
        prefix = env.get("CACHE_KEY_PREFIX", "cqp")
        redis = "django.core.cache.backends.redis.RedisCache"
        return {
            "default": {
                "BACKEND": redis,
                "LOCATION": env["REDIS_URL"],
                "KEY_PREFIX": prefix,
                "TIMEOUT": 600,
            },
            "pdf": {
                "BACKEND": redis,
                "LOCATION": env.get("PDF_CACHE_REDIS_URL") or env["REDIS_URL"],
                "KEY_PREFIX": f"{prefix}-pdf",
            },
        }
    local = "django.core.cache.backends.locmem.LocMemCache"
    return {
        "default": {"BACKEND": local, "LOCATION": "portal"},
        "pdf": {"BACKEND": local, "LOCATION": "portal-pdf", "OPTIONS": {"MAX_ENTRIES": 200}},
    }


def session_engine(env: Mapping[str, str] = os.environ) -> str:
    """Sessions in Redis backed by the database (a Redis restart logs nobody out); Django's
    engines with the database read written out (``portal.sessions.db``)."""
    if env.get("SESSION_ENGINE"):
        return env["SESSION_ENGINE"]
    if env.get("REDIS_URL"):
        return "portal.sessions.cached_db"
    return "portal.sessions.db"


def _s3_options(env: Mapping[str, str], prefix: str, location: str, private: bool) -> dict:
    options = {
        "bucket_name": env.get(f"{prefix}S3_BUCKET") or env.get("S3_BUCKET", ""),
        "location": location,
        "file_overwrite": False,
        "querystring_auth": private,
        "default_acl": "private" if private else None,
    }
    for key, name in (
        ("endpoint_url", "S3_ENDPOINT_URL"),
        ("region_name", "S3_REGION"),
        ("access_key", "S3_ACCESS_KEY_ID"),
        ("secret_key", "S3_SECRET_ACCESS_KEY"),
        ("custom_domain", f"{prefix}S3_CUSTOM_DOMAIN"),
    ):
        if env.get(name):
            options[key] = env[name]
    return options


def storages(
    *, media_root: Path, livret_files_root: Path, env: Mapping[str, str] = os.environ
) -> dict:
    """Uploads on local files by default, on S3-compatible object storage with STORAGE=s3.

    Three stores: ``default`` (Wagtail images and documents, public), ``livrets`` (the
    candidates' supporting documents: private, served only through an owner check) and
    ``staticfiles`` (always local, served by WhiteNoise).
    """
    if env.get("STORAGE", "local") == "s3":
        s3 = "storages.backends.s3.S3Storage"
        default = {"BACKEND": s3, "OPTIONS": _s3_options(env, "MEDIA_", "media", False)}
        livrets = {
            "BACKEND": s3,
            "OPTIONS": _s3_options(env, "LIVRET_FILES_", "livret-files", True),
        }
    else:
        default = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media_root)},
        }
        livrets = {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(livret_files_root), "base_url": None},
        }
    return {
        "default": default,
        "livrets": livrets,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def email(env: Mapping[str, str] = os.environ) -> dict:
    """SMTP settings (production); EMAIL_BACKEND may name another backend."""
    return {
        "EMAIL_BACKEND": env.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
        "EMAIL_HOST": env.get("EMAIL_HOST", "localhost"),
        "EMAIL_PORT": int(env.get("EMAIL_PORT", "587")),
        "EMAIL_HOST_USER": env.get("EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": env.get("EMAIL_HOST_PASSWORD", ""),
        "EMAIL_USE_TLS": flag("EMAIL_USE_TLS", True, env),
        "EMAIL_USE_SSL": flag("EMAIL_USE_SSL", False, env),
        "EMAIL_TIMEOUT": int(env.get("EMAIL_TIMEOUT", "20")),
    }


def tasks(env: Mapping[str, str] = os.environ) -> dict:
    """Background tasks: in the database (any server enqueues, any worker runs) by default."""
    backend = env.get("TASKS_BACKEND", "database")
    if backend == "immediate":
        return {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    return {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
