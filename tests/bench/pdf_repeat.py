"""`make bench`: the export of an unchanged 128-page livret, answered from the PDF cache.

``pdf_repeat_ms`` is the median time of a signed-in candidate's GET of the livret's PDF URL
(the request, the session, the access check, the cache read of the kept PDF and the bytes
received), over HTTP from gunicorn with 2 workers, after a first export has made the PDF
(followed through its progress page). The cache is Redis (a prefix of its own) when it
answers on 127.0.0.1:6379, as in production; ``pdf_repeat_vs_chromium`` compares that
time with Chromium's fresh print of the 30-page livret (``pdf_30p_chromium_seconds``).

    DJANGO_SETTINGS_MODULE=portal.settings.bench python -m tests.bench.pdf_repeat
"""

from __future__ import annotations

import http.client
import os
import statistics
import time
import uuid

FIGURES = ("pdf_repeat_pages", "pdf_repeat_kib", "pdf_repeat_ms")
ROUNDS = 21
TARGET_PAGES = 128


def _get(base_url: str, path: str, cookie: str, **headers) -> tuple[int, dict, bytes]:
    host, port = base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=120)
    conn.request("GET", path, headers={"Cookie": cookie, "Host": f"{host}:{port}", **headers})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), body


def _first_export(base_url: str, path: str, cookie: str) -> bytes:
    """Export once, following the progress page until the PDF is there."""
    status, headers, body = _get(base_url, path, cookie)
    deadline = time.monotonic() + 600
    while status == 302 and time.monotonic() < deadline:
        progress = headers["Location"]
        while time.monotonic() < deadline:
            state, _, _ = _get(base_url, progress, cookie, **{"HX-Request": "true"})
            if state != 200:
                break
            time.sleep(0.5)
        status, headers, body = _get(base_url, path, cookie)
    if status != 200 or not body.startswith(b"%PDF"):
        raise RuntimeError(f"make bench: the livret's PDF was not made ({status})")
    return body


def _server_environment() -> dict:
    from portal import serve

    env = dict(os.environ)
    # The first render only makes the PDF that is then measured: on a loaded machine it may
    # pass the production minute.
    env["PDF_TIME_LIMIT_SECONDS"] = "300"
    if serve.reachable("127.0.0.1", 6379):
        env.setdefault("REDIS_URL", serve.DEFAULT_REDIS_URL)
        env["CACHE_KEY_PREFIX"] = f"bench-{uuid.uuid4().hex[:8]}"
    return env


def run() -> dict[str, float]:
    from django.conf import settings
    from django.db import connections

    from .editor import _candidate, _session_cookie
    from .pdf import _pages, _sized_livret
    from .server import gunicorn

    user = _candidate(f"bench-repeat-{uuid.uuid4().hex[:8]}@bench.invalid")
    try:
        livret = _sized_livret(user, TARGET_PAGES)
        cookie = f"{settings.SESSION_COOKIE_NAME}={_session_cookie(user)}"
        path = f"/livrets/{livret.pk}/pdf/"
        connections.close_all()
        with gunicorn(_server_environment()) as base_url:
            pages = _pages(_first_export(base_url, path, cookie))
            for _ in range(2):  # both workers have served the page once
                _get(base_url, path, cookie)
            timings = []
            for _ in range(ROUNDS):
                start = time.perf_counter()
                status, _, body = _get(base_url, path, cookie)
                timings.append((time.perf_counter() - start) * 1000)
                if status != 200 or not body.startswith(b"%PDF"):
                    raise RuntimeError(f"make bench: a repeated export answered {status}")
        return {
            "pdf_repeat_pages": pages,
            "pdf_repeat_kib": round(len(body) / 1024),
            "pdf_repeat_ms": statistics.median(timings),
        }
    finally:
        from portal.accounts.services import delete_account

        delete_account(user=user)


def versus_chromium(values: dict) -> dict[str, float]:
    """The cached export against Chromium's fresh print of the 30-page livret."""
    repeat, chromium = values.get("pdf_repeat_ms"), values.get("pdf_30p_chromium_seconds")
    if not isinstance(repeat, float) or not isinstance(chromium, float):
        raise RuntimeError("pdf_repeat_ms or pdf_30p_chromium_seconds was not measured")
    return {"pdf_repeat_vs_chromium": repeat / 1000 / chromium}


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.bench")
    from .__main__ import prepare
    from .figures import Figures

    prepare()
    Figures().measure(FIGURES, run)
