"""Figures for `make bench`: « Mes démarches » with one candidature, then twenty (each with
a request date, a livret 2 and a jury decision): the queries must not grow."""

from __future__ import annotations

import uuid

FIGURES = ("demarches_queries_1", "demarches_queries_20")


def _queries(user) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    client.get("/mes-demarches/", HTTP_HOST="127.0.0.1")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/mes-demarches/", HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


def run() -> dict[str, float]:
    from home.referentials.models import Cqp
    from tests.support.data import make_candidate, make_candidatures

    prefix = f"bench-{uuid.uuid4().hex[:8]}"
    figures = {}
    users = []
    try:
        for count in (1, 20):
            user = make_candidate(f"{prefix}-{count}@bench.invalid")
            users.append(user)
            make_candidatures(user, count, prefix=prefix)
            figures[f"demarches_queries_{count}"] = _queries(user)
        return figures
    finally:
        for user in users:
            from portal.accounts.services import delete_account

            delete_account(user=user)
        Cqp.objects.filter(slug__startswith=prefix).delete()
