"""Uploads of livret documents: hostile files refused or stored disarmed (the stored copy read
back), quotas that hold."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from livrets.livret2 import parts, services
from livrets.livret2.models import Document, Livret
from tests.support import hostile_files as hostile
from tests.support.data import version_of
from tests.support.uploads import PDF as PLAIN
from tests.support.uploads import race_while_storing, stored_size

pytestmark = pytest.mark.django_db


def upload(client, livret, name, data):
    return client.post(
        reverse("livrets:upload", args=[livret.pk]),
        {"file": SimpleUploadedFile(name, data), "section": "motivation"},
        follow=True,
    )


def test_an_active_pdf_is_stored_disarmed_and_the_candidate_told(client_of, livret, candidate):
    data = hostile.object_stream_pdf(layers=2)
    response = upload(client_of(candidate), livret, "cv.pdf", data)
    assert "« cv.pdf » est ajouté. Le portail en a retiré du JavaScript, une action lancée à " in (
        response.text
    )
    document = Document.objects.get()
    with document.file.open("rb") as stored:
        kept = stored.read()
    assert hostile.active_parts(kept) == set()
    assert document.size == len(kept) != len(data)


@pytest.mark.parametrize(
    ("name", "build", "refusal"),
    [
        ("bombe.pdf", hostile.inflating_content_pdf, "se décompressent en un volume démesuré"),
        ("rapport.docx", hostile.docx_with_inner_bomb, "se décompresse en un volume démesuré"),
        ("lettre.docx", hostile.docx_with_macros, "contient des macros"),
    ],
)
def test_a_bomb_or_macros_are_refused_and_nothing_is_kept(
    client_of, livret, candidate, name, build, refusal
):
    response = upload(client_of(candidate), livret, name, build())
    assert f"« {name} » " in response.text and refusal in response.text
    assert not Document.objects.exists()
    storage, folder = Document._meta.get_field("file").storage, f"livrets/{livret.public_id}"
    assert not storage.exists(folder) or storage.listdir(folder) == ([], [])


def test_quota_is_counted_again_under_the_account_lock(livret, settings, monkeypatch):
    """Another upload of the same person lands while this one is being stored: the count
    taken under the lock sees it, and this one is refused and its file removed."""
    settings.LIVRET_MAX_BYTES = stored_size(PLAIN) * 2

    def race():
        parts.add_document(livret=livret, upload=SimpleUploadedFile("b.pdf", PLAIN))
        parts.add_document(livret=livret, upload=SimpleUploadedFile("c.pdf", PLAIN))

    stored = race_while_storing(monkeypatch, Document, race)
    with pytest.raises(services.LivretError, match="limite de 1 Ko par livret"):
        parts.add_document(livret=livret, upload=SimpleUploadedFile("a.pdf", PLAIN))
    assert sorted(Document.objects.values_list("name", flat=True)) == ["b.pdf", "c.pdf"]
    assert not Document._meta.get_field("file").storage.exists(stored[0])


def test_account_total_and_number_of_livrets_are_limited(livret, candidate, settings):
    settings.ACCOUNT_MAX_BYTES = stored_size(PLAIN) * 2
    other = services.start_livret(owner=candidate, version=version_of("assistant-formation"))
    parts.add_document(livret=livret, upload=SimpleUploadedFile("a.pdf", PLAIN))
    parts.add_document(livret=other, upload=SimpleUploadedFile("b.pdf", PLAIN))
    with pytest.raises(services.LivretError, match="pour l'ensemble de vos livrets"):
        parts.add_document(livret=other, upload=SimpleUploadedFile("c.pdf", PLAIN))
    settings.ACCOUNT_MAX_LIVRETS = 2
    with pytest.raises(services.LivretError, match="déjà 2 livrets"):
        services.start_livret(owner=candidate, version=version_of("assistant-formation"))
    assert Livret.objects.filter(owner=candidate).count() == 2


def test_starting_a_livret_over_the_limit_says_why(client_of, livret, candidate, settings):
    settings.ACCOUNT_MAX_LIVRETS = 1
    response = client_of(candidate).post(
        reverse("livrets:start"), {"cqp": "assistant-formation"}, follow=True
    )
    assert response.status_code == 200
    assert "Votre compte a déjà 1 livret (versions comprises)" in response.text
    assert Livret.objects.filter(owner=candidate).count() == 1
