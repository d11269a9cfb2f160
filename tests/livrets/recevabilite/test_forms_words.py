"""What the request says about the form to fill and where it goes: the source's words, the
portal's additions marked (issue 23, « The national form (000, 004) »)."""

from __future__ import annotations

from html import unescape

import pytest

from livrets.recevabilite.pdf import request_html
from tests.support.recevabilite import AF, COS, IAS, complete, start

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
SPAN_MARK = '<span class="proposed">« Proposé par le portail »</span>'
SERVICE_PUBLIC = "https://www.service-public.fr/particuliers/vosdroits/R10282"


def page(client, url: str) -> str:
    return unescape(client.get(url).content.decode()).replace(NBSP, " ")


def detail(client, request) -> str:
    client.force_login(request.owner)
    return page(client, f"/mes-demarches/recevabilite/{request.pk}/")


def test_cos_gives_the_form_number_attributed_to_000_with_a_link(client, referentials, candidate):
    html = detail(client, start(candidate, COS))
    line = html[html.index("Télécharger le livret 1 VAE 2018 sur le site Service-Public.fr") :]
    line = line[: line.index("Télécharger la notice explicative")]
    assert "n° 12818*02" in line
    assert "« Notice concernant la procédure de recevabilité à la VAE »" in line
    assert "CQP Assistant(e) des industries de santé" in line
    assert f'<a href="{SERVICE_PUBLIC}"' in line
    assert SPAN_MARK in line


@pytest.mark.parametrize("slug", [COS, IAS])
def test_the_national_form_is_named_once_on_the_page_and_the_pdf_cover(
    client, referentials, candidate, slug
):
    request = start(candidate, slug)
    html = detail(client, request)
    assert "formulaire national, formulaire" not in html
    sentence = html[html.index("Ce CQP demande le formulaire national") :][:700]
    assert SPAN_MARK in sentence
    pdf = unescape(request_html(request))
    cover = pdf[pdf.index("Ce document n’est pas le formulaire officiel") :][:600]
    assert "dans le formulaire, formulaire" not in cover
    assert "recopiez-en les réponses dans le " in cover and SPAN_MARK in cover


def test_000_links_to_where_its_source_says_the_form_is(client, referentials, candidate):
    html = detail(client, start(candidate, IAS))
    assert f'<a href="{SERVICE_PUBLIC}"' in html


def test_002_says_to_ask_for_the_file_before_the_pdf_and_that_no_address_is_known(
    client, referentials, candidate
):
    html = detail(client, start(candidate, AF))
    ask = html.index("fait une demande de dossier VAE au secrétariat de la CPEF")
    download = html.index("Télécharger ma demande (PDF)")
    assert ask < download
    assert "Le PDF à envoyer" not in html
    note = "Le dossier ne donne pas l’adresse du secrétariat de la CPEF : le portail ne la connaît"
    assert SPAN_MARK in html[html.index(note) :][:200]


@pytest.mark.parametrize("slug", [COS, IAS])
def test_000_and_004_ask_the_one_and_three_requests_question_marked(
    client, referentials, candidate, slug
):
    request = start(candidate, slug)
    client.force_login(candidate)
    html = page(client, f"/mes-demarches/recevabilite/{request.pk}/declaration/")
    statement = html[html.index("Le formulaire national vous fait déclarer sur l’honneur") :]
    assert "article R335-7" in statement[:600] and SPAN_MARK in statement[:800]
    question = html[html.index("Combien de demandes de VAE avez-vous déposées") :][:400]
    assert SPAN_MARK in question
    # Three requests already: the portal says why it stops, in its own marked words.
    complete(request)
    client.post(
        f"/mes-demarches/recevabilite/{request.pk}/declaration/",
        {"count": "1", "count-other_requests_this_year": "3"},
    )
    html = page(client, f"/mes-demarches/recevabilite/{request.pk}/declaration/")
    refused = html[html.index("Le portail ne peut pas préparer une demande de plus") :][:1200]
    assert "la source dit" not in refused and SPAN_MARK in refused


@pytest.mark.parametrize("slug", [COS, IAS])
def test_the_preparation_file_follows_the_national_forms_parts_marked_as_the_portals(
    client, referentials, candidate, slug
):
    request = start(candidate, slug)
    complete(request)
    parts = [
        "La certification visée",
        "Votre situation",
        "Votre formation et les certifications obtenues",
        "Votre expérience en rapport avec la certification visée",
        "La déclaration sur l’honneur",
    ]
    for html in (detail(client, request), unescape(request_html(request))):
        listed = html[html.index("Les parties du formulaire national <span") :]
        assert SPAN_MARK in listed[:200]
        positions = [listed.index(f"<strong>{p}</strong>") for p in parts]
        assert positions == sorted(positions)
        assert "validation totale ou partielle" in listed
        assert "article R335-7" in listed
    pdf = unescape(request_html(request))
    # The file's own parts in the form's order: education before the experiences.
    order = [pdf.index(f'id="{anchor}"') for anchor in ("parties", "identite", "formation")]
    order.append(pdf.index('id="experiences"'))
    order.append(pdf.index('id="declaration"'))
    assert order == sorted(order)


def test_002_keeps_its_own_forms_order_and_no_national_parts(client, referentials, candidate):
    request = start(candidate, AF)
    complete(request)
    pdf = unescape(request_html(request))
    assert "Les parties du formulaire national" not in pdf
    assert pdf.index('id="experiences"') < pdf.index('id="formation"')
    assert "Les parties du formulaire national" not in detail(client, request)
