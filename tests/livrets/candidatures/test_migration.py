"""The migration to one candidature, run on a populated database: every livret, request, jury
decision and invitation joins the candidature of its candidate and CQP, which holds the
dates each used to copy, and nothing is lost."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# The last migrations before the candidature existed.
BEFORE = [
    ("livrets", "0005_exempt_sections"),
    ("recevabilite", "0001_initial"),
    ("jury", "0001_initial"),
    ("review", "0001_initial"),
    ("candidatures", None),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    nodes = [t for t in targets if t[1] is not None]
    return MigrationExecutor(connection).loader.project_state(nodes).apps


def _model(apps, app_label: str, table: str):
    """A model of the state by its table (model names may change, tables stay)."""
    return next(m for m in apps.get_app_config(app_label).get_models() if m._meta.db_table == table)


def _populate(apps) -> dict:
    """Two candidates in the shape the portal stored them before: dates on the livrets and
    on the request, a partial jury decision with a follow-up livret, invitations."""
    from tests.support.data import version

    User = apps.get_model("auth", "User")
    Livret = apps.get_model("livrets", "Livret")
    Answer = apps.get_model("livrets", "Answer")
    Request = apps.get_model("recevabilite", "Request")
    JuryDecision = apps.get_model("jury", "JuryDecision")
    Invitation = apps.get_model("review", "Invitation")
    cos, af = version("conseiller-offres-services"), version("assistant-formation")
    alice = User.objects.create(username="alice", email="alice@example.fr")
    bruno = User.objects.create(username="bruno", email="bruno@example.fr")
    coach = User.objects.create(username="coach", email="coach@example.fr")
    # Alice, COS: a request with its answer; two livret versions that copied its dates.
    Request.objects.create(
        owner=alice,
        cqp_id=cos.cqp_id,
        referential_version_id=cos.pk,
        sent_on=date(2025, 1, 10),
        received_on=date(2025, 1, 14),
        decision="favourable",
        decided_on=date(2025, 2, 20),
    )
    first = Livret.objects.create(
        owner=alice,
        cqp_id=cos.cqp_id,
        referential_version_id=cos.pk,
        number=1,
        status="finalised",
        recevabilite_requested_on=date(2025, 1, 10),
        recevabilite_received_on=date(2025, 1, 14),
        recevabilite_notified_on=date(2025, 2, 20),
        jury_on=date(2025, 9, 15),
    )
    Answer.objects.create(livret=first, section_code="motivation", field_key="raisons", text="Oui.")
    decision = JuryDecision.objects.create(
        owner=alice,
        cqp_id=cos.cqp_id,
        livret=first,
        decided_on=date(2025, 9, 15),
        outcome="partielle",
        validated_units=["A1", "A2"],
    )
    follow_up = Livret.objects.create(
        owner=alice,
        cqp_id=cos.cqp_id,
        referential_version_id=cos.pk,
        number=2,
        previous=first,
        exempt_sections=["activite-1", "activite-2"],
        jury_on=date(2025, 9, 15),
    )
    decision.follow_up = follow_up
    decision.save()
    Invitation.objects.create(
        livret=first,
        email=coach.email,
        token_hash="a" * 64,
        expires_at=timezone.now() + timedelta(days=10),
        accepted_at=timezone.now(),
        reviewer=coach,
    )
    # Bruno, AF: no request on the portal, the dates typed on the livret only.
    Livret.objects.create(
        owner=bruno,
        cqp_id=af.cqp_id,
        referential_version_id=af.pk,
        number=1,
        recevabilite_requested_on=date(2025, 3, 1),
        recevabilite_notified_on=date(2025, 4, 2),
    )
    return {"alice": alice.pk, "bruno": bruno.pk, "coach": coach.pk, "cos": cos.cqp_id}


@pytest.mark.django_db(transaction=True)
def test_a_populated_database_migrates_to_one_candidature_per_candidate_and_cqp(referentials):
    ids = _populate(_migrate(BEFORE))
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    apps = _migrate(latest)
    Candidature = apps.get_model("candidatures", "Candidature")
    Livret = apps.get_model("livrets", "Livret")
    Request = _model(apps, "recevabilite", "recevabilite_request")
    JuryDecision = apps.get_model("jury", "JuryDecision")
    Invitation = apps.get_model("review", "Invitation")

    assert Candidature.objects.count() == 2
    alice = Candidature.objects.get(owner_id=ids["alice"])
    assert (
        alice.request_sent_on,
        alice.request_received_on,
        alice.decision,
        alice.decision_on,
        alice.jury_on,
    ) == (date(2025, 1, 10), date(2025, 1, 14), "favourable", date(2025, 2, 20), date(2025, 9, 15))
    livrets = Livret.objects.filter(owner_id=ids["alice"]).order_by("number")
    assert [lv.candidature_id for lv in livrets] == [alice.pk, alice.pk]
    assert livrets[1].exempt_sections == ["activite-1", "activite-2"]
    assert livrets[0].answers.get().text == "Oui."
    assert Request.objects.get(owner_id=ids["alice"]).candidature_id == alice.pk
    decision = JuryDecision.objects.get()
    assert decision.candidature_id == alice.pk
    assert decision.validated_units == ["A1", "A2"]
    assert decision.follow_up_id == livrets[1].pk
    invitation = Invitation.objects.get()
    assert invitation.candidature_id == alice.pk and invitation.reviewer_id == ids["coach"]

    bruno = Candidature.objects.get(owner_id=ids["bruno"])
    assert (bruno.request_sent_on, bruno.decision, bruno.decision_on) == (
        date(2025, 3, 1),
        "favourable",
        date(2025, 4, 2),
    )
    assert Livret.objects.get(owner_id=ids["bruno"]).candidature_id == bruno.pk
