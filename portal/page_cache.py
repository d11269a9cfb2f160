"""The page cache of the production mode: public Wagtail pages for anonymous visitors.

A response is kept (``PAGE_CACHE_SECONDS``, in the shared cache, so every application server
sees it) only when all of this holds: the request is a GET without a session cookie, the
view is Wagtail's page serving, the answer is a plain 200 that sets no cookie, used no CSRF
token and is not marked private or uncacheable. A hit is answered before the session is
even loaded. Signed-in people, forms and anything personal never go through it.

Publishing, unpublishing, moving, deleting or saving (without a revision) any page bumps a
generation number stored with every entry, so a changed site is served fresh at once on
every server.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.db import transaction
from django.http import HttpResponse

GENERATION_KEY = "page-cache:generation"
CACHED_VIEWS = {"wagtail_serve"}
STORED_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options")


def bump_generation(**kwargs) -> None:
    """Invalidate every cached page (called when the page tree changes), and every route
    ``home.routing`` remembers until it is proved again: at once, and again when the
    transaction commits, so that nothing read from the database in between (before the change
    was visible) is kept under the new generation."""
    _bump()
    transaction.on_commit(_bump)


def current_generation(found: dict) -> int | None:
    """The generation in ``found`` (read along with an entry); one is set when the cache has
    none (a new or evicted key: a number never used before, so no older entry matches it)."""
    generation = found.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or evicted): one never used before
        cache.set(GENERATION_KEY, time.time_ns(), None)


def _key(request) -> str:
    htmx = "1" if request.headers.get("HX-Request") else "0"
    return f"page-cache:{request.get_host()}:{htmx}:{request.get_full_path()}"


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = settings.PAGE_CACHE_SECONDS
        if not self.seconds:
            raise MiddlewareNotUsed
        self.private_cookies = {settings.SESSION_COOKIE_NAME, "messages"}

    def _eligible(self, request) -> bool:
        return request.method in ("GET", "HEAD") and not (
            self.private_cookies & request.COOKIES.keys()
        )

    def __call__(self, request):
        if not self._eligible(request):
            return self.get_response(request)
        key = _key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = current_generation(found)
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            _, status, headers, content = entry
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
            response.headers["Content-Length"] = str(len(content))
            response.headers["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self._storable(request, response):
            headers = [(h, response.headers[h]) for h in STORED_HEADERS if h in response.headers]
            cache.set(
                key, (generation, response.status_code, headers, response.content), self.seconds
            )
            response.headers["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _storable(request, response) -> bool:
        match = getattr(request, "resolver_match", None)
        if request.method != "GET" or match is None or match.url_name not in CACHED_VIEWS:
            return False
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False  # the page holds a CSRF token: personal
        user = getattr(request, "user", None)
        if user is not None and getattr(user, "is_authenticated", False):
            return False
        control = response.headers.get("Cache-Control", "")
        return not any(word in control for word in ("private", "no-store", "no-cache"))


def watch(model) -> None:
    """Every save or deletion of ``model`` changes what cached public pages show."""
    from django.db.models.signals import post_delete, post_save

    for signal in (post_save, post_delete):
        signal.connect(
            bump_generation, sender=model, dispatch_uid=f"page-cache-{model.__name__}-{signal!r}"
        )
