"""Performance figures of the self-check, for `make bench`.

`run(base_url)` takes the base URL of a running server (gunicorn on the loopback, with the
referentials loaded in its database) and returns:

- ``eligibility_api_ratio``: requests per second of ``POST /api/v1/eligibility`` divided by
  those of ``GET /sante/`` (the trivial health view, the baseline of every ratio), both served
  by the same server in the same run: a fixed number of requests each, from a few threads, over
  keep-alive connections, loopback only.
- ``wizard_queries_max``: the most SQL queries any wizard step makes, GET and POST, counted
  in-process with `CaptureQueriesContext` and Django's test client walking every step of the
  wizard (start, CQP, situation, experiences with an added period, activities, summary,
  done, result). It needs Django set up against the same database as the server; the
  sessions it creates are the only writes.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from .client import BASELINE, throughput

FIGURES = ("eligibility_api_ratio", "wizard_queries_max")
JSON = {"Content-Type": "application/json"}
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


def eligibility_api_ratio(base_url: str, rounds: int = 3) -> float:
    """Best of a few alternating rounds for each, so that a hiccup does not decide."""
    baseline, eligibility = [], []
    for _ in range(rounds):
        baseline.append(throughput(base_url, BASELINE))
        eligibility.append(
            throughput(base_url, "/api/v1/eligibility", method="POST", body=BODY, headers=JSON)
        )
    return max(eligibility) / max(baseline)


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
