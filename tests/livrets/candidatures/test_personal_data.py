"""The candidatures in « Mes données »: every stored value exported, nothing left once the
account is deleted."""

from __future__ import annotations

from datetime import date

import pytest

from livrets.candidatures.deadlines import Facts
from livrets.candidatures.models import Candidature
from livrets.candidatures.services import candidature_of, record_dates
from portal.accounts.services import delete_account
from tests.support.data import make_candidate, version_of
from tests.support.personal_data import assert_erased, assert_exported, exported

pytestmark = pytest.mark.django_db

SELFCHECK = {"cqp": "conseiller-offres-services", "periodes": [{"debut": "2020-01-01"}]}


def test_the_candidature_is_exported_whole_then_erased(referentials):
    candidate = make_candidate("alice@example.fr")
    cqp_id = version_of("conseiller-offres-services").cqp_id
    candidature = candidature_of(owner=candidate, cqp_id=cqp_id, selfcheck=SELFCHECK)
    record_dates(
        candidature=candidature,
        facts=Facts(
            sent_on=date(2026, 1, 5),
            received_on=date(2026, 1, 12),
            decision="favourable",
            decision_on=date(2026, 2, 20),
            jury_on=date(2026, 6, 3),
        ),
        by=candidate,
        today=date(2026, 3, 1),
    )
    data, _ = exported(candidate)
    [row] = data["candidatures"]
    assert row["decision_de_recevabilite"] == "Favorable"
    assert row["session_du_jury"] == "2026-06-03"
    assert row["verification_d_eligibilite"] == SELFCHECK
    assert_exported(data, Candidature.objects.filter(owner=candidate))

    pks = list(Candidature.objects.filter(owner=candidate).values_list("pk", flat=True))
    user_pk = candidate.pk
    delete_account(user=candidate)
    assert_erased(user_pk, [Candidature], {Candidature: pks})
