"""Proofs of a recevabilité request go through the same upload check as livret documents:
an active PDF is stored as a disarmed copy (read back here), a bomb or macros are refused."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from livrets.recevabilite.models import Proof
from tests.support import hostile_files as hostile

pytestmark = pytest.mark.django_db


def upload(client, request, name: str, data: bytes):
    period = request.periods.first()
    return client.post(
        reverse("recevabilite:upload", args=[request.pk]),
        {"period": period.pk, "file": SimpleUploadedFile(name, data)},
        follow=True,
    )


def test_an_embedded_exe_is_removed_from_the_stored_proof(client_of, af_request, candidate):
    data = hostile.embedded_exe_pdf()
    response = upload(client_of(candidate), af_request, "bulletin.pdf", data)
    assert "« bulletin.pdf » est ajouté. Le portail en a retiré des fichiers joints ;" in (
        response.text
    )
    proof = Proof.objects.get()
    with proof.file.open("rb") as stored:
        kept = stored.read()
    assert hostile.active_parts(data) and hostile.active_parts(kept) == set()
    assert proof.size == len(kept)


@pytest.mark.parametrize(
    ("name", "build", "refusal"),
    [
        ("attestation.pdf", hostile.inflating_content_pdf, "se décompressent en un volume"),
        ("contrat.docx", hostile.docx_with_inner_bomb, "se décompresse en un volume démesuré"),
        ("contrat.odt", hostile.odt_with_basic_macros, "contient des macros"),
    ],
)
def test_a_bomb_or_macros_are_refused(client_of, af_request, candidate, name, build, refusal):
    response = upload(client_of(candidate), af_request, name, build())
    assert f"« {name} » " in response.text and refusal in response.text
    assert "imprimez-le en PDF" in response.text or "« Imprimer »" in response.text
    assert not Proof.objects.exists()
