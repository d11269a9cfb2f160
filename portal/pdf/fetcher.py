"""A WeasyPrint URL fetcher that serves the project's static files and nothing else.

Django-free on purpose: the render worker, a child process without Django, uses it with the
static directories the web process found for it (``static_roots``).
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

# Documents are rendered against this fake origin: only its static paths resolve.
BASE_URL = "https://pdf.invalid/"


class ResourceRefused(ValueError):
    """A URL outside the project's static files (network, file:, data:, media...)."""


def resolve(url: str, *, roots: tuple[str, ...], static_url: str) -> Path | None:
    """The static file a URL names, inside one of ``roots``, or None."""
    parts = urlsplit(url)
    if parts.query or parts.fragment or f"{parts.scheme}://{parts.netloc}/" != BASE_URL:
        return None
    if not parts.path.startswith(static_url):
        return None
    relative = unquote(parts.path[len(static_url) :])
    if not relative or relative.startswith("/") or "\\" in relative or "\x00" in relative:
        return None
    if any(part in ("", ".", "..") for part in relative.split("/")):
        return None
    for root in roots:
        base = Path(root).resolve()
        candidate = (base / relative).resolve()
        if candidate.is_relative_to(base) and candidate.is_file():
            return candidate
    return None


class StaticOnlyFetcher(URLFetcher):
    """Serves files under the static roots; refuses the network, file:, data: and the rest.

    ``log`` (optional) receives every URL WeasyPrint asked for, served or not: tests use it
    to prove that nothing outside the stylesheets was fetched.
    """

    def __init__(self, *, roots: tuple[str, ...], static_url: str, log: list | None = None):
        super().__init__(allowed_protocols=("https",), allow_redirects=False)
        self.roots = tuple(roots)
        self.static_url = static_url
        self.log = log

    def fetch(self, url, headers=None):
        if self.log is not None:
            self.log.append(url)
        path = resolve(url, roots=self.roots, static_url=self.static_url)
        if path is None:
            raise ResourceRefused(f"Resource refused in a PDF: {url[:200]}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": content_type}
        )
