"""Figures for `make bench`: the grid page's queries with no element rated and with every
element of 002 rated (45), then rated again (90 rating rows): they must not grow."""

from __future__ import annotations

import uuid

FIGURES = (
    "jury_grid_queries_0_rated",
    "jury_grid_queries_45_rated",
    "jury_grid_queries_90_ratings",
)


def _grid_queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, HTTP_HOST="127.0.0.1")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


def run() -> dict[str, float]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from livrets.jury import services
    from livrets.livret2 import services as livret_services
    from tests.support.data import version

    email = f"bench-jury-{uuid.uuid4().hex[:8]}@bench.invalid"
    user = get_user_model().objects.create_user(
        username=email, email=email, password=uuid.uuid4().hex
    )
    try:
        livret = livret_services.start_livret(owner=user, version=version("assistant-formation"))
        client = Client()
        client.force_login(user)
        url = f"/preparer-le-jury/livrets/{livret.pk}/"
        figures = {"jury_grid_queries_0_rated": _grid_queries(client, url)}
        ref = livret.referential_version.referential
        for value in ("non_mis_en_oeuvre", "acquis"):
            for unit in ref.units:
                services.rate_unit(
                    livret=livret,
                    unit_code=unit.code,
                    role="candidat",
                    author=user,
                    values={e.code: value for e in unit.elements},
                )
            if value == "non_mis_en_oeuvre":
                figures["jury_grid_queries_45_rated"] = _grid_queries(client, url)
        figures["jury_grid_queries_90_ratings"] = _grid_queries(client, url)
        return figures
    finally:
        from portal.accounts.services import delete_account

        delete_account(user=user)
