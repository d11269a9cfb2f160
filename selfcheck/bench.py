"""Performance figures of the self-check, for `make bench`.

`run(base_url)` takes the base URL of a running server (gunicorn on the loopback, with the
referentials loaded in its database) and returns:

- ``eligibility_api_ratio``: requests per second of ``POST /api/v1/eligibility`` divided by
  those of ``GET /api/v1/ping`` (a trivial view returning a short constant JSON), both served
  by the same server in the same run: a fixed number of requests each, from a few threads, over
  keep-alive connections, loopback only.
- ``wizard_queries_max``: the most SQL queries any wizard step makes, GET and POST, counted
  in-process with `CaptureQueriesContext` and Django's test client walking every step of the
  wizard (start, CQP, situation, experiences with an added period, activities, summary,
  done, result). It needs Django set up against the same database as the server; the
  sessions it creates are the only writes.
"""

from __future__ import annotations

import http.client
import json
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

REQUESTS = 400
THREADS = 4
BODY = json.dumps(
    {
        "cqp": "conseiller-offres-services",
        "as_of": "2025-06-30",
        "experiences": [
            {
                "kind": "salarie",
                "title": "Conseillère d'accueil",
                "start": "2022-01-01",
                "end": "2023-06-30",
                "part_time_percent": 80,
                "related": True,
            },
            {
                "kind": "benevole",
                "title": "Bénévole",
                "start": "2023-03-01",
                "end": None,
                "related": True,
            },
        ],
        "activities": ["A1.I1", "A1.I2", "A2.I1", "A3.I1"],
    }
)


def _throughput(method: str, url: str, *, body: str | None = None) -> float:
    """Requests per second for REQUESTS requests from THREADS keep-alive connections."""
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError("The bench only talks to a server on the loopback.")
    payload = body.encode() if body else None
    headers = {"Content-Type": "application/json"}
    per_thread = REQUESTS // THREADS
    failures: list[int] = []

    def worker(count: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        try:
            for _ in range(count):
                conn.request(method, parts.path, body=payload, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    failures.append(response.status)
        finally:
            conn.close()

    worker(10)  # warm-up
    started = time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        list(pool.map(worker, [per_thread] * THREADS))
    elapsed = time.perf_counter() - started
    if failures:
        raise RuntimeError(f"{method} {parts.path} answered {sorted(set(failures))}")
    return per_thread * THREADS / elapsed


def eligibility_api_ratio(base_url: str, rounds: int = 3) -> float:
    """Best of a few alternating rounds for each, so that a hiccup does not decide."""
    base = base_url.rstrip("/")
    ping, eligibility = [], []
    for _ in range(rounds):
        ping.append(_throughput("GET", f"{base}/api/v1/ping"))
        eligibility.append(_throughput("POST", f"{base}/api/v1/eligibility", body=BODY))
    return max(eligibility) / max(ping)


def wizard_queries_max(host: str = "127.0.0.1") -> int:
    """The most queries made by one request of the wizard, walking every step."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=host)
    prefix = "/verifier-mon-eligibilite/"
    mgmt = "self_check_wizard-current_step"
    period = {
        "experiences-TOTAL_FORMS": "1",
        "experiences-INITIAL_FORMS": "0",
        "experiences-0-kind": "salarie",
        "experiences-0-title": "Conseillère d'accueil",
        "experiences-0-start": "2022-01-01",
        "experiences-0-end": "2023-06-30",
        "experiences-0-part_time_percent": "100",
        "experiences-0-related": "oui",
    }
    steps = [
        ("get", f"{prefix}?cqp=conseiller-offres-services", None),
        ("get", f"{prefix}etape/cqp/?cqp=conseiller-offres-services", None),
        ("post", f"{prefix}etape/cqp/", {mgmt: "cqp", "cqp-cqp": "conseiller-offres-services"}),
        ("get", f"{prefix}etape/situation/", None),
        (
            "post",
            f"{prefix}etape/situation/",
            {mgmt: "situation", "situation-situation": "salarie"},
        ),
        ("get", f"{prefix}etape/experiences/", None),
        (
            "post",
            f"{prefix}etape/experiences/",
            {mgmt: "experiences", **period, "experience_action": "add"},
        ),
        ("post", f"{prefix}etape/experiences/", {mgmt: "experiences", **period}),
        ("get", f"{prefix}etape/activities/", None),
        ("post", f"{prefix}etape/activities/", {mgmt: "activities", "activities-A1": ["A1.I1"]}),
        ("get", f"{prefix}etape/verification/", None),
        ("post", f"{prefix}etape/verification/", {mgmt: "verification"}),
        ("get", f"{prefix}etape/fin/", None),
        ("get", f"{prefix}resultat/", None),
    ]
    most = 0
    for method, url, data in steps:
        with CaptureQueriesContext(connection) as queries:
            response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        if response.status_code >= 400:
            raise RuntimeError(f"{method.upper()} {url} answered {response.status_code}")
        most = max(most, len(queries))
    return most


def run(base_url: str) -> dict[str, float]:
    return {
        "eligibility_api_ratio": round(eligibility_api_ratio(base_url), 2),
        "wizard_queries_max": wizard_queries_max(urlsplit(base_url).hostname or "127.0.0.1"),
    }
