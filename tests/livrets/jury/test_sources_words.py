"""The jury preparation names who the sources name, keeps the source's columns and words, and
marks what the portal reads into them (issue 23, « Jury preparation »)."""

from __future__ import annotations

from datetime import date
from html import unescape

import pytest

from livrets.jury import services
from livrets.livret2 import services as livret_services
from tests.support.data import fill_section, make_candidate, version_of
from tests.support.pdf import flat, pages_text

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
MARK = '<a class="proposed" href="/propose-par-le-portail/">Proposé par le portail</a>'


def page(client, url: str) -> str:
    return unescape(client.get(url).content.decode()).replace(NBSP, " ")


def interview_url(livret) -> str:
    return f"/preparer-le-jury/livrets/{livret.pk}/entretien/"


def decision_url(livret) -> str:
    return f"/preparer-le-jury/livrets/{livret.pk}/decision/"


@pytest.fixture
def owner(referentials):
    return make_candidate("sources@example.fr")


def livret_of(owner, slug: str):
    return livret_services.start_livret(owner=owner, version=version_of(slug))


@pytest.mark.parametrize(
    ("slug", "people"),
    [
        ("assistant-formation", "un professionnel du secteur et un évaluateur externe"),
        (
            "assistant-industries-sante",
            "un évaluateur habilité et une personne extérieure au service dans lequel le "
            "candidat travaille",
        ),
        ("conseiller-offres-services", "une épreuve orale devant le jury professionnel"),
    ],
)
def test_the_interview_page_names_who_the_source_names(client, owner, slug, people):
    livret = livret_of(owner, slug)
    client.force_login(owner)
    html = page(client, interview_url(livret))
    assert "<h1>Préparer l’évaluation</h1>" in html
    assert "entretien avec le jury" not in html
    assert f"« {people} »" in html


def test_cos_interview_lists_activity_two_competences_and_those_left_for_the_jury(client, owner):
    livret = livret_of(owner, "conseiller-offres-services")
    fill_section(livret, "activite-2", {"choix": "A2.I1,A2.I4"})
    client.force_login(owner)
    html = page(client, interview_url(livret))
    assert (
        "« Particularité : A minima deux des cinq compétences citées ci-dessous sont à aborder "
        "dans la situation choisie. »"
    ) in html
    assert "« Les compétences restantes seront évaluées lors de l'échange avec le jury. »" in html
    listed = html[html.index("les compétences citées") :]
    addressed = "abordée dans votre situation"
    left = "restante, évaluée lors de l’échange avec le jury"
    for label, state in [
        ("d'appliquer les règles de la déontologie et du secret professionnel", addressed),
        ("de travailler en coopération avec les autres services et partenaires", left),
        ("de recourir à des personnes référentes à bon escient", left),
        ("de participer à la prévention des indus", addressed),
        ("de signaler les suspicions de fraudes auprès des services compétents", left),
    ]:
        line = listed[listed.index(label) :][:400]
        assert state in line, label


def test_the_002_grid_keeps_the_source_columns_and_says_the_candidate_fills_none(client, owner):
    livret = livret_of(owner, "assistant-formation")
    client.force_login(owner)
    html = page(client, f"/preparer-le-jury/livrets/{livret.pk}/")
    for column in (
        "« Lecture du dossier VAE (tableau des activités renseigné par le candidat) »",
        "« Résultats après observation et entretien »",
        "« Points à vérifier lors de l’entretien »",
    ):
        assert column in html
    note = html[html.index("Vous n’en remplissez aucune") :][:600]
    assert MARK in note
    assert "Votre positionnement sur l’élément 1" in html


def test_mastery_reasons_and_the_evidence_note_are_marked_as_the_portals(client, owner):
    livret = livret_of(owner, "assistant-formation")
    client.force_login(owner)
    data = {f"note-C4.E{i}": "non_mis_en_oeuvre" for i in range(1, 6)}
    client.post(f"/preparer-le-jury/livrets/{livret.pk}/unites/C4/", data)
    html = page(client, f"/preparer-le-jury/livrets/{livret.pk}/")
    reason = html[html.index("la règle en tolère") :][:300]
    assert MARK in reason
    evidence = html[html.index("Cette unité demande encore des preuves") :][:700]
    assert MARK in evidence


def test_after_a_partial_decision_002_gives_the_two_routes_in_its_words(client, owner):
    livret = livret_of(owner, "assistant-formation")
    services.record_decision(
        owner=owner,
        livret=livret,
        decided_on=date(2026, 3, 14),
        outcome="partielle",
        validated_units=["C1"],
    )
    client.force_login(owner)
    html = page(client, decision_url(livret))
    assert "« Le candidat peut poursuivre son parcours : »" in html
    assert "« soit en suivant une formation sur les compétences manquantes" in html
    assert "« soit en complétant son expérience professionnelle en entreprise" in html


def test_cos_partial_validation_by_activity_is_marked_and_the_jury_sentence_quoted(client, owner):
    livret = livret_of(owner, "conseiller-offres-services")
    client.force_login(owner)
    html = page(client, decision_url(livret))
    note = html[html.index("enregistrer une validation partielle") :][:300]
    assert "activité par activité est un choix du portail" in note and MARK in note
    assert "« Le jury professionnel »" not in html
    assert "épreuve orale devant le jury professionnel qui vous posera des questions" in html


def test_industries_sante_decision_quotes_step_eight(client, owner):
    livret = livret_of(owner, "assistant-industries-sante")
    client.force_login(owner)
    html = page(client, decision_url(livret))
    assert "délivrance de tout ou partie du CQP" in html
    assert "« e-certif »" not in html
    assert "enregistrer une validation partielle" not in html


@pytest.mark.pdf
def test_the_jury_grid_pdf_footer_is_about_the_jury_not_the_recevabilite(client, owner):
    livret = livret_of(owner, "assistant-formation")
    client.force_login(owner)
    answer = client.get(f"/preparer-le-jury/livrets/{livret.pk}/pdf/")
    pdf = b"".join(answer.streaming_content) if answer.streaming else answer.content
    pages = [flat(p) for p in pages_text(pdf)]
    assert all("seuls les évaluateurs et le jury décident" in p for p in pages)
    assert not any("décide de la recevabilité" in p for p in pages)
    assert "Positionnement du candidat" in " ".join(pages)
