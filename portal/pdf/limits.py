"""Exports per user: at most ``PDF_EXPORTS_PER_HOUR`` (10) in an hour, counted in the cache.

The count lives in Django's shared cache (Redis in production), so every web process and
worker sees the same number. A window opens with a user's first export and lasts an hour:
``add`` creates the counter with its expiry, ``incr`` counts atomically and keeps it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def exports_per_hour() -> int:
    return settings.PDF_EXPORTS_PER_HOUR


def requester_key(request) -> str:
    """The user, or for an anonymous self-check, the session."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    if not request.session.session_key:
        request.session.save()
    return f"session:{request.session.session_key}"


def take_export(request) -> bool:
    """Count one export; False when the requester has used up this hour's exports."""
    key = f"pdf-exports:{requester_key(request)}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window starts now
        cache.add(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count <= exports_per_hour()
