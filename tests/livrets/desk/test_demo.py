"""`make run` creates one secretariat account per CQP and prints it with the others."""

from __future__ import annotations

import pytest

from livrets.desk.demo import create_demo_staff
from livrets.desk.models import StaffMembership

pytestmark = pytest.mark.django_db


def test_one_secretariat_per_cqp_printed_and_idempotent(referentials, client):
    lines = create_demo_staff(password="mot-de-passe-demo")
    assert len(lines) == 3
    assert any(
        line.startswith("Commission de recevabilité") and "conseiller-offres-services" in line
        for line in lines
    )
    assert create_demo_staff(password="mot-de-passe-demo") == lines
    assert StaffMembership.objects.filter(role="secretariat").count() == 3
    # Signed in with the printed password, the desk asks for the second factor first.
    email = lines[0].split(" : ")[1].split(" / ")[0]
    assert client.login(username=email, password="mot-de-passe-demo")
    assert client.get("/bureau/").status_code == 403
