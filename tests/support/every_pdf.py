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
KINDS = ("livret", "selfcheck", "request", "jury-grid", "desk-grid")
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


def filled_desk_grid(slug: str):
    """A request deposited on ``slug``, its grid filled by the evaluator named for it: both
    columns « acquis » (where the grid has marks), points to check and comments. (The
    evaluator's signed-in client, the request.)"""
    from livrets.desk import grid_selectors
    from livrets.desk import services as desk
    from tests.support.desk import deposited, make_staff

    secretariat = make_staff(f"secretariat-{slug}@example.fr", slug)
    evaluator = make_staff(f"evaluateur-{slug}@example.fr", slug, "evaluator")
    rq = deposited(make_candidate(f"grille-{slug}@example.fr"), slug)
    desk.assign(request=rq, by=secretariat, evaluator_id=evaluator.pk)
    client = Client()
    client.force_login(evaluator)
    sheet = grid_selectors.sheet_of(rq.candidature, rq.referential_version.referential)
    for unit in sheet.units:
        columns = ("lecture", "finale")
        marks = {f"{col}-{row.code}": "acquis" for row in unit.rows for col in columns}
        data = {"version": unit.version, "points": f"Points de {unit.name}.", **marks}
        answer = client.post(f"/bureau/demandes/{rq.pk}/grille/{unit.unit.code}/", data)
        assert answer.status_code == 302, answer.content[:2000]
    if sheet.layout is not None:
        comments = {kind: "Un commentaire." for kind, _ in sheet.layout.comments}
        answer = client.post(
            f"/bureau/demandes/{rq.pk}/grille/bilan/",
            {"version": sheet.review_version, **comments},
        )
        assert answer.status_code == 302, answer.content[:2000]
    return client, rq


def desk_grid(slug: str) -> bytes:
    client, rq = filled_desk_grid(slug)
    return _pdf_of(client.get(f"/bureau/demandes/{rq.pk}/grille-pdf/"))


MAKERS = {
    "livret": livret2,
    "selfcheck": selfcheck_result,
    "request": recevabilite_request,
    "jury-grid": jury_grid,
    "desk-grid": desk_grid,
}


def make(kind: str, slug: str) -> bytes:
    return MAKERS[kind](slug)


def _pdf_of(answer) -> bytes:
    assert answer.status_code == 200, answer.status_code
    assert answer["Content-Type"] == "application/pdf"
    pdf = b"".join(answer.streaming_content) if answer.streaming else answer.content
    assert pdf.startswith(b"%PDF")
    return pdf
