"""Exported PDFs kept in the shared cache, one per document, under the revision they show.

A document (a livret, a requester's self-check result) has one *slot*. The slot holds the
latest PDF made of it with the *revision* it was made from: a string naming everything the
PDF depends on (content revision, referential version, date, layout). An export whose
current revision equals the slot's is answered from it; any other revision is a miss, so a
PDF rendered from older content can never be served for newer content, whatever the order
in which renders end. A change also drops the slot (``drop``), which frees the memory at once.

Where: the ``pdf`` cache (``CACHES``), Redis in production, shared by every application
server and the task worker. A 128-page livret's PDF is about 1 MB; each entry expires after
``PDF_CACHE_SECONDS``. Nothing here checks who asks: callers check access first, every time.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import InvalidCacheBackendError

ALIAS = "pdf"
# What a PDF's look depends on besides its content: part of every revision.
LAYOUT_FILES = (
    "templates/pdf/*.html",
    "static/css/pdf.css",
    "static/pdf/*",
    "portal/pdf/engine.py",
    "livrets/pdf/*.py",
    "selfcheck/pdf.py",
)


@dataclass(frozen=True)
class Entry:
    revision: str
    pdf: bytes
    # How long its render took: the next render's estimate on the progress page.
    seconds: float


def cache():
    try:
        return caches[ALIAS]
    except InvalidCacheBackendError:
        return caches["default"]


@functools.cache
def layout_version() -> str:
    """A hash of the print templates, stylesheet, images and builders, once per process."""
    base = Path(settings.BASE_DIR)
    sha = hashlib.sha256()
    for pattern in LAYOUT_FILES:
        for path in sorted(base.glob(pattern)):
            sha.update(path.name.encode())
            sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


def digest(revision: str) -> str:
    return hashlib.sha256(revision.encode()).hexdigest()[:32]


def _key(slot: str) -> str:
    return f"pdf:{slot}"


def _seconds_key(slot: str) -> str:
    return f"pdf-seconds:{slot}"


def timeout() -> int:
    return int(settings.PDF_CACHE_SECONDS)


def get(slot: str, revision: str) -> Entry | None:
    """The slot's PDF if it was made from ``revision``, else None."""
    found = cache().get(_key(slot))
    if found is None:
        return None
    stored_revision, pdf, seconds = found
    if stored_revision != revision:
        return None
    return Entry(stored_revision, pdf, seconds)


def has(slot: str, revision: str) -> bool:
    return get(slot, revision) is not None


def put(slot: str, revision: str, pdf: bytes, seconds: float) -> None:
    cache().set_many({_key(slot): (revision, pdf, seconds), _seconds_key(slot): seconds}, timeout())


def drop(slot: str) -> None:
    """Forget the slot's PDF (its document changed). Its last render time is kept."""
    cache().delete(_key(slot))


def forget(slot: str) -> None:
    """Remove every key of the slot (its document is deleted): the PDF and its render time."""
    cache().delete_many([_key(slot), _seconds_key(slot)])


def last_seconds(slot: str) -> float | None:
    return cache().get(_seconds_key(slot))
