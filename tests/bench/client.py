"""The bench's one HTTP client: http.client over the loopback, keep-alive, cookies kept.

Every server-side figure goes through it: ``request`` for one call (a sign-in, a page to
read), ``throughput`` for a bounded load from a few threads, ``ratio`` to set a page against
a trivial baseline served by the same server in the same run, so the machine's speed cancels.
"""

from __future__ import annotations

import http.client
import statistics
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

LOOPBACK = ("127.0.0.1", "localhost", "::1")
# The trivial view every ratio is measured against (portal.views.health).
BASELINE = "/sante/"


def connection(base_url: str, *, timeout: float = 10) -> http.client.HTTPConnection:
    parts = urlsplit(base_url)
    if parts.hostname not in LOOPBACK:
        raise ValueError("The bench only talks to a server on the loopback.")
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)


def request(
    base_url: str,
    method: str,
    path: str,
    *,
    cookies: dict | None = None,
    data: dict | None = None,
    headers: dict | None = None,
) -> tuple[http.client.HTTPResponse, bytes]:
    """One request; ``data`` is sent as a form (with Origin and Referer, as a browser does)
    and the cookies the server sets are added to ``cookies``."""
    cookies = {} if cookies is None else cookies
    sent = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), **(headers or {})}
    body = None
    if data is not None:
        body = urlencode(data, doseq=True)
        origin = base_url.rstrip("/")
        sent.update(
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": origin + path,
            }
        )
    conn = connection(base_url, timeout=30)
    try:
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        content = response.read()
    finally:
        conn.close()
    for header in response.headers.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(header).items():
            cookies[name] = morsel.value
    return response, content


def throughput(
    base_url: str,
    path: str,
    *,
    requests: int = 400,
    concurrency: int = 4,
    method: str = "GET",
    body: bytes | str | None = None,
    headers: dict | None = None,
) -> float:
    """Requests per second for a fixed number of requests (bounded loop, loopback only)."""
    per_thread = requests // concurrency
    payload = body.encode() if isinstance(body, str) else body
    errors: list[str] = []

    def worker(count: int) -> None:
        conn = connection(base_url)
        try:
            for _ in range(count):
                conn.request(method, path, body=payload, headers=headers or {})
                response = conn.getresponse()
                response.read()
                if response.status >= 400:
                    errors.append(f"{method} {path}: {response.status}")
        finally:
            conn.close()

    worker(2)  # warm-up
    threads = [threading.Thread(target=worker, args=(per_thread,)) for _ in range(concurrency)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise RuntimeError(f"errors during the load: {errors[:3]}")
    return per_thread * concurrency / elapsed


def ratio(base_url: str, path: str, *, baseline: str = BASELINE, rounds: int = 5, **kwargs):
    """Median over rounds of the throughput of `path` over the baseline's, measured back to
    back in each round so that a passing load on the machine weighs on both alike."""
    ratios = []
    for _ in range(rounds):
        trivial = throughput(base_url, baseline)
        ratios.append(throughput(base_url, path, **kwargs) / trivial)
    return statistics.median(ratios)
