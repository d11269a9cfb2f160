"""Helpers shared by the livret views."""

from __future__ import annotations

from django.http import HttpRequest

from portal.sessions import timer_context


def base_context(request: HttpRequest) -> dict:
    """What every livret page's layout needs: the session's timer."""
    return timer_context(request)
