"""The evaluators' grid as PDF (the secretariat's download) and 000's « e-certif » file: the
request's PDF, the livret 2 once finalised, then the evaluators' tool, joined in one PDF."""

from __future__ import annotations

import io

import pikepdf
import pytest
from django.test import Client
from django.urls import reverse

from livrets.desk import pdf as desk_pdf
from tests.support.every_pdf import filled_desk_grid
from tests.support.pdf_structure import (
    heading_levels,
    heading_skips,
    orphan_elements,
    pdfua_report,
    shown_text,
)
from tests.support.recevabilite import AF, IAS

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def text_of(pdf: bytes) -> str:
    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _secretariat(rq):
    from livrets.desk.models import StaffMembership

    client = Client()
    client.force_login(
        StaffMembership.objects.get(cqp_id=rq.candidature.cqp_id, role="secretariat").user
    )
    return client


def test_the_secretariat_downloads_the_filled_002_grid(referentials):
    _, rq = filled_desk_grid(AF)
    answer = _secretariat(rq).get(reverse("desk:grid_pdf", args=[rq.pk]))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    text = " ".join(text_of(answer.content).split())
    assert "Lecture du dossier VAE" in text
    assert "Points de Compétence 1." in text
    assert "Calcul proposé par le portail" in text
    assert "maîtrisée" in text


def test_the_ecertif_file_joins_the_request_and_the_evaluators_tool(referentials):
    _, rq = filled_desk_grid(IAS)
    answer = _secretariat(rq).get(reverse("desk:ecertif", args=[rq.pk]))
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert "e-certif" in answer["Content-Disposition"]
    with pikepdf.open(io.BytesIO(answer.content)) as joined:
        with joined.open_outline() as outline:
            titles = [item.title for item in outline.root]
        assert titles == ["Demande de recevabilité", "Évaluation des compétences du candidat"]
        assert str(joined.docinfo["/Title"]) == desk_pdf.TITLE
    text = " ".join(text_of(answer.content).split())
    assert "Points de Bloc 1." in text or "Points de" in text
    assert "Proposé par le portail" in text


def test_the_joined_file_stays_tagged_and_passes_pdfua(referentials):
    """pikepdf joins the parts' pages and their structure trees (each part a ``Part`` of one
    ``Document``): pdfua and the project's structure checks pass on the joined file."""
    _, rq = filled_desk_grid(IAS)
    pdf = _secretariat(rq).get(reverse("desk:ecertif", args=[rq.pk])).content
    report = pdfua_report(pdf)
    assert [(f.rule_id, f.message) for f in report.findings] == []
    assert {o.rule_id for o in report.skipped} <= {"UA-14-001"}  # as for every PDF
    assert heading_skips(heading_levels(pdf)) == []
    assert orphan_elements(pdf) == 0
    assert [s for s in shown_text(pdf) if s.artifact is None and not s.tagged] == []
    with pikepdf.open(io.BytesIO(pdf)) as joined:
        document = joined.Root.StructTreeRoot.K[0]
        assert [str(part.S) for part in document.K] == ["/Part", "/Part"]
        assert bool(joined.Root.ViewerPreferences.DisplayDocTitle)


def test_the_ecertif_file_includes_the_finalised_livret_2(referentials):
    from datetime import date

    from livrets.livret2 import services as livrets
    from tests.support.livret_pdf import fill_everything

    _, rq = filled_desk_grid(IAS)
    livret = livrets.start_livret(owner=rq.candidature.owner, version=rq.referential_version)
    fill_everything(livret)
    livrets.finalise(livret=livret, sworn_name="Alice Martin", sworn_on=date(2026, 3, 2))
    pdf = _secretariat(rq).get(reverse("desk:ecertif", args=[rq.pk])).content
    with pikepdf.open(io.BytesIO(pdf)) as joined, joined.open_outline() as outline:
        assert [item.title for item in outline.root] == [
            "Demande de recevabilité",
            "Livret 2, version 1",
            "Évaluation des compétences du candidat",
        ]
    assert list(pdfua_report(pdf).findings) == []
    assert orphan_elements(pdf) == 0
    with pikepdf.open(io.BytesIO(pdf)) as joined:
        pages = {page.obj.objgen for page in joined.pages}
        used = set()

        def walk(element):
            if isinstance(element, pikepdf.Dictionary):
                if "/Pg" in element:
                    used.add(element.Pg.objgen)
                kids = element.get("/K")
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                    walk(kid)

        walk(joined.Root.StructTreeRoot.K[0])
        assert used and used <= pages  # the tree names the joined file's own pages
