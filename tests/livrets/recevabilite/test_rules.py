"""The request's pure rules: completeness, the yearly limit, the dates and their sources."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from home.referentials.builder import build as referential_build
from livrets.candidatures.deadlines import Facts
from livrets.recevabilite import rules

DATA = Path(settings.REFERENTIAL_DATA_DIR)


def form_of(slug: str):
    return referential_build(json.loads((DATA / f"{slug}.json").read_text())).request


AF = form_of("assistant-formation")
IAS = form_of("assistant-industries-sante")
COS = form_of("conseiller-offres-services")

PROFILE = {
    "nom": "Martin",
    "prenom": "Alice",
    "adresse": "Lyon",
    "email": "a@example.fr",
    "naissance_date": date(1990, 1, 1),
    "naissance_lieu": "Lyon",
    "telephone_portable": "06",
}
PERIOD = rules.PeriodContent(
    id=7,
    number=1,
    kind="salarie",
    title="Assistante",
    employer="Horizon",
    sector="Formation",
    start=date(2022, 1, 1),
    current=True,
    weekly_hours=35,
    activities={"suivi-administratif": "Conventions"},
    proofs=1,
)
FULL = rules.RequestContent(
    profile=PROFILE,
    career={
        "experience_totale": "10 ans",
        "experience_metier": "3 ans",
        "autres_activites": "non",
    },
    periods=(PERIOD,),
    last_class="terminale",
    diplomas=("bac",),
    diploma_details={"bac": "Bac STMG"},
    other_requests_this_year=2,
)


def test_a_full_request_lacks_nothing():
    assert rules.missing(AF, FULL) == []


def test_an_empty_request_lists_each_missing_item_with_its_place():
    missing = rules.missing(AF, rules.RequestContent())
    messages = [m.message for m in missing]
    assert "Nom : à renseigner" in messages
    assert "Au moins un numéro de téléphone" in messages
    assert "Au moins une période d'expérience" in messages
    assert any(m.anchor == "id_last_class" and m.part == "formation" for m in missing)
    assert any(m.anchor == "id_count-other_requests_this_year" for m in missing)


def test_a_period_without_proof_or_activity_is_named():
    period = rules.PeriodContent(id=3, number=2, kind="salarie", title="Agent", proofs=0)
    missing = rules.missing(AF, rules.RequestContent(profile=PROFILE, periods=(period,)))
    mine = [m for m in missing if m.period == 3]
    assert {m.anchor for m in mine} >= {"pieces", "activites", "id_employer", "id_sector"}
    assert all(m.message.startswith("Période 2 (Agent)") for m in mine)


def test_yes_makes_the_follow_up_questions_required():
    career = dict(FULL.career, autres_activites="oui")
    content = rules.RequestContent(**{**FULL.__dict__, "career": career})
    anchors = {m.anchor for m in rules.missing(AF, content)}
    assert anchors == {"id_career_autres_lesquelles", "id_career_autres_utilite"}


def test_a_diploma_asks_its_title():
    content = rules.RequestContent(**{**FULL.__dict__, "diploma_details": {}})
    assert [m.anchor for m in rules.missing(AF, content)] == ["id_detail_bac"]


@pytest.mark.parametrize(("others", "refused"), [(0, False), (2, False), (3, True), (7, True)])
def test_a_fourth_request_in_the_calendar_year_is_refused_with_the_source_sentence(others, refused):
    sentence = rules.refusal(AF, others)
    assert (sentence is not None) is refused
    if refused:
        assert "ne pas déposer plus de trois demandes" in sentence
        assert sentence.from_source
        content = rules.RequestContent(**{**FULL.__dict__, "other_requests_this_year": others})
        assert rules.missing(AF, content)[0].message.startswith("Une demande de plus")


@pytest.mark.parametrize("form", [COS, IAS], ids=["004", "000"])
def test_national_forms_prompt_the_one_and_three_requests_statement_as_the_portals(form):
    """The national form's sworn statement (one request per certification, three a year) is
    asked for 000 and 004 as for 002, in the portal's words: no source reproduces it."""
    assert form.max_requests_per_year == 3
    assert rules.refusal(form, 2) is None
    sentence = rules.refusal(form, 3)
    assert sentence is not None and not sentence.from_source
    assert "une seule demande pour cette certification" in sentence
    assert "article R335-7" in sentence
    content = rules.RequestContent(**{**FULL.__dict__, "other_requests_this_year": None})
    assert "Le nombre de demandes de VAE déposées ailleurs cette année civile" in [
        m.message for m in rules.missing(form, content)
    ]


