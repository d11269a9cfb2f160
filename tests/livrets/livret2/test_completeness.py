"""The completeness rule on every CQP's livret structure, as plain data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import given
from hypothesis import strategies as st

from home.referentials.builder import build
from home.referentials.domain import Referential
from livrets.livret2.completeness import LivretContent, SituationContent, Status, check
from livrets.livret2.structure import (
    SITUATION_FIELDS,
    is_optional,
    place_from_address,
    prefill_from_activities,
    section_fields,
)

TODO, STARTED, DONE = Status.TODO, Status.STARTED, Status.DONE


def load(slug: str) -> Referential:
    path = Path(settings.REFERENTIAL_DATA_DIR) / f"{slug}.json"
    return build(json.loads(path.read_text()))


COS = load("conseiller-offres-services")
AF = load("assistant-formation")
AIS = load("assistant-industries-sante")
FULL = {spec.key: "texte" for spec in SITUATION_FIELDS}


def full_content(ref: Referential, *, skip: tuple = ()) -> LivretContent:
    answers, situations, n = {}, [], 0
    for section in ref.livret_sections:
        for spec in section_fields(ref, section):
            if spec.widget == "choices":
                value = ",".join(c.code for c in section.choices.items[: section.choices.min])
            elif spec.widget == "yesno":
                value = "oui"
            else:
                value = "texte"
            if (section.code, spec.key) not in skip:
                answers[(section.code, spec.key)] = value
        for _ in range(section.situations_required):
            n += 1
            situations.append(SituationContent(n, section.code, dict(FULL)))
    return LivretContent(answers=answers, situations=tuple(situations))


def messages(report) -> list[str]:
    return [m.message for m in report.missing]


@pytest.mark.parametrize("ref", [COS, AF, AIS], ids=lambda r: r.slug)
def test_a_full_livret_is_complete_and_an_empty_one_is_all_to_do(ref):
    assert check(ref, full_content(ref)).complete
    empty = check(ref, LivretContent())
    assert not empty.complete
    # A part no source asks for (002: motivation and context) may stay empty.
    optional = {s.code for s in ref.livret_sections if is_optional(ref, s)}
    assert {s.status for s in empty.sections if s.code not in optional} == {TODO}
    assert {s.status for s in empty.sections if s.code in optional} <= {DONE}
    assert empty.percent == round(100 * len(optional) / len(ref.livret_sections))


def test_cos_requires_two_one_two_one_situations():
    empty = messages(check(COS, LivretContent()))
    assert "Activité I : 0 situation sur 2" in empty
    assert "Activité II : 0 situation sur 1" in empty
    assert "Activité III : 0 situation sur 2" in empty
    assert "Activité IV : 0 situation sur 1" in empty
    content = full_content(COS)
    one_less = tuple(s for s in content.situations if s.id != 5)  # the second of activity III
    report = check(COS, LivretContent(content.answers, one_less))
    assert messages(report) == ["Activité III : 1 situation sur 2"]
    assert report.section("activite-3").status == STARTED


def test_cos_activity_two_needs_two_of_its_five_competences():
    content = full_content(COS)
    answers = {**content.answers, ("activite-2", "choix"): "A2.I3"}
    report = check(COS, LivretContent(answers, content.situations))
    assert messages(report) == ["Activité II : cochez au moins 2 compétences sur 5"]
    answers[("activite-2", "choix")] = "A2.I3,A2.I5"
    assert check(COS, LivretContent(answers, content.situations)).complete
    answers[("activite-2", "choix")] = "A2.I3,NOT-A-CODE"
    assert not check(COS, LivretContent(answers, content.situations)).complete


@pytest.mark.parametrize("spec", [f for f in SITUATION_FIELDS if f.required], ids=lambda s: s.key)
def test_each_empty_situation_field_is_named(spec):
    content = full_content(COS)
    first, *rest = content.situations
    blanked = SituationContent(first.id, first.section, {**first.fields, spec.key: "  "})
    report = check(COS, LivretContent(content.answers, (blanked, *rest)))
    assert messages(report) == [f"Activité I, situation 1 : le champ « {spec.label} » est vide"]
    assert report.missing[0].anchor == f"champ-s{first.id}-{spec.key}"


def test_a_cos_situation_needs_only_what_004_asks():
    """004: "Vous exposerez la situation et la façon dont vous l'avez analysée puis vous
    décrirez vos différentes actions en expliquant pourquoi": title, when and where, outcome
    stay optional."""
    assert [f.key for f in SITUATION_FIELDS if f.required] == ["contexte", "analyse", "actions"]
    content = full_content(COS)
    bare = tuple(
        SituationContent(
            s.id, s.section, {k: s.fields[k] for k in ("contexte", "analyse", "actions")}
        )
        for s in content.situations
    )
    assert check(COS, LivretContent(content.answers, bare)).complete


def test_cos_identity_requires_nom_and_prenom_only():
    content = full_content(COS)
    answers = {
        k: v for k, v in content.answers.items() if k[0] != "identite" or k[1] in {"nom", "prenom"}
    }
    assert check(COS, LivretContent(answers, content.situations)).complete
    del answers[("identite", "prenom")]
    assert messages(check(COS, LivretContent(answers, content.situations))) == [
        "Identité : le champ « Prénom » est vide"
    ]


def test_the_documents_column_follows_002_per_competence():
    columns = {}
    for section in AF.livret_sections:
        if section.kind == "activities_table":
            keys = [f.label for f in section_fields(AF, section) if f.key.endswith(".documents")]
            columns[section.unit] = set(keys)
    assert columns == {
        "C1": {"Documents ou outils utilisés (logiciels ou bases de données)"},
        "C2": {"Documents présentés"},
        "C3": set(),
        "C4": set(),
        "C5": {"Documents réalisés et présentés"},
        "C6": set(),
    }


def test_assistant_formation_table_needs_yes_or_no_and_examples_when_yes():
    content = full_content(AF)
    answers = dict(content.answers)
    del answers[("competence-1", "C1.I2.realise")]
    assert messages(check(AF, LivretContent(answers))) == [
        "Compétence 1 : répondez Oui ou Non pour « Réalisation, suivi et mise à jour des "
        "dossiers des apprenants et des dossiers concernant les prestations de formation »"
    ]
    answers[("competence-1", "C1.I2.realise")] = "oui"
    answers[("competence-1", "C1.I2.exemples")] = ""
    assert messages(check(AF, LivretContent(answers))) == [
        "Compétence 1 : le champ « Exemples » de l'activité « Réalisation, suivi et mise à "
        "jour des dossiers des apprenants et des dossiers… » est vide (vous avez répondu Oui)"
    ]
    answers[("competence-1", "C1.I2.realise")] = "non"
    assert check(AF, LivretContent(answers)).complete


def test_assistant_formation_open_questions_are_required():
    content = full_content(AF, skip=(("competence-2", "C2.Q2"),))
    report = check(AF, content)
    assert len(report.missing) == 1
    assert report.missing[0].section == "competence-2"
    assert "Par quels moyens vous assurez-vous de la qualité" in report.missing[0].message
    assert report.section("competence-2").status == STARTED


def test_assistant_industries_sante_follows_its_data_file():
    required = {
        s.code: s.situations_required for s in AIS.livret_sections if s.kind == "situations"
    }
    assert required == {"bloc-1": 2, "bloc-2": 2, "bloc-3": 1, "bloc-4": 1}
    content = full_content(AIS)
    no_bloc2 = tuple(s for s in content.situations if s.section != "bloc-2")
    report = check(AIS, LivretContent(content.answers, no_bloc2))
    assert messages(report) == ["Bloc de compétences 2 : 0 situation sur 2"]


@pytest.mark.parametrize("ref", [COS, AIS], ids=lambda r: r.slug)
def test_motivation_and_context_are_required_where_the_livret_asks_them(ref):
    report = check(
        ref, full_content(ref, skip=(("motivation", "raisons"), ("contexte", "description")))
    )
    assert {m.section for m in report.missing} == {"motivation", "contexte"}
    assert report.section("identite").status == DONE


def test_motivation_and_context_are_optional_where_no_source_asks_them():
    """002 has no motivation and no context part: the portal proposes them, optional."""
    report = check(
        AF, full_content(AF, skip=(("motivation", "raisons"), ("contexte", "description")))
    )
    assert report.complete


@given(st.sets(st.sampled_from([s.id for s in full_content(COS).situations])))
def test_removing_situations_never_makes_a_livret_complete(removed):
    content = full_content(COS)
    kept = tuple(s for s in content.situations if s.id not in removed)
    assert check(COS, LivretContent(content.answers, kept)).complete == (not removed)


def test_prefill_ticks_declared_items_and_competences():
    assert prefill_from_activities(AF, ["C1.I1", "C3.I2", "XX"]) == {
        ("competence-1", "C1.I1.realise"): "oui",
        ("competence-3", "C3.I2.realise"): "oui",
    }
    assert prefill_from_activities(COS, ["A1.I1", "A2.I2", "A2.I4"]) == {
        ("activite-2", "choix"): "A2.I2,A2.I4"
    }


@pytest.mark.parametrize(
    ("address", "town"),
    [
        ("1 rue de la Paix\n69001 Lyon", "Lyon"),
        ("3 place Bellecour, Lyon", "Lyon"),
        ("12 avenue Foch, 75016 Paris", "Paris"),
        ("", ""),
    ],
)
def test_the_place_proposed_for_the_sworn_statement_is_the_town_of_the_address(address, town):
    assert place_from_address(address) == town
