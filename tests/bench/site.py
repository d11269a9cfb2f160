"""The public site's figures: SQL queries of the notices and the catalogue, notice throughput."""

from __future__ import annotations

from .client import ratio

NOTICE = "/cqp/assistant-formation/"
QUERY_FIGURES = ("notice_queries", "catalogue_queries", "notice_queries_first_visit")
SERVER_FIGURES = ("notice_uncached_ratio",)


def query_count(url: str, *, first_visit: bool = False) -> int:
    """SQL queries of one GET: a first visit (caches cleared) or a later one."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    client = Client()
    if not first_visit:
        client.get(url, HTTP_HOST="127.0.0.1")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, HTTP_HOST="127.0.0.1")
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return len(ctx.captured_queries)


def query_figures() -> dict[str, int]:
    return {
        "notice_queries": query_count(NOTICE),
        "catalogue_queries": query_count("/cqp/"),
        "notice_queries_first_visit": query_count(NOTICE, first_visit=True),
    }


def server_figures(base_url: str) -> dict[str, float]:
    return {"notice_uncached_ratio": ratio(base_url, NOTICE)}
