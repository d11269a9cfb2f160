"""HTML to a tagged PDF with WeasyPrint. Django-free: the render worker calls it.

Two steps keep the peak memory of a long livret down (``make bench``: ``pdf_120p_peak_mib``):
the layout's cyclic garbage is collected before the PDF is assembled, and each page's
drawing operators are joined into one string as soon as the page is painted. WeasyPrint
otherwise keeps every operator as its own Python object until the whole file is written
(about 1,900 per page of text, 25 MiB for 120 pages). The bytes written are the same. Both
cost time (the collection about 5 % of a 30-page render) and only pay on long documents.
"""

from __future__ import annotations

import gc

from pydyf import _to_bytes
from weasyprint import HTML
from weasyprint.document import Page

from . import tagging
from .fetcher import BASE_URL, StaticOnlyFetcher

tagging.install()

# Tagged PDF/UA-1: structure tree, /Lang from <html lang>, title shown in the window.
PDF_VARIANT = "pdf/ua-1"
# From this many pages, the memory savings below apply.
LONG_DOCUMENT_PAGES = 50


class _JoinedPage(Page):
    """A laid-out page whose PDF operators become one string once painted."""

    def paint(self, stream, scale=1):
        super().paint(stream, scale)
        stream.stream = [b"\n".join(_to_bytes(item) for item in stream.stream)]


def _joined(page: Page) -> Page:
    joined = object.__new__(_JoinedPage)
    joined.__dict__.update(page.__dict__)
    return joined


def write_pdf(
    html: str, *, roots: tuple[str, ...], static_url: str, log: list | None = None
) -> bytes:
    fetcher = StaticOnlyFetcher(roots=roots, static_url=static_url, log=log)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        pdf_variant=PDF_VARIANT
    )
    tagging.mark_artifacts(document)
    if len(document.pages) >= LONG_DOCUMENT_PAGES:
        gc.collect()
        document = document.copy([_joined(page) for page in document.pages])
    return document.write_pdf(pdf_variant=PDF_VARIANT, finisher=tagging.finish)
