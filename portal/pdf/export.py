"""A PDF export as the person asking sees it: at once from the cache, within a second, or
through a progress page that starts the download when the PDF is ready.

Views check access first, every time, then hand a ``PdfExport`` to ``export_response`` (the
download link) or ``progress_response`` (the progress page and its htmx fragment):

- the PDF kept for this revision (``store``) is answered at once, uncounted;
- a render of this revision already under way (another tab, the background preparation)
  is followed on the progress page, uncounted;
- otherwise the export is counted (``limits``: the per-hour limit still applies), claimed
  and rendered in a thread of this process under the render limits (time, memory, number
  of render processes); the request waits ``PDF_WAIT_SECONDS`` (1) for it, then answers a
  redirect to the progress page, which polls with htmx (``every 1s``) or, without
  JavaScript, refreshes itself (``<noscript><meta http-equiv="refresh">``), and starts the
  download once the PDF is there (``static/js/pdf-progress.js``, or the same refresh).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control

from . import jobs, limits, store
from .response import FAILED, MESSAGES, failed, pdf_file, too_many
from .worker import PdfError

TEMPLATE = "pdf/progress.html"
# htmx stops polling on this status (a 2xx: the fragment is still swapped in).
STOP_POLLING = 286
ERRORS = {cls.__name__: message for cls, message in MESSAGES.items()}


@dataclass(frozen=True)
class PdfExport:
    # The document's place in the cache ("livret:<public id>", "selfcheck:<requester>").
    slot: str
    # Everything the PDF depends on: another revision is another PDF.
    revision: str
    make_html: Callable[[], str]
    filename: str
    download_url: str
    progress_url: str
    # The page the export was asked from.
    back: str


def printed(
    *, slot: str, html: str, filename: str, download_url: str, progress_url: str, back: str
) -> PdfExport:
    """The export of a document whose print HTML is quick to build (the self-check result,
    the recevabilité request, the jury grid): its revision is the hash of that HTML, which
    holds everything printed (content, names, date), and of the layout."""
    content = hashlib.sha256(html.encode()).hexdigest()
    return PdfExport(
        slot=slot,
        revision=f"{content}:{store.layout_version()}",
        make_html=lambda: html,
        filename=filename,
        download_url=download_url,
        progress_url=progress_url,
        back=back,
    )


def wait_seconds() -> float:
    return float(settings.PDF_WAIT_SECONDS)


def export_response(request, export: PdfExport) -> HttpResponse:
    """The download link: the PDF, a redirect to its progress page, or a message."""
    entry = store.get(export.slot, export.revision)
    if entry is not None:
        return pdf_file(entry.pdf, export.filename)
    if jobs.is_running(export.slot, export.revision):
        return redirect(export.progress_url)
    if not limits.take_export(request):
        return too_many(request, back=export.back)
    html = export.make_html()
    if not jobs.claim(export.slot, export.revision, html_chars=len(html)):
        return redirect(export.progress_url)
    future = jobs.render_in_background(export.slot, export.revision, html)
    try:
        rendered = future.result(timeout=wait_seconds())
    except FutureTimeout:
        return redirect(export.progress_url)
    except PdfError as error:
        return failed(request, error, back=export.back)
    return pdf_file(rendered.pdf, export.filename)


def progress_response(request, export: PdfExport) -> HttpResponse:
    """The progress page, or its fragment for htmx's polling."""
    progress = jobs.progress(export.slot, export.revision)
    context = {
        "export": export,
        "progress": progress,
        "percent": round(progress.fraction * 100),
        "error": ERRORS.get(progress.error, FAILED) if progress.state == "failed" else "",
        "refresh_seconds": 2,
    }
    if request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request"):
        status = 200 if progress.state == "running" else STOP_POLLING
        response = render(request, f"{TEMPLATE}#progress", context, status=status)
    else:
        status = 503 if progress.state == "failed" else 200
        response = render(request, TEMPLATE, context, status=status)
    patch_cache_control(response, private=True, no_store=True)
    response["Vary"] = "HX-Request"
    return response
