"""URLs that cannot change while the process runs, computed once per process.

``{% url %}`` and ``{% static %}`` redo their work on every render (the resolver's reverse
dictionary and a regular expression for one, an app-registry check and a URL join for the
other); the header of every page asks for half a dozen of them. A view name without
arguments always reverses to the same path, and a static file's URL depends only on the
settings, so both are kept per script prefix (the part of the URL a proxy may add in front)
and URLconf. A test that changes the settings they read clears them.
"""

from __future__ import annotations

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static as _static
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as _reverse


@functools.cache
def _reversed(name: str, prefix: str, urlconf) -> str:
    return _reverse(name, urlconf=urlconf)


@functools.cache
def _static_url(path: str, prefix: str) -> str:
    return _static(path)


def url(name: str) -> str:
    """``reverse(name)`` for a view name that takes no argument."""
    return _reversed(name, get_script_prefix(), get_urlconf())


def static(path: str) -> str:
    """The URL of a static file, as ``{% static %}`` gives it."""
    return _static_url(path, get_script_prefix())


@receiver(setting_changed)
def forget(*, setting: str, **kwargs) -> None:
    if setting in ("ROOT_URLCONF", "STATIC_URL", "STORAGES", "FORCE_SCRIPT_NAME"):
        _reversed.cache_clear()
        _static_url.cache_clear()
