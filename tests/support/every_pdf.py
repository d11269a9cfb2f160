"""Every kind of PDF the portal makes, each as full as the test data allows: livret 2,
self-check result, recevabilité request, jury grid. For the checks every PDF must pass."""

from __future__ import annotations

from datetime import date

from django.test import Client

from livrets.livret2 import services as livret_services
from livrets.livret2.pdf.document import livret_pdf
from livrets.recevabilite import services as request_services
from livrets.recevabilite.pdf import request_html
from portal.pdf.render import html_to_pdf
from tests.support.data import make_candidate, version_of
from tests.support.livret_pdf import fill_everything
from tests.support.recevabilite import complete, start
from tests.support.wizard import fill, post, url

CQPS = ("assistant-formation", "assistant-industries-sante", "conseiller-offres-services")
KINDS = ("livret", "selfcheck", "request", "jury-grid")
PRINTED_ON = date(2026, 3, 2)


def livret2(slug: str) -> bytes:
    owner = make_candidate(f"livret-{slug}@example.fr")
    livret = livret_services.start_livret(owner=owner, version=version_of(slug))
    fill_everything(livret)
    return livret_pdf(livret, today=PRINTED_ON).pdf


def selfcheck_result(slug: str) -> bytes:
    client = Client()
    fill(client, cqp=slug, activities={})
    post(client, "verification")
    client.get(url("fin"))
    return _pdf_of(client.get("/verifier-mon-eligibilite/resultat/pdf/"))


def recevabilite_request(slug: str) -> bytes:
    owner = make_candidate(f"demande-{slug}@example.fr")
    request = start(owner, slug)
    complete(request)
    request_services.finalise(
        request=request, sworn_name="Alice Martin", sworn_place="Bron", sworn_on=PRINTED_ON
    )
    return html_to_pdf(request_html(request)).pdf


def jury_grid(slug: str) -> bytes:
    """The grid of a livret whose every element the candidate has rated « acquis »."""
    owner = make_candidate(f"jury-{slug}@example.fr")
    livret = livret_services.start_livret(owner=owner, version=version_of(slug))
    fill_everything(livret)
    client = Client()
    client.force_login(owner)
    ref = livret.referential_version.referential
    for unit in ref.units:
        elements = [e.code for e in unit.elements]
        if elements:
            answer = client.post(
                f"/preparer-le-jury/livrets/{livret.pk}/unites/{unit.code}/",
                {f"note-{code}": "acquis" for code in elements},
            )
            assert answer.status_code == 302, answer.content[:2000]
    return _pdf_of(client.get(f"/preparer-le-jury/livrets/{livret.pk}/pdf/"))


MAKERS = {
    "livret": livret2,
    "selfcheck": selfcheck_result,
    "request": recevabilite_request,
    "jury-grid": jury_grid,
}


def make(kind: str, slug: str) -> bytes:
    return MAKERS[kind](slug)


def _pdf_of(answer) -> bytes:
    assert answer.status_code == 200, answer.status_code
    assert answer["Content-Type"] == "application/pdf"
    pdf = b"".join(answer.streaming_content) if answer.streaming else answer.content
    assert pdf.startswith(b"%PDF")
    return pdf
