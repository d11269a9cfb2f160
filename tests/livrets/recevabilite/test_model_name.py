"""The recevabilité request's model is ``RecevabiliteRequest`` (no model named like an HTTP
object); its table and rows stay those of the former ``Request``, both ways."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from livrets.recevabilite.models import RecevabiliteRequest
from tests.support.recevabilite import AF, start

BEFORE = "0004_one_opinion_vocabulary"
RENAMED = "0005_recevabilite_request"


def test_the_model_keeps_its_table_and_related_names():
    assert RecevabiliteRequest._meta.db_table == "recevabilite_request"
    related = {r.related_name for r in RecevabiliteRequest._meta.related_objects}
    assert {"periods", "proofs", "comments"} <= related
    candidature = RecevabiliteRequest._meta.get_field("candidature")
    assert candidature.remote_field.related_name == "request"


def _migrate(target: str) -> None:
    call_command("migrate", "recevabilite", target, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_the_rename_keeps_the_rows_both_ways(referentials, candidate):
    request = start(candidate, AF)
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("recevabilite")[0][1]
    try:
        _migrate(BEFORE)
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM recevabilite_request")
            assert cursor.fetchall() == [(request.pk,)]
        _migrate(RENAMED)
        tables = connection.introspection.table_names()
        assert "recevabilite_request" in tables
        assert "recevabilite_recevabiliterequest" not in tables
        # The model reads the columns later migrations add: read the kept row through it once
        # they are there too.
        _migrate(latest)
        kept = RecevabiliteRequest.objects.get()
        assert kept.pk == request.pk and kept.periods.count() == request.periods.count()
        assert kept.candidature.request == kept
        assert ContentType.objects.filter(
            app_label="recevabilite", model="recevabiliterequest"
        ).exists()
        assert not ContentType.objects.filter(app_label="recevabilite", model="request").exists()
    finally:
        _migrate(latest)
