"""Helpers of the review views."""

from __future__ import annotations

from django.utils.http import url_has_allowed_host_and_scheme

from portal.sessions import base_context


def safe_next(request, default: str) -> str:
    """A path of this site to come back to; anything else (another site, a bare word that
    ``redirect`` would take for a view name) gives ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


__all__ = ["base_context", "safe_next"]
