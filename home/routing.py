"""Page routing with a remembered path → page lookup.

Wagtail resolves a URL one tree level at a time (a query per level, each with `.specific`).
This view remembers, per site and path, which page answered, with the page object itself.
One small query proves the memory still holds: same id, still live, still at that URL path,
same latest revision (and, for a notice, same referential version), and whether any view
restriction exists. A stale entry (page moved, edited, unpublished or deleted) falls back to
Wagtail's own routing. The response is never cached: Wagtail's serve view still runs its
hooks (privacy, password) and renders the page.

That query runs once per entry and site generation, not on every visit: the entry records
the generation (``portal.page_cache.GENERATION_KEY``, in the shared cache) it was last proved
at. Every change the query would notice (publishing, unpublishing, moving, deleting or fully
saving a page, a view restriction, a CQP's referential version) bumps the generation, at once
and again when its transaction commits, so the next visit of each path proves its entry again.
The generation is as shared as the cache: application servers must share it (Redis), as the
page cache already requires.

The site matching a host name is remembered for a minute too (sites change rarely; a change
is picked up within SITE_TTL seconds, at once in the process that saved it).

Unpickling a remembered page on every visit cost about a tenth of a notice's time: the
entries go through ``portal.shared``, which unpickles each once per process, and each
request gets its own shallow copy of the page, as unpickling gave.
"""

from __future__ import annotations

import copy
import functools

from django.core.cache import cache
from django.db import connections, router
from django.db.models import Exists
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from portal import shared
from portal.page_cache import GENERATION_KEY, current_generation

ROUTE_TTL = 600
SITE_TTL = 60
SITES_KEY = "route:sites"


def find_site(request) -> Site | None:
    """Wagtail's site for this request, remembered per host name and port."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    host = (split_domain_port(request._get_raw_host())[0], request.get_port())
    sites = shared.get(SITES_KEY) or {}
    if host in sites:
        site = sites[host]
    else:
        site = Site.find_for_request(request)
        shared.set(SITES_KEY, {**sites, host: site}, SITE_TTL)
    request._wagtail_site = site
    return site


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def forget_sites(**kwargs):
    cache.delete(SITES_KEY)


def _key(site: Site, path: str) -> str:
    return f"route:{site.pk}:{path}"


def _fingerprint_fields(model) -> tuple[str, ...]:
    return ("latest_revision_id", *getattr(model, "route_fingerprint", ()))


_PK, _URL_PATH = -7_654_321, "\x00url-path"


@functools.cache
def _fingerprint_query(model, alias: str) -> tuple[str, list]:
    """The fingerprint query compiled once per model: building a query on a page model
    (several joined tables) costs more than running it."""
    queryset = (
        model.objects.using(alias)
        .filter(pk=_PK, live=True, url_path=_URL_PATH)
        .annotate(restricted=Exists(PageViewRestriction.objects.all()))
        .values_list(*_fingerprint_fields(model), "restricted")
    )
    sql, params = queryset.query.get_compiler(alias).as_sql()
    return sql, list(params)


def _fingerprint(model, pk: int, url_path: str) -> tuple[tuple | None, bool]:
    """The page's fingerprint (None when it is gone, moved or unpublished) and whether any
    view restriction exists on the site, in one query."""
    alias = router.db_for_read(model)
    sql, template = _fingerprint_query(model, alias)
    params = [pk if p == _PK else url_path if p == _URL_PATH else p for p in template]
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None, True
    return tuple(row[:-1]), bool(row[-1])


def remembered_page(key: str, entry, generation: int | None) -> Page | None:
    """The page of a remembered entry if it still holds, proved by a query when the site
    changed since the entry was last proved (or when no generation is known)."""
    if entry is None:
        return None
    kept, fingerprint, proved_at, restricted = entry
    if generation is None or proved_at != generation:
        current, restricted = _fingerprint(type(kept), kept.pk, kept.url_path)
        if current != fingerprint:
            return None
        shared.set(key, (kept, fingerprint, generation, restricted), ROUTE_TTL)
    page = copy.copy(kept)  # this request's own (its state, its cached properties)
    # Read by PortalPage.get_view_restrictions: no second query when the site has none.
    page.site_has_view_restrictions = restricted
    return page


def remember(key: str, page: Page, generation: int | None) -> None:
    model = type(page)
    related = getattr(model, "route_select_related", ())
    if related:  # store the page with what its template reads, to skip those queries later
        page = (
            model.objects.select_related(*related)
            .defer(*getattr(model, "route_defer", ()))
            .get(pk=page.pk)
        )
    fingerprint, restricted = _fingerprint(model, page.pk, page.url_path)
    if fingerprint is not None:
        shared.set(key, (page, fingerprint, generation, restricted), ROUTE_TTL)


def serve(request, path):
    site = find_site(request)
    if site is not None:
        key = _key(site, path)
        entry, found = shared.get_with(key, GENERATION_KEY)
        # Read before any page is: a change committed later bumps past it.
        generation = current_generation(found)
        page = remembered_page(key, entry, generation)
        if page is not None:
            request._wagtail_route_for_request = RouteResult(page)
        else:
            result = Page.route_for_request(request, path)
            if result is not None and not result.args and not result.kwargs:
                remember(key, result.page, generation)
    return wagtail_views.serve(request, path)
