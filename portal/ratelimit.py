"""Counters in the shared cache: how many times something was done in a window.

The count lives in Django's cache (Redis in production), so every web process sees the same
number. A window opens with the first use and lasts ``window`` seconds: ``add`` creates the
counter with its expiry, ``incr`` counts atomically and keeps it.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.core.cache import cache


def take(key: str, *, limit: int, window: int) -> bool:
    """Count one use of ``key``; False when ``limit`` uses were already counted this window."""
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: a new window starts now
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


def _trusted(address: str) -> bool:
    """Is ``address`` one of the proxies allowed to say who the client is?"""
    trusted = getattr(settings, "FORWARDED_ALLOW_IPS", ["127.0.0.1"])
    if "*" in trusted:
        return True
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    for entry in trusted:
        try:
            if ip in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_address(request) -> str:
    """The client's address: the connection's, or behind a trusted proxy, the forwarded one.

    Only a proxy listed in FORWARDED_ALLOW_IPS (the setting gunicorn reads too) may name the
    client in ``X-Forwarded-For``; the rightmost address not itself a trusted proxy is the
    client (whatever a client writes there itself stays to its left).
    """
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if not _trusted(remote):
        return remote
    forwarded = [
        a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()
    ]
    for address in reversed(forwarded):
        if not _trusted(address):
            return address[:64]
    return forwarded[0][:64] if forwarded else remote
