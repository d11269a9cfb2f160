"""Helpers shared by the livret views."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from portal import sessions


def session_seconds(request: HttpRequest) -> int:
    """Seconds before the session expires if the candidate does nothing more."""
    return int(sessions.extend(request.session)) if hasattr(request, "session") else 0


def base_context(request: HttpRequest) -> dict:
    return {
        "session_seconds": session_seconds(request),
        "session_warn_seconds": 120,
        "session_cookie_age": settings.SESSION_COOKIE_AGE,
    }
