"""Exports per user: at most ``PDF_EXPORTS_PER_HOUR`` (10) in an hour, counted in the cache.

An anonymous self-check is counted per session and, since a new cookie makes a new session,
per client address too (``PDF_EXPORTS_PER_HOUR_PER_ADDRESS``, 30: people behind one address
share it). Counters live in the shared cache (``portal.ratelimit``).
"""

from __future__ import annotations

from django.conf import settings

from portal.ratelimit import client_address, take

WINDOW_SECONDS = 3600


def exports_per_hour() -> int:
    return settings.PDF_EXPORTS_PER_HOUR


def exports_per_hour_per_address() -> int:
    return settings.PDF_EXPORTS_PER_HOUR_PER_ADDRESS


def requester_key(request) -> str:
    """The user, or for an anonymous self-check, the session."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    if not request.session.session_key:
        request.session.save()
    return f"session:{request.session.session_key}"


def take_export(request) -> bool:
    """Count one export; False when the requester has used up this hour's exports."""
    if not request.user.is_authenticated and not take(
        f"pdf-exports:address:{client_address(request)}",
        limit=exports_per_hour_per_address(),
        window=WINDOW_SECONDS,
    ):
        return False
    return take(
        f"pdf-exports:{requester_key(request)}", limit=exports_per_hour(), window=WINDOW_SECONDS
    )
