"""The jury grid's and the recevabilité request's PDFs go through the livret's export: kept
for their content, read only by whom may read them now, and a progress page when slow."""

from __future__ import annotations

import threading

import pytest
from django.urls import reverse

from livrets.jury import services as jury
from livrets.livret2 import services as livret_services
from livrets.recevabilite import services as recevabilite
from livrets.review import services as review
from portal.pdf import render as rendering
from tests.support.data import version_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_pdf_caches")]


def _grid(people):
    """The grid of an assistant-formation livret (its source rates elements) followed by the
    coach; the change: the candidate rates an element, printed in its row."""
    a = people["a"]
    livret = livret_services.start_livret(owner=a, version=version_of("assistant-formation"))
    invitation = review.invite(livret=livret, email=people["coach"].email).invitation
    review.accept(invitation=invitation, user=people["coach"])
    unit = livret.referential_version.referential.units[0]

    def change():
        jury.rate_unit(
            livret=livret,
            unit_code=unit.code,
            role="candidat",
            author=a,
            values={unit.elements[0].code: "acquis"},
        )

    return reverse("jury:pdf", args=[livret.pk]), invitation, change, "<td>Acquis</td>"


def _request(people):
    """The candidate's request on the CQP of the livret the coach follows; the change: the
    candidate's name in the profile the request prints."""
    livret = people["livret_a"]
    rq, _ = recevabilite.start_request(
        owner=people["a"],
        version=livret.referential_version,
        experiences=[{"kind": "salarie", "title": "Conseillère", "start": "2022-01-01"}],
    )

    def change():
        recevabilite.save_profile(user=people["a"], data={"nom": "Martin", "prenom": "Alice"})

    return reverse("recevabilite:pdf", args=[rq.pk]), people["invitation"], change, "Martin"


DOCUMENTS = {"grille du jury": _grid, "demande de recevabilité": _request}


def _pdf(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    return response.content


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_an_unchanged_document_is_kept_and_a_change_makes_a_new_one(
    document, people, as_user, renders
):
    url, _invitation, change, shown = DOCUMENTS[document](people)
    candidate, coach = as_user(people["a"]), as_user(people["coach"])
    first = _pdf(candidate, url)
    assert _pdf(candidate, url) == first
    assert _pdf(coach, url) == first  # the same document for every reader
    assert len(renders) == 1
    change()
    second = _pdf(candidate, url)
    assert second != first and len(renders) == 2
    assert shown not in renders[0] and shown in renders[1]


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_a_revoked_accompagnateur_gets_nothing_from_the_kept_pdf(
    document, people, as_user, renders
):
    url, invitation, _change, _shown = DOCUMENTS[document](people)
    coach = as_user(people["coach"])
    _pdf(coach, url)
    review.revoke(invitation=invitation)
    assert coach.get(url).status_code == 404
    assert coach.get(url.replace("/pdf/", "/pdf/preparation/")).status_code == 404
    assert as_user(people["b"]).get(url).status_code == 404
    assert len(renders) == 1


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_a_slow_pdf_shows_its_progress_then_is_served(
    document, people, as_user, monkeypatch, settings
):
    settings.PDF_WAIT_SECONDS = 0.05
    gate = threading.Event()

    def slow(html: str) -> rendering.Rendered:
        assert gate.wait(30), "the test never opened the gate"
        return rendering.Rendered(b"%PDF-slow", 0.5, 0)

    monkeypatch.setattr(rendering, "html_to_pdf", slow)
    url, *_ = DOCUMENTS[document](people)
    progress_url = url.replace("/pdf/", "/pdf/preparation/")
    client = as_user(people["a"])
    try:
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, progress_url)
        page = client.get(progress_url)
        assert "Votre PDF est en cours de préparation." in page.text
        assert f'data-hx-get="{progress_url}"' in page.text
    finally:
        gate.set()
    for _ in range(200):
        if client.get(progress_url, HTTP_HX_REQUEST="true").status_code != 200:
            break
        threading.Event().wait(0.05)
    assert "Votre PDF est prêt" in client.get(progress_url).text
    assert client.get(url).content == b"%PDF-slow"
