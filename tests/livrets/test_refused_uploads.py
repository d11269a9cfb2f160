"""A refused file is said where it was chosen: the page the upload comes back to shows the
error summary, focused, linking to that file field, which carries the message itself; the
refusal is said once, not again on the next page."""

from __future__ import annotations

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from livrets.livret2 import services as livret_services
from tests.support import hostile_files as hostile
from tests.support.data import version_of
from tests.support.recevabilite import AF, start

pytestmark = pytest.mark.django_db


def said_beside(page: str, field: str, message: str) -> None:
    """The summary links to ``field``; the field is invalid and described by ``message``."""
    text = html.unescape(page)
    assert re.search(r"<title>\s*Erreur :", text)
    summary = text[
        text.index("data-error-summary") : text.index("</ul>", text.index("data-error-summary"))
    ]
    assert f'href="#{field}"' in summary and message in summary
    tag = re.search(rf'<input id="{field}"[^>]*>', text).group(0)
    assert 'aria-invalid="true"' in tag and f"{field}_error" in tag
    assert re.search(rf'id="{field}_error">\s*<li>{re.escape(message)}</li>', text)


def test_a_proof_posted_without_a_file_is_said_beside_the_periods_file_field(
    client_of, referentials, candidate
):
    request = start(candidate, AF)
    period = request.periods.first()
    client = client_of(candidate)
    response = client.post(
        reverse("recevabilite:upload", args=[request.pk]), {"period": period.pk}, follow=True
    )
    page_url = reverse("recevabilite:period", args=[request.pk, period.pk])
    assert response.redirect_chain == [(page_url, 302)]
    said_beside(response.text, f"preuve-{period.pk}", "Choisissez un fichier à ajouter.")
    again = client.get(page_url).text
    assert "data-error-summary" not in again and "aria-invalid" not in again
    assert request.proofs.count() == 0


def test_a_refused_livret_document_is_said_beside_the_file_field_it_came_from(
    client_of, referentials, candidate
):
    livret = livret_services.start_livret(
        owner=candidate, version=version_of("conseiller-offres-services")
    )
    client = client_of(candidate)
    response = client.post(
        reverse("livrets:upload", args=[livret.pk]),
        {
            "file": SimpleUploadedFile("notes.docx", hostile.docx_with_macros()),
            "section": "motivation",
        },
        follow=True,
    )
    assert response.redirect_chain == [
        (reverse("livrets:section", args=[livret.pk, "motivation"]), 302)
    ]
    text = html.unescape(response.text)
    message = re.search(r'id="file-documents_error">\s*<li>([^<]+)</li>', text).group(1)
    assert "« notes.docx »" in message
    said_beside(response.text, "file-documents", message)
    assert livret.documents.count() == 0
