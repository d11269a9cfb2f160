"""The jury preparation in « Mes données », for the candidate and for the accompagnateur:
ratings, evidence links and the jury's decision exported; once either account is deleted,
nothing of that person remains."""

from __future__ import annotations

from datetime import date

import pytest

from livrets.jury import services
from livrets.jury.models import Evidence, JuryDecision, Rating
from portal.accounts.services import delete_account
from portal.pdf import store
from tests.support.personal_data import assert_erased, assert_exported, exported

pytestmark = pytest.mark.django_db

MODELS = [Rating, Evidence, JuryDecision]
C4 = [f"C4.E{i}" for i in range(1, 6)]


@pytest.fixture
def prepared(jury_people):
    """Both rate C4, the candidate links a part of the livret, the jury decides partly and a
    livret is started on the remaining units."""
    livret, candidate, coach = (jury_people[k] for k in ("livret", "candidate", "coach"))
    services.rate_unit(
        livret=livret,
        unit_code="C4",
        role="candidat",
        author=candidate,
        values={**dict.fromkeys(C4, "acquis"), "C4.E2": "non_mis_en_oeuvre"},
    )
    services.rate_unit(
        livret=livret, unit_code="C4", role="candidat", author=candidate, values={"C4.E2": ""}
    )
    services.rate_unit(
        livret=livret,
        unit_code="C4",
        role="accompagnateur",
        author=coach,
        values={"C4.E1": "non_acquis", "C4.E3": "acquis"},
    )
    item = livret.referential_version.referential.units_by_code["C4"].activity_items[0]
    key = f"section:competence-4|{item.code}.exemples"
    services.link_evidence(livret=livret, targets=C4, chosen={"C4.E1": {key}}, allowed={key})
    first = livret.referential_version.referential.units[0].code
    decision = services.record_decision(
        owner=candidate,
        livret=livret,
        decided_on=date(2026, 6, 1),
        outcome="partielle",
        validated_units=[first],
    )
    services.start_remaining_livret(decision=decision)
    return jury_people


def test_the_candidate_export_holds_ratings_links_and_the_decision(prepared):
    candidate = prepared["candidate"]
    data, _ = exported(candidate)
    mine = data["preparation_du_jury"]
    assert len(mine["appreciations"]) == 8
    assert {r["role"] for r in mine["appreciations"]} == {"Candidat", "Accompagnateur"}
    [link] = mine["liens_vers_le_livret"]
    assert link["element"] == "C4.E1"
    [decision] = mine["decisions_du_jury"]
    assert decision["decision"] == "Validation partielle"
    assert decision["livret_des_unites_restantes"] is not None
    assert_exported(data, Rating.objects.filter(livret__owner=candidate))
    assert_exported(data, Evidence.objects.filter(livret__owner=candidate))
    assert_exported(data, JuryDecision.objects.filter(owner=candidate))


def test_the_accompagnateur_export_holds_the_ratings_they_gave(prepared):
    coach = prepared["coach"]
    data, _ = exported(coach)
    given = data["appreciations_donnees_en_accompagnement"]
    assert [(r["element"], r["appreciation"]) for r in given] == [
        ("C4.E1", "Non acquis"),
        ("C4.E3", "Acquis"),
    ]
    assert_exported(data, Rating.objects.filter(author=coach))
    assert data["preparation_du_jury"]["decisions_du_jury"] == []


def _pks(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def test_deleting_the_accompagnateur_leaves_nothing_of_them(prepared):
    coach, candidate = prepared["coach"], prepared["candidate"]
    kept = {Rating: _pks(Rating.objects.filter(author=coach))}
    pk = coach.pk
    delete_account(user=coach)
    assert_erased(pk, MODELS, kept)
    assert Rating.objects.filter(author=candidate).count() == 6


def test_deleting_the_candidate_leaves_nothing_of_them(
    prepared, django_capture_on_commit_callbacks
):
    candidate, livret = prepared["candidate"], prepared["livret"]
    kept = {
        Rating: _pks(Rating.objects.filter(livret__owner=candidate)),
        Evidence: _pks(Evidence.objects.filter(livret__owner=candidate)),
        JuryDecision: _pks(JuryDecision.objects.filter(owner=candidate)),
    }
    slot = f"jury-grid:{livret.public_id}"
    store.put(slot, "r1", b"%PDF", 1.0)
    pk = candidate.pk
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=candidate)
    assert_erased(pk, MODELS, kept)
    assert store.get(slot, "r1") is None
