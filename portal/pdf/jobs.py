"""Renders in progress, seen from every server: claim, progress, failure, result.

One render at a time per document revision: whoever claims it (an export, the background
preparation) renders; everyone else follows its progress. The claim, its start time and
estimated duration, and a failure live in the shared cache, so a progress page served by
another server, or a worker's render, are seen alike. A claim expires after the render's
time limit (plus a margin), so a render lost with its process is started again.

WeasyPrint reports no progress while it lays out: the progress shown is the elapsed time
over an estimate (the document's previous render, or its HTML's size), labelled as such.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass

from . import render as rendering
from . import store
from .worker import PdfError, Rendered

logger = logging.getLogger(__name__)

# Characters of print HTML WeasyPrint lays out per second on these machines (a 128-page
# livret: about 1.6 million characters in 9 s). Only for the first estimate of a document.
HTML_CHARS_PER_SECOND = 180_000
CLAIM_MARGIN_SECONDS = 30
FAILURE_SECONDS = 300


@dataclass(frozen=True)
class Progress:
    state: str  # "ready", "running", "failed" or "none"
    fraction: float = 0.0
    seconds_left: int = 0
    error: str = ""


def _running_key(slot: str, revision: str) -> str:
    return f"pdf-job:{slot}:{store.digest(revision)}"


def _failed_key(slot: str, revision: str) -> str:
    return f"pdf-failed:{slot}:{store.digest(revision)}"


def estimate(slot: str, html_chars: int) -> float:
    return store.last_seconds(slot) or max(1.0, html_chars / HTML_CHARS_PER_SECOND)


def claim(slot: str, revision: str, *, html_chars: int) -> bool:
    """Take the render of this revision; False when someone is rendering it already."""
    claimed = store.cache().add(
        _running_key(slot, revision),
        {"started": time.time(), "estimate": estimate(slot, html_chars)},
        timeout=int(rendering.time_limit()) + CLAIM_MARGIN_SECONDS,
    )
    if claimed:
        store.cache().delete(_failed_key(slot, revision))
    return claimed


def is_running(slot: str, revision: str) -> bool:
    return store.cache().get(_running_key(slot, revision)) is not None


def render_claimed(slot: str, revision: str, html: str) -> Rendered:
    """Render a claimed revision under the limits, keep the PDF, release the claim."""
    cache = store.cache()
    try:
        rendered = rendering.html_to_pdf(html)
    except PdfError as error:
        logger.warning("PDF not rendered for %s: %s", slot, error)
        cache.set(_failed_key(slot, revision), type(error).__name__, FAILURE_SECONDS)
        raise
    except BaseException:
        cache.set(_failed_key(slot, revision), "PdfError", FAILURE_SECONDS)
        raise
    else:
        store.put(slot, revision, rendered.pdf, rendered.seconds)
        return rendered
    finally:
        cache.delete(_running_key(slot, revision))


def render_in_background(slot: str, revision: str, html: str) -> Future:
    """Render a claimed revision in a thread of this process; the future gives the result."""
    future: Future = Future()

    def run() -> None:
        try:
            future.set_result(render_claimed(slot, revision, html))
        except BaseException as error:  # handed to whoever waits on the future
            future.set_exception(error)

    threading.Thread(target=run, name="pdf-export", daemon=True).start()
    return future


def progress(slot: str, revision: str) -> Progress:
    """Where the PDF of this revision stands, for the progress page."""
    cache = store.cache()
    found = cache.get_many([_running_key(slot, revision), _failed_key(slot, revision)])
    running = found.get(_running_key(slot, revision))
    if store.has(slot, revision):
        return Progress("ready", fraction=1.0)
    if running is not None:
        elapsed = time.time() - running["started"]
        expected = max(running["estimate"], 0.5)
        return Progress(
            "running",
            fraction=min(elapsed / expected, 0.95),
            seconds_left=max(1, round(expected - elapsed)),
        )
    failed = found.get(_failed_key(slot, revision))
    if failed is not None:
        return Progress("failed", error=failed)
    return Progress("none")
