"""The grid's pure rules: which layout a source gives, which marks a form may send, when a
save is stale, what a save changes."""

from __future__ import annotations

from livrets.desk import grid_rules
from livrets.jury.referential import mastery_of
from tests.support.data import load_referential


def test_002_gets_its_sources_columns_word_for_word():
    layout = grid_rules.layout_for(mastery_of(load_referential("assistant-formation")))
    assert layout.from_source and layout.level == "element"
    assert (
        layout.reading == "Lecture du dossier VAE (tableau des activités renseigné par le candidat)"
    )
    assert layout.final_heading == "ETAPE 2 : Evaluation finale"
    assert layout.final == "Résultats après observation et entretien"
    assert layout.points == "Points à vérifier lors de l’entretien"
    assert [label for _, label in layout.scale] == ["Non mis en œuvre", "Non acquis", "Acquis"]


def test_000_gets_the_portals_proposal_and_004_no_grid():
    proposed = grid_rules.layout_for(mastery_of(load_referential("assistant-industries-sante")))
    assert proposed is not None and not proposed.from_source and proposed.level == "criterion"
    assert grid_rules.layout_for(mastery_of(load_referential("conseiller-offres-services"))) is None


def test_unknown_codes_and_values_are_named_in_french():
    scale = {"acquis": "Acquis", "non_acquis": "Non acquis"}
    errors = grid_rules.mark_errors(
        {"finale-C1.E1": "acquis", "finale-C9.E9": "acquis", "lecture-C1.E1": "oui", "points": "x"},
        codes={"C1.E1"},
        scale=scale,
    )
    assert errors == {
        "finale-C9.E9": "« C9.E9 » n’est pas un élément de cette grille.",
        "lecture-C1.E1": "Choisissez une évaluation de la liste : Acquis / Non acquis",
    }
    assert grid_rules.parse_field("finale-C1.E1") == ("finale", "C1.E1")
    assert grid_rules.parse_field("version") is None


def test_versions_and_changes():
    assert grid_rules.version_of([], []) == "0.0"
    assert grid_rules.version_of([3, 7], [2]) == "7.2"
    assert grid_rules.changes({"a": "acquis", "b": ""}, {"a": "acquis", "b": "non_acquis"}) == {
        "b": ("", "non_acquis")
    }
