"""The grid where the source gives no elements (000, 004), and « Mes démarches »'s part."""

from __future__ import annotations

import html
from datetime import date

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from livrets.jury import services
from livrets.jury.models import Evidence
from livrets.livret2 import services as livret_services
from tests.support.data import fill_situation, make_candidate, version_of

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def test_cos_grid_works_at_the_activity_level_and_says_what_it_cannot_compute(client, referentials):
    candidate = make_candidate("dora@example.fr")
    livret = livret_services.start_livret(
        owner=candidate, version=version_of("conseiller-offres-services")
    )
    situation = fill_situation(livret, "activite-1", titre="Un allocataire en colère")
    client.force_login(candidate)
    url = f"/preparer-le-jury/livrets/{livret.pk}/"
    page = client.get(url).content.decode().replace(NBSP, " ")
    assert "Activité I : la source n’en donne ni les éléments ni la règle de maîtrise" in page
    assert "La validation peut être totale, partielle ou encore aucune validation." in page
    assert 'name="note-' not in page  # no rating scale in the source
    assert "Situation 1 : Un allocataire en colère" in page
    answer = client.post(f"{url}unites/A1/", {"preuves-A1": [f"situation:{situation.pk}"]})
    assert answer.status_code == 302
    assert list(Evidence.objects.values_list("target", "source")) == [
        ("A1", f"situation:{situation.pk}")
    ]
    interview = client.get(f"{url}entretien/").content.decode().replace(NBSP, " ")
    assert "épreuve orale devant le jury professionnel" in interview
    assert "Source : 004_7387417f5ff879d6.txt" in interview


def test_industries_sante_grid_quotes_the_80_percent_rule_and_cannot_apply_it(client, referentials):
    candidate = make_candidate("eloi@example.fr")
    livret = livret_services.start_livret(
        owner=candidate, version=version_of("assistant-industries-sante")
    )
    client.force_login(candidate)
    page = client.get(f"/preparer-le-jury/livrets/{livret.pk}/").content.decode()
    page = html.unescape(page).replace(NBSP, " ")
    assert "acquis 80% des critères d'évaluation associés" in page
    assert "ne donne pas les critères d’évaluation de ce bloc" in page


def render_demarches(user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load jury_tags %}{% jury_demarches %}")
    return template.render(Context({"request": request})).replace(NBSP, " ")


def test_mes_demarches_shows_the_decision_and_what_remains(referentials):
    candidate = make_candidate("fanny@example.fr")
    assert "Aucune décision de jury n’est enregistrée." in render_demarches(candidate)
    livret = livret_services.start_livret(
        owner=candidate, version=version_of("assistant-formation")
    )
    services.record_decision(
        owner=candidate,
        livret=livret,
        decided_on=date(2025, 3, 14),
        outcome="partielle",
        validated_units=["C1", "C2", "C3"],
    )
    html = render_demarches(candidate)
    assert "Validation partielle" in html
    assert "C4 – Traiter les aléas et les situations difficiles" in html
    assert "14 mars 2030" in html
    other = make_candidate("gaspard@example.fr")
    assert "Aucune décision" in render_demarches(other)
