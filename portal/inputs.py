"""Where every input enters: NUL characters removed once, integers read within the database's.

No text of the portal may hold a NUL character (PostgreSQL refuses it in any text column and
query, and no person types one): ``NulStrippingMiddleware`` removes it from the query string,
the form fields, the cookies and the uploaded files' names of every request, before any view
reads them; the JSON API refuses a body holding one, as its document says
(``portal.api.http``). A path holding one matches no page and is answered 400. Identifiers and
versions a request carries are read by ``bounded_int``, which gives None for what no database
row could have.
"""

from __future__ import annotations

import functools
from typing import Any

from django.http import HttpResponseBadRequest, QueryDict

NUL = "\x00"
# The largest value of a 64-bit signed integer column (PostgreSQL bigint, SQLite integer).
MAX_INT = 2**63 - 1


def strip_nul(value: Any) -> Any:
    """``value`` with every NUL character removed from its strings, in lists and dicts too."""
    if isinstance(value, str):
        return value.replace(NUL, "")
    if isinstance(value, list):
        return [strip_nul(item) for item in value]
    if isinstance(value, dict):
        return {strip_nul(key): strip_nul(item) for key, item in value.items()}
    return value


def bounded_int(raw: str | None, *, low: int = 0, high: int = MAX_INT) -> int | None:
    """The decimal integer ``raw`` spells (ASCII digits, optional sign), or None when it spells
    none or one outside ``[low, high]``."""
    text = (raw or "").strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not digits or not (digits.isascii() and digits.isdigit()) or len(digits) > 19:
        return None
    value = int(text)
    return value if low <= value <= high else None


def _clean(query: QueryDict) -> QueryDict:
    if not any(NUL in key or any(NUL in v for v in values) for key, values in query.lists()):
        return query
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        cleaned.setlist(strip_nul(key), [strip_nul(v) for v in values])
    cleaned._mutable = False
    return cleaned


@functools.cache
def _cleaning(request_class: type) -> type:
    """``request_class`` whose form data, once parsed (when a view first reads it), holds no
    NUL character: parsing stays lazy, so that a view reading the raw body still can."""

    class Cleaning(request_class):
        def _load_post_and_files(self):
            super()._load_post_and_files()
            self._post = _clean(self._post)
            for upload in self._files.values():
                if NUL in (upload.name or ""):
                    upload.name = strip_nul(upload.name)

    Cleaning.__name__ = Cleaning.__qualname__ = request_class.__name__
    return Cleaning


class NulStrippingMiddleware:
    """NUL characters out of every request's parameters, cookies and file names."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info:
            return HttpResponseBadRequest(
                "Adresse invalide.", content_type="text/plain; charset=utf-8"
            )
        request.GET = _clean(request.GET)
        request.COOKIES = strip_nul(request.COOKIES)
        request.__class__ = _cleaning(type(request))
        return self.get_response(request)
