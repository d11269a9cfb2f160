"""« Mes données »: the candidate's history at the desk, and the staff member's roles and
actions, are in the export."""

from __future__ import annotations

import pytest
from django.utils import timezone

from livrets.desk import services
from portal.accounts.export import export_data
from tests.support.desk import deposited
from tests.support.recevabilite import COS

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_desk_history_of_both_sides(desk):
    rq = deposited(desk["alice"], COS)
    today = timezone.localdate()
    services.decide(
        request=rq,
        by=desk["secretariat"],
        outcome="incomplete",
        motifs="Il manque une pièce.",
        decided_on=today,
        today=today,
        link="",
    )
    mine = export_data(desk["alice"])
    actions = [e["action"] for e in mine["bureau_historique"]]
    assert actions == ["Dépôt de la demande", "Décision : incomplète"]
    assert mine["bureau_historique"][1]["apres"]["desk_motifs"] == "Il manque une pièce."
    assert mine["candidatures"][0]["motifs_de_la_reponse"] == "Il manque une pièce."
    staff = export_data(desk["secretariat"])["bureau_personnel"]
    assert staff["roles"] == [{"cqp": COS, "role": "Commission de recevabilité"}]
    assert [e["action"] for e in staff["actions"]] == ["Décision : incomplète"]
