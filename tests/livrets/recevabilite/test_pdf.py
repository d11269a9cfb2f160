"""The request's PDF: 002's own form in the source's order and words, the secretariat's box
left empty; for the national forms a preparation file that says on its cover and on every
page that it is not the official form; tagged, « Page X sur Y », draft watermark."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from livrets.recevabilite import services
from livrets.recevabilite.pdf import request_html
from portal.pdf.render import html_to_pdf
from tests.support.pdf import assert_in_order, flat, pages_text, reader, watermark_pixels
from tests.support.pdf_structure import heading_levels, heading_skips
from tests.support.recevabilite import AF, COS, IAS, complete, start

pytestmark = pytest.mark.django_db


def render(request) -> bytes:
    return html_to_pdf(request_html(request)).pdf


def test_the_002_form_is_filled_in_the_source_order_with_an_empty_secretariat_box(
    referentials, candidate
):
    request = start(candidate, AF)
    complete(request)
    services.finalise(
        request=request, sworn_name="Alice Martin", sworn_place="Bron", sworn_on=date(2026, 3, 2)
    )
    pdf = render(request)
    pages = pages_text(pdf)
    text = flat(" ".join(pages))
    assert_in_order(
        text,
        [
            "Dossier de recevabilité : présentation du candidat",
            "Présentation du candidat",
            "☐ Monsieur ☒ Madame",
            "Nom",
            "Martin",
            "Téléphone domicile",
            "Date de naissance",
            "04/05/1990",
            "Parcours professionnel",
            "Durée totale de votre expérience professionnelle dans l’assistanat de formation",
            "Emploi actuel",
            "Intitulé de l’emploi (poste de travail) ou de la fonction ou de votre activité",
            "Assistante de formation",
            "Entreprise dans laquelle vous exercez",
            "Organisme Horizon",
            "Précisez vos principales activités dans cet emploi",
            "Suivi administratif des prestations de formation",
            "Suivi des conventions de formation.",
            "Veuillez joindre la copie des bulletins de salaire",
            "Votre parcours de formation",
            "Dernière classe suivie",
            "☒ Terminale",
            "Diplôme(s), titre(s) ou certifications obtenu(s)",
            "Précisez l’intitulé du diplôme : Baccalauréat STMG",
            "Recevabilité du candidat dans le cadre de la Validation des Acquis de l’Expérience",
            "A RENSEIGNER PAR LE CANDIDAT :",
            "Je soussigné (e): Alice Martin",
            "Déclare sur l’honneur que toutes les informations fournies sont exactes",
            "Fait à Bron",
            "Le 02/03/2026",
            "Signature du candidat :",
            "A RENSEIGNER PAR LE SECRETARIAT DE LA CPEF :",
            "Date de réception du dossier :",
            "Recevabilité du dossier pour la VAE :",
            "☐ Favorable*",
            "☐ Défavorable",
            "Signature du secrétaire de la CPEF :",
        ],
    )
    # The secretariat's box ends the document: after its last label, only the running footer.
    tail = text.split("Signature du secrétaire de la CPEF :")[1]
    assert re.fullmatch(
        r" Assistant\(e\) de formation Déclaration Alice Martin Page \d+ sur \d+", tail
    )
    assert "☒ Favorable" not in text
    assert all(f"Page {n} sur {len(pages)}" in page for n, page in enumerate(pages, 1))
    root = reader(pdf).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "fr"
    assert "formulaire officiel" not in text
    # Headings as a screen reader lists them: parts (H2), periods (H3), each period's
    # activities (H4), no level skipped; the form's labels (« Nom »…) are not headings.
    levels = heading_levels(pdf)
    assert heading_skips(levels) == [], levels
    assert levels.count(4) == request.periods.count() == 2


@pytest.mark.parametrize(
    ("slug", "where"),
    [
        (IAS, "secrétariat des CQP des industries de santé"),
        (COS, "à retourner complétés à formation@ucanss.fr"),
    ],
)
def test_a_national_form_gets_a_preparation_file_that_says_so_on_every_page(
    referentials, candidate, slug, where
):
    request = start(candidate, slug)
    complete(request)
    pdf = render(request)
    pages = pages_text(pdf)
    cover = flat(pages[0])
    assert "Ce document n’est pas le formulaire officiel" in cover
    assert where in cover
    assert all("ce n’est pas le formulaire officiel" in flat(p) for p in pages)
    text = flat(" ".join(pages))
    assert "Liste de contrôle des pièces" in text and "☒ bulletin.pdf" in text
    assert "« Proposé par le portail »" in text
    # A draft carries the watermark on every page (a background, not words).
    assert all(watermark_pixels(pdf, n) > 1_500 for n in range(1, len(pages) + 1))


def test_the_pdf_is_the_owners_and_the_draft_mentions_what_is_missing(
    client_of, referentials, candidate, other_candidate
):
    request = start(candidate, AF)
    response = client_of(candidate).get(reverse("recevabilite:pdf", args=[request.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith(
        '"demande-recevabilite-assistant-formation.pdf"'
    )
    assert "éléments manquants" in flat(pages_text(response.content)[0])
    other = client_of(other_candidate).get(reverse("recevabilite:pdf", args=[request.pk]))
    assert other.status_code == 404


@pytest.mark.parametrize(
    ("slug", "sought", "held", "shown"),
    [
        (
            COS,
            "partielle",
            ["A1", "A3"],
            [
                "☒ Activité I – Accueille, informe, oriente et conseille",
                "☒ Activité III – Informe, conseille et oriente",
            ],
        ),
        (IAS, "totale", [], ["Aucun bloc déjà détenu indiqué"]),
    ],
)
def test_the_preparation_file_prints_the_certification_sought(
    referentials, candidate, slug, sought, held, shown
):
    request = start(candidate, slug)
    complete(request)
    services.save_education(
        request=request,
        career={},
        last_class="terminale",
        diplomas=["bac"],
        details={"bac": "Baccalauréat STMG"},
        validation_sought=sought,
        blocks_held=held,
    )
    text = flat(" ".join(pages_text(render(request))))
    boxes = {"totale": "☒ Validation totale du CQP ☐", "partielle": "☐ Validation totale du CQP ☒"}
    assert_in_order(
        text,
        [
            "La certification visée",
            "Intitulé du CQP visé « Proposé par le portail »",
            request.referential_version.referential.title,
            "Type de validation visée « Proposé par le portail »",
            boxes[sought] + " Validation partielle (une partie du CQP)",
            "Blocs de compétences déjà détenus, le cas échéant « Proposé par le portail »",
            *shown,
        ],
        start=text.index("Les parties du formulaire national"),
    )
    assert "à indiquer sur le formulaire" not in text
    if not held:
        assert "☒ Bloc" not in text
