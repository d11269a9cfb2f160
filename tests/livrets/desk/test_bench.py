"""The inbox's figures as `make bench` measures them (tests/bench/desk.py), on a few requests:
the bulk-written requests read as deposited ones, and the queries do not grow."""

from __future__ import annotations

import pytest

from livrets.candidatures.models import Candidature

pytestmark = pytest.mark.django_db


def test_the_bench_inbox_reads_its_requests_in_the_same_queries(referentials, monkeypatch):
    from tests.bench import desk

    monkeypatch.setattr(desk, "COUNTS", (10, 40))
    monkeypatch.setattr(desk, "ROUNDS", 8)
    figures = desk.run()
    assert figures["desk_inbox_queries_10"] == figures["desk_inbox_queries_40"]
    assert figures["desk_inbox_p95_ms"] > 0
    assert not Candidature.objects.filter(cqp__slug__startswith="bench-desk-").exists()


def test_the_bench_requests_fill_every_status_of_the_inbox(referentials, monkeypatch):
    from django.test import Client
    from django.utils import timezone

    from home.referentials.models import Cqp
    from livrets.desk import rules
    from tests.bench import desk
    from tests.support.data import version

    cos = version("conseiller-offres-services")
    cqp = Cqp.objects.create(slug="bench-desk-test", current=cos)
    staff = desk._secretariat(cqp, "bench-desk-test")
    desk._deposit(
        cqp=cqp,
        version=cos,
        start=0,
        stop=200,
        prefix="bench-desk-test",
        today=timezone.localdate(),
    )
    client = Client()
    client.force_login(staff)
    page = client.get("/bureau/").text
    for label in rules.STATUSES.values():
        assert f"{label}</a> : <strong>0</strong>" not in page, label
    soon = page[page.index("Silence dans moins de 15 jours") : page.index("Les demandes")]
    assert "Aucune demande." not in soon


def test_postgresql_connections_do_not_jit_compile():
    """The inbox's one counting query passes PostgreSQL's JIT cost threshold, and compiling it
    cost over a second per page on 5,000 requests: the portal's connections turn JIT off."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("JIT is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
