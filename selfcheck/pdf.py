"""PDF of a print template with WeasyPrint, reading only the project's static files.

Kept small on purpose: the livret's PDF will reuse `StaticOnlyFetcher` and `render_pdf`.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Documents are rendered against this fake origin: only its /static/ paths resolve.
BASE_URL = "https://pdf.invalid/"


def static_path(url: str) -> Path | None:
    """The project static file a URL names, or None for anything else."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(
        settings.STATIC_URL
    ):
        return None
    relative = unquote(parts.path[len(settings.STATIC_URL) :])
    if not relative or relative.startswith("/") or ".." in relative.split("/"):
        return None
    found = finders.find(relative)
    return Path(found) if found else None


class StaticOnlyFetcher(URLFetcher):
    """Serves the project's static files; refuses the network, file: and every other URL."""

    def fetch(self, url, headers=None):
        path = static_path(url)
        if path is None:
            raise ValueError(f"Resource refused in a PDF: {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def render_pdf(template: str, context: dict, *, request=None) -> bytes:
    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyFetcher()).write_pdf()
