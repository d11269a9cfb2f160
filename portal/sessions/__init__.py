"""Sessions end SESSION_COOKIE_AGE after the last request, without a write on every request.

``SESSION_SAVE_EVERY_REQUEST`` would write the session row (a transaction and its commit) on
every request, autosaves included. Instead the session carries its own expiry date, pushed
back to "now + SESSION_COOKIE_AGE" when a request uses the session and the expiry was last
pushed more than ``SESSION_REFRESH_SECONDS`` ago: at most one session write a minute. Every
response that used the session tells the page, in ``X-Session-Expires-In``, how many seconds
are really left, so the expiry warning never counts on more time than the server gives.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

EXPIRES_IN_HEADER = "X-Session-Expires-In"


def refresh_seconds() -> int:
    return settings.SESSION_REFRESH_SECONDS


def extend(session, *, force: bool = False) -> int:
    """Push the expiry back to now + SESSION_COOKIE_AGE if due (or forced); seconds left.

    An empty session (an anonymous visitor's) is left alone: no session row for nothing.
    """
    age = settings.SESSION_COOKIE_AGE
    left = session.get_expiry_age()
    if session.is_empty() and not force:
        return left
    if force or "_session_expiry" not in session or left <= age - refresh_seconds():
        session.set_expiry(timezone.now() + timedelta(seconds=age))
        left = age
    return left


class SessionRefreshMiddleware:
    """Placed after SessionMiddleware: extends used, non-empty sessions (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.accessed
            and not session.is_empty()
            and response.status_code < 500
        ):
            response[EXPIRES_IN_HEADER] = str(extend(session))
        return response


def base_context(request) -> dict:
    """What a signed-in page's session timer needs: seconds left (extended by this request),
    when to warn, and the session's full length."""
    return {
        "session_seconds": int(extend(request.session)) if hasattr(request, "session") else 0,
        "session_warn_seconds": 120,
        "session_cookie_age": settings.SESSION_COOKIE_AGE,
    }
