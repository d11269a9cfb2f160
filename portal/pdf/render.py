"""A print template to PDF bytes, through the limited render processes."""

from __future__ import annotations

import atexit
import threading
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from .worker import Rendered, RenderPool

_pool: RenderPool | None = None
_pool_lock = threading.Lock()


def static_roots() -> tuple[str, ...]:
    """The project's own static directories, in the finders' order.

    Only those inside the repository: not the installed packages' (the admin's, allauth's),
    not STATIC_ROOT, never MEDIA_ROOT or the livrets' files.
    """
    base = Path(settings.BASE_DIR).resolve()
    excluded = [Path(p).resolve() for p in (settings.MEDIA_ROOT, settings.LIVRET_FILES_ROOT)]
    roots: list[str] = []
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if not location:
                continue
            path = Path(location).resolve()
            if (
                path.is_relative_to(base)
                and "site-packages" not in path.parts
                and not any(path.is_relative_to(e) or e.is_relative_to(path) for e in excluded)
                and str(path) not in roots
            ):
                roots.append(str(path))
    return tuple(roots)


def time_limit() -> float:
    return settings.PDF_TIME_LIMIT_SECONDS


def pool() -> RenderPool:
    """This process's render pool, started on first use."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = RenderPool(
                roots=static_roots(),
                static_url=settings.STATIC_URL,
                size=settings.PDF_RENDER_PROCESSES,
                memory_mib=settings.PDF_MEMORY_LIMIT_MIB,
                recycle_mib=settings.PDF_RECYCLE_MIB,
            )
            atexit.register(_pool.close)
        return _pool


def html_to_pdf(html: str) -> Rendered:
    return pool().render(html, time_limit=time_limit())


def render_html(template: str, context: dict) -> str:
    return render_to_string(template, context)
