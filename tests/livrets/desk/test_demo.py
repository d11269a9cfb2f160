"""`make run` creates, for each CQP, one account per staff role (secretariat or commission,
evaluator, jury member) and prints them with the others."""

from __future__ import annotations

import pytest

from livrets.desk.demo import create_demo_staff
from livrets.desk.models import Assignment, StaffMembership
from tests.support.data import make_candidate
from tests.support.desk import deposited
from tests.support.recevabilite import COS

pytestmark = pytest.mark.django_db


def test_one_account_per_role_and_cqp_printed_and_idempotent(referentials, client):
    lines = create_demo_staff(password="mot-de-passe-demo")
    assert len(lines) == 9
    assert any(
        line.startswith("Commission de recevabilité") and "conseiller-offres-services" in line
        for line in lines
    )
    for role in ("Secrétariat", "Évaluateur", "Membre du jury"):
        assert sum(line.startswith(role) for line in lines) == (2 if role == "Secrétariat" else 3)
    assert create_demo_staff(password="mot-de-passe-demo") == lines
    for role in ("secretariat", "evaluator", "jury"):
        assert StaffMembership.objects.filter(role=role).count() == 3
    # Each, signed in with the printed password, is asked for the second factor first.
    for line in lines:
        email = line.split(" : ")[-1].split(" / ")[0]
        client.logout()
        assert client.login(username=email, password="mot-de-passe-demo")
        assert client.get("/bureau/").status_code == 403


def test_the_evaluator_is_named_for_a_deposited_demo_candidature(referentials):
    create_demo_staff(password="mot-de-passe-demo")  # the COS secretariat, for the deposit
    rq = deposited(make_candidate("candidat@demo.cqp-vae.fr"), COS)
    other = deposited(make_candidate("quelquun@example.fr"), COS)
    create_demo_staff(password="mot-de-passe-demo")
    create_demo_staff(password="mot-de-passe-demo")
    (assignment,) = Assignment.objects.all()
    assert assignment.candidature_id == rq.candidature_id != other.candidature_id
    assert assignment.evaluator.email == f"evaluateur-{COS}@demo.cqp-vae.fr"
    assert assignment.assigned_by.email == f"secretariat-{COS}@demo.cqp-vae.fr"
