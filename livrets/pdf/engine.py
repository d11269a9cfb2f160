"""HTML to a tagged PDF with WeasyPrint. Django-free: the render worker calls it."""

from __future__ import annotations

from weasyprint import HTML

from .fetcher import BASE_URL, StaticOnlyFetcher

# Tagged PDF/UA-1: structure tree, /Lang from <html lang>, title shown in the window.
PDF_VARIANT = "pdf/ua-1"


def write_pdf(
    html: str, *, roots: tuple[str, ...], static_url: str, log: list | None = None
) -> bytes:
    fetcher = StaticOnlyFetcher(roots=roots, static_url=static_url, log=log)
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(pdf_variant=PDF_VARIANT)