def delays_of(form):
    slug = {id(AF): "assistant-formation", id(IAS): "assistant-industries-sante"}.get(
        id(form), "conseiller-offres-services"
    )
    return referential_build(json.loads((DATA / f"{slug}.json").read_text())).delays


def outcome(form, *, finalised=True, today=date(2026, 2, 1), referential_changed=False, **facts):
    facts = {"sent_on": date(2026, 1, 10), **facts}
    if "decided_on" in facts:
        facts["decision_on"] = facts.pop("decided_on")
    return rules.outcome(
        form,
        delays=delays_of(form),
        facts=Facts(**facts),
        finalised=finalised,
        today=today,
        referential_changed=referential_changed,
    )


def test_silence_counts_from_the_receipt_and_cites_the_source():
    out = outcome(COS, received_on=date(2026, 1, 15))
    assert out.state == "sent"
    [silence] = out.dates
    assert silence.day == date(2026, 3, 15)
    assert silence.source.startswith("L'absence de réponse de notre part")
    assert silence.note and not silence.note.from_source


def test_no_answer_past_the_delay_is_acceptance_then_18_months_of_validity():
    out = outcome(
        COS, received_on=date(2026, 1, 15), decision="sans_reponse", today=date(2026, 3, 15)
    )
    assert out.state == "accepted_by_silence" and out.accepted
    assert out.accepted_on == date(2026, 3, 15)
    validity = next(d for d in out.dates if d.code == "validity")
    assert validity.day == date(2027, 9, 15)
    assert "valable 18 mois" in validity.source
    [(renewal, no), (prorogation, yes)] = validity.options
    assert renewal.startswith("un renouvellement") and not no
    assert prorogation.startswith("une prorogation") and yes


def test_no_answer_before_the_delay_is_still_waiting():
    out = outcome(COS, decision="sans_reponse", today=date(2026, 3, 9))
    assert out.state == "sent" and not out.accepted


def test_favourable_validity_from_the_notification_and_renewal_when_the_referential_changed():
    out = outcome(
        COS,
        decision="favourable",
        decided_on=date(2026, 2, 10),
        notified_on=date(2026, 2, 20),
        referential_changed=True,
    )
    assert out.accepted_on == date(2026, 2, 10)  # the decision's own date
    assert out.dates[0].day == date(2027, 8, 20)
    [(renewal, yes), (prorogation, no)] = out.dates[0].options
    assert renewal.startswith("un renouvellement") and yes
    assert prorogation.startswith("une prorogation") and not no


def test_industries_de_sante_has_silence_but_no_validity():
    out = outcome(IAS, decision="favourable", decided_on=date(2026, 2, 1))
    assert out.accepted and out.dates == ()


def test_assistant_formation_states_no_delay_so_the_portal_computes_none():
    out = outcome(AF, decision="sans_reponse", today=date(2027, 1, 1))
    assert out.state == "unknown" and not out.accepted
    assert not out.notes[0].from_source


def test_draft_and_finalised_before_sending():
    assert outcome(AF, sent_on=None, finalised=False).state == "draft"
    assert outcome(AF, sent_on=None).state == "finalised"


@pytest.mark.parametrize(
    ("elsewhere", "on_portal", "refused"),
    [(None, 2, False), (None, 3, True), (0, 2, False), (1, 2, True), (2, 0, False)],
)
def test_the_yearly_limit_counts_the_portals_requests_and_those_declared(
    elsewhere, on_portal, refused
):
    assert (rules.refusal(AF, elsewhere, on_portal) is not None) is refused
    content = rules.RequestContent(
        **{
            **FULL.__dict__,
            "other_requests_this_year": elsewhere,
            "portal_requests_this_year": on_portal,
        }
    )
    messages = [m.message for m in rules.missing(AF, content)]
    assert any(m.startswith("Une demande de plus") for m in messages) is refused


@pytest.mark.parametrize("form", [COS, IAS], ids=["004", "000"])
def test_a_national_form_needs_the_type_of_validation_sought_not_the_blocks(form):
    """The national form's first part: the type is to tick (on the education page, at its
    first radio); the blocks already held are « le cas échéant »."""
    content = rules.RequestContent(**{**FULL.__dict__, "other_requests_this_year": 0})
    assert rules.missing(form, content) == [
        rules.Missing("formation", "Type de validation visée : à cocher", "id_validation_sought_0")
    ]
    for sought in ("totale", "partielle"):
        chosen = rules.RequestContent(**{**content.__dict__, "validation_sought": sought})
        assert rules.missing(form, chosen) == []


def test_002s_own_form_does_not_ask_the_type_of_validation():
    assert FULL.validation_sought == ""
    assert rules.missing(AF, FULL) == []
