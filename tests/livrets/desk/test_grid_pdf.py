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
from tests.support.pdf_structure import pdfua_report
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


def test_pdfua_on_the_joined_file_is_reported_not_faked(referentials):
    """pikepdf joins pages, not structure trees: the joined file loses the parts' tags (each
    part passes pdfua on its own). pdfua finds it untagged (UA-01-002, UA-01-005), without
    /DisplayDocTitle (UA-07-002) nor XMP (UA-28-004). Recorded here, so that a join which
    keeps the tags shows up."""
    _, rq = filled_desk_grid(IAS)
    answer = _secretariat(rq).get(reverse("desk:ecertif", args=[rq.pk]))
    found = {f.rule_id for f in pdfua_report(answer.content).findings}
    assert {"UA-01-002", "UA-01-005"} <= found, "the joined file is tagged: update this test"
