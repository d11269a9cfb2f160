"""The livret's PDF goes to the certifier: the portal's optional fields the candidate left
empty are left out of it, instead of printing the portal's structure as « Non renseigné »."""

from __future__ import annotations

import re
from datetime import date

import pytest

from livrets.livret2 import services
from livrets.livret2.pdf.document import livret_html
from tests.support.data import fill_situation, version_of

pytestmark = pytest.mark.django_db

PORTAL_LABELS = ("Titre de la situation", "Quand et où", "Le résultat")


def situation_part(html: str) -> str:
    start = html.index('id="situation-')
    return html[start : html.index("</section>", start)]


def cos_livret(candidate):
    return services.start_livret(owner=candidate, version=version_of("conseiller-offres-services"))


def test_the_portals_optional_fields_left_empty_are_not_printed(referentials, candidate):
    livret = cos_livret(candidate)
    fill_situation(livret, "activite-1", titre="", quand_ou="", resultat="")
    part = situation_part(livret_html(livret, today=date(2026, 3, 2)))
    for label in PORTAL_LABELS:
        assert label not in part
    assert "Non renseigné" not in part
    # What 004 asks is printed.
    assert "La façon dont vous l’avez analysée" in part or "La façon dont vous l'avez" in part
    assert "Vos différentes actions" in part


def test_the_portals_optional_fields_the_candidate_filled_are_printed_and_marked(
    referentials, candidate
):
    livret = cos_livret(candidate)
    fill_situation(livret, "activite-1", titre="Un usager perdu", resultat="Dossier réglé.")
    part = situation_part(livret_html(livret, today=date(2026, 3, 2)))
    assert "Dossier réglé." in part
    result = part[part.index("Le résultat") :][:400]
    assert re.search(r'class="proposed"', result)
    assert "Quand et où" in part  # filled by fill_situation's default text


def test_a_field_the_source_asks_for_still_says_it_is_empty(referentials, candidate):
    livret = cos_livret(candidate)
    fill_situation(livret, "activite-1", analyse="")
    part = situation_part(livret_html(livret, today=date(2026, 3, 2)))
    assert "Non renseigné" in part
