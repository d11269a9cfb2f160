"""What a request carries into the editor: NUL characters, numbers past any row, odd parts."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from livrets.livret2.models import Answer, Document
from tests.support.uploads import PDF

pytestmark = pytest.mark.django_db


def autosave(client, livret, part, text, base="0"):
    return client.post(
        reverse("livrets:autosave", args=[livret.pk]),
        {"part": part, "field": "raisons", "text": text, "base_version": base},
    )


def test_nul_characters_never_reach_the_saved_text(client_of, livret, candidate):
    client = client_of(candidate)
    response = autosave(client, livret, "section:motivation\x00", "Je\x00 veux\x00")
    assert response.status_code == 200
    assert Answer.objects.get(livret=livret, field_key="raisons").text == "Je veux"
    page = client.get(reverse("livrets:section", args=[livret.pk, "motivation"]), {"x": "\x00"})
    assert page.status_code == 200 and "Je veux" in page.text


def test_numbers_past_any_row_are_answered_not_a_server_error(client_of, livret, candidate):
    client = client_of(candidate)
    assert autosave(client, livret, "section:motivation", "Première", "0").status_code == 200
    stale = autosave(client, livret, "section:motivation", "Seconde", "9" * 23)
    assert stale.status_code in (200, 409)
    huge = autosave(client, livret, "situation:" + "9" * 20, "Texte")
    assert huge.status_code in (400, 404)
    history = client.get(
        reverse("livrets:history", args=[livret.pk]),
        {"part": "situation:" + "9" * 20, "field": "contexte"},
    )
    assert history.status_code in (200, 400, 404)


def test_an_unknown_section_stores_no_file(client_of, livret, candidate):
    client = client_of(candidate)
    upload = reverse("livrets:upload", args=[livret.pk])
    response = client.post(
        upload,
        {"section": "pas une partie/../", "file": SimpleUploadedFile("preuve.pdf", PDF)},
        follow=True,
    )
    assert response.status_code == 200
    assert "existe pas : aucun fichier ajouté" in response.text
    assert not Document.objects.filter(livret=livret).exists()
    # A real section still takes the file, and its deletion page opens.
    client.post(upload, {"section": "motivation", "file": SimpleUploadedFile("preuve.pdf", PDF)})
    document = Document.objects.get(livret=livret)
    delete = reverse("livrets:delete_document", args=[livret.pk, document.pk])
    assert client.get(delete).status_code == 200
