"""The national form's first part, « La certification visée » (issue 23): for 000 and 004 the
request asks the type of validation sought and the blocks already held, first on the education
page, marked as the portal's reading of the national form; 002's own form does not ask it.
Finalising waits for the type; the overview, the preparation file and the export show it."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from livrets.recevabilite import rules, services
from livrets.recevabilite.models import RecevabiliteRequest
from livrets.recevabilite.pdf import request_html
from tests.support.data import version_of
from tests.support.personal_data import assert_exported, exported
from tests.support.recevabilite import COS, IAS, complete, start

pytestmark = pytest.mark.django_db

SPAN_MARK = '<span class="proposed">« Proposé par le portail »</span>'


def page(client, url: str) -> str:
    return unescape(client.get(url).content.decode())


def education_url(request) -> str:
    return reverse("recevabilite:education", args=[request.pk])


def unit_labels(slug: str) -> list[str]:
    ref = version_of(slug).referential
    return [f"{ref.unit_name(u)} – {u.title}" for u in ref.units]


def checked(html: str, name: str) -> set[str]:
    """The values of the ticked inputs of that name."""
    return {
        re.search(r'value="([^"]*)"', tag).group(1)
        for tag in re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
        if " checked" in tag
    }


@pytest.mark.parametrize("slug", [IAS, COS])
def test_000_and_004_ask_the_certification_sought_first_and_mark_it(
    client_of, referentials, candidate, slug
):
    request = start(candidate, slug)
    html = page(client_of(candidate), education_url(request))
    heading = html.index("La certification visée " + SPAN_MARK)
    assert heading < html.index("Dernière classe suivie")
    radios = re.findall(r'<input type="radio" name="validation_sought" value="(\w+)"', html)
    assert radios == ["totale", "partielle"]
    for label in ("Validation totale du CQP", "Validation partielle (une partie du CQP)"):
        assert label in html
    legend = html[html.index("Type de validation visée") :][:200]
    assert SPAN_MARK in legend
    blocks = html[html.index("Blocs de compétences déjà détenus, le cas échéant") :]
    assert SPAN_MARK in blocks[:200]
    labels = unit_labels(slug)
    assert [blocks.index(label) for label in labels] == sorted(blocks.index(x) for x in labels)
    # The part's line on the overview now says where the answers are.
    overview = page(client_of(candidate), reverse("recevabilite:detail", args=[request.pk]))
    assert "ne vous demande pas encore" not in overview
    assert "sur la page « Parcours et formation »" in overview


def test_002_does_not_ask_it(client_of, af_request, candidate):
    html = page(client_of(candidate), education_url(af_request))
    assert 'name="validation_sought"' not in html and 'name="blocks_held"' not in html
    assert "La certification visée" not in html
    overview = page(client_of(candidate), reverse("recevabilite:detail", args=[af_request.pk]))
    assert "La certification visée" not in overview
    # Posted anyway, nothing is kept for 002.
    client_of(candidate).post(
        education_url(af_request),
        {"validation_sought": "partielle", "last_class": "terminale", "diplomas": ["aucun"]},
    )
    af_request.refresh_from_db()
    assert af_request.last_class == "terminale"
    assert af_request.validation_sought == "" and af_request.blocks_held == []


def test_an_unknown_block_is_refused_in_french_and_the_page_keeps_the_input(
    client_of, cos_request, candidate
):
    response = client_of(candidate).post(
        education_url(cos_request),
        {
            "validation_sought": "partielle",
            "blocks_held": ["A1", "B9"],
            "last_class": "terminale",
            "diplomas": ["bac"],
            "detail_bac": "Bac pro accueil",
        },
    )
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "« B9 » ne fait pas partie de ce CQP : cochez seulement des choix de la liste." in html
    assert 'href="#id_blocks_held_0"' in html
    assert checked(html, "validation_sought") == {"partielle"}
    assert checked(html, "blocks_held") == {"A1"}
    assert checked(html, "last_class") == {"terminale"}
    assert 'value="Bac pro accueil"' in html
    cos_request.refresh_from_db()
    assert (cos_request.validation_sought, cos_request.blocks_held, cos_request.last_class) == (
        "",
        [],
        "",
    )


def test_an_unknown_type_of_validation_is_refused_in_french(client_of, cos_request, candidate):
    response = client_of(candidate).post(
        education_url(cos_request), {"validation_sought": "les-deux", "blocks_held": ["A2"]}
    )
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "Cochez l'un des deux types de validation." in html
    assert 'href="#id_validation_sought_0"' in html
    assert checked(html, "blocks_held") == {"A2"}


def test_the_answers_are_saved_in_the_referentials_order_and_shown_on_the_overview(
    client_of, cos_request, candidate
):
    client = client_of(candidate)
    response = client.post(
        education_url(cos_request), {"validation_sought": "partielle", "blocks_held": ["A3", "A1"]}
    )
    assert response.status_code == 302
    cos_request.refresh_from_db()
    assert cos_request.validation_sought == "partielle"
    assert cos_request.blocks_held == ["A1", "A3"]
    html = page(client, education_url(cos_request))
    assert checked(html, "validation_sought") == {"partielle"}
    assert checked(html, "blocks_held") == {"A1", "A3"}
    overview = page(client, reverse("recevabilite:detail", args=[cos_request.pk]))
    answers = overview[overview.index("La certification visée : vos réponses") :]
    answers = answers[: answers.index("</dl>")]
    first, _, third, _ = unit_labels(COS)
    assert "Validation partielle (une partie du CQP)" in answers
    assert first in answers and third in answers
    assert unit_labels(COS)[1] not in answers
    # None held: said in words.
    client.post(education_url(cos_request), {"validation_sought": "totale"})
    overview = page(client, reverse("recevabilite:detail", args=[cos_request.pk]))
    answers = overview[overview.index("La certification visée : vos réponses") :][:1500]
    assert "Validation totale du CQP" in answers
    assert "Aucun bloc déjà détenu indiqué" in answers


@pytest.mark.parametrize("slug", [IAS, COS])
def test_finalising_waits_for_the_type_of_validation(client_of, referentials, candidate, slug):
    request = start(candidate, slug)
    complete(request)
    form = services.selectors.form_of(request)
    services.save_education(
        request=request,
        career={},
        last_class="terminale",
        diplomas=["bac"],
        details={"bac": "Baccalauréat STMG"},
    )
    client = client_of(candidate)
    url = reverse("recevabilite:declaration", args=[request.pk])
    html = page(client, url)
    assert f'href="{education_url(request)}#id_validation_sought_0"' in html
    assert "Type de validation visée : à cocher" in html
    finalise = {
        "finalise": "1",
        "final-name": "Alice Martin",
        "final-place": "Lyon",
        "final-date": timezone.localdate().isoformat(),
        "final-sworn": "on",
    }
    assert client.post(url, finalise).status_code == 400
    request.refresh_from_db()
    assert not request.is_finalised
    missing = rules.missing(form, services.selectors.content(request))
    assert [(m.part, m.message) for m in missing] == [
        ("formation", "Type de validation visée : à cocher")
    ]
    client.post(
        education_url(request),
        {
            "validation_sought": "totale",
            "last_class": "terminale",
            "diplomas": ["bac"],
            "detail_bac": "Baccalauréat STMG",
        },
    )
    assert client.post(url, finalise).status_code == 302
    request.refresh_from_db()
    assert request.is_finalised


def test_a_finalised_request_keeps_its_answers(client_of, cos_request, candidate):
    complete(cos_request)
    services.finalise(
        request=cos_request, sworn_name="A M", sworn_place="Lyon", sworn_on=date(2026, 3, 2)
    )
    response = client_of(candidate).post(
        education_url(cos_request), {"validation_sought": "partielle", "blocks_held": ["A1"]}
    )
    assert response.status_code == 400
    assert "Cette demande est finalisée" in unescape(response.content.decode())
    cos_request.refresh_from_db()
    assert (cos_request.validation_sought, cos_request.blocks_held) == ("totale", [])
    with pytest.raises(services.RequestError):
        services.save_education(
            request=cos_request,
            career={},
            last_class="terminale",
            diplomas=["bac"],
            details={},
            validation_sought="partielle",
        )


def test_the_preparation_file_shows_the_answers(referentials, candidate):
    request = start(candidate, IAS)
    complete(request)
    html = unescape(request_html(request))
    part = html[html.index("<h3>La certification visée</h3>") : html.index('id="identite"')]
    assert version_of(IAS).referential.title in part
    assert re.search(r"☒\s*Validation totale du CQP", part)
    assert re.search(r"☐\s*Validation partielle", part)
    assert "Aucun bloc déjà détenu indiqué" in part
    for label in ("Type de validation visée", "Blocs de compétences déjà détenus"):
        assert SPAN_MARK in part[part.index(label) :][:200], label
    assert "à indiquer sur le formulaire" not in html


def test_the_export_holds_the_certification_sought(referentials, candidate):
    request = start(candidate, COS)
    complete(request)
    services.save_education(
        request=request,
        career={},
        last_class="terminale",
        diplomas=["bac"],
        details={"bac": "Bac"},
        validation_sought="partielle",
        blocks_held=["A2"],
    )
    data, _ = exported(candidate)
    [exported_request] = data["demandes_de_recevabilite"]
    assert exported_request["certification_visee"] == {
        "type_de_validation": "partielle",
        "type_de_validation_libelle": "Validation partielle (une partie du CQP)",
        "blocs_deja_detenus": ["A2"],
    }
    assert_exported(
        data, RecevabiliteRequest.objects.filter(owner=candidate), internal=["public_id"]
    )
