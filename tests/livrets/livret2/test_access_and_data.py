"""Ownership on every URL, uploads, export and deletion, accounts."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, reverse

from livrets.livret2 import urls as livret_urls
from livrets.livret2.models import Answer, Document, Situation
from tests.support.uploads import stored_size
from tests.support.urls import NON_ID_KWARGS, PDF, make_objects

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def upload(client, livret, name, data, **extra):
    return client.post(
        reverse("livrets:upload", args=[livret.pk]),
        {"file": SimpleUploadedFile(name, data), **extra},
        follow=True,
    )


@pytest.fixture
def owned(livret):
    """One of each id-bearing object of the first candidate's livret."""
    return make_objects(livret)


def id_bearing_patterns():
    return [
        p
        for p in livret_urls.urlpatterns
        if isinstance(p, URLPattern) and set(p.pattern.converters) - set(NON_ID_KWARGS)
    ]


def test_every_id_bearing_url_is_404_for_another_candidate(client_of, owned, other_candidate):
    client = client_of(other_candidate)
    patterns = id_bearing_patterns()
    assert len(patterns) >= 14
    for pattern in patterns:
        kwargs = {}
        for name in pattern.pattern.converters:
            assert name in owned or name in NON_ID_KWARGS, f"no fixture value for <{name}>"
            kwargs[name] = owned.get(name, NON_ID_KWARGS.get(name))
        url = reverse(f"livrets:{pattern.name}", kwargs=kwargs)
        query = {"part": f"situation:{owned['sid']}", "field": "titre"}
        assert client.get(url, query).status_code in (404, 405), url
        post = {
            "part": f"situation:{owned['sid']}",
            "field": "titre",
            "text": "x",
            "base_version": 1,
        }
        assert client.post(url, post).status_code == 404, url
    # Nothing of the first candidate's changed.
    assert Situation.objects.filter(pk=owned["sid"]).exists()
    assert Document.objects.filter(pk=owned["did"]).exists()
    assert not Answer.objects.filter(text="x").exists()


def test_owner_downloads_the_document_with_its_cleaned_name(client_of, owned, candidate):
    client = client_of(candidate)
    response = client.get(reverse("livrets:download", args=[owned["pk"], owned["did"]]))
    assert response.status_code == 200
    downloaded = b"".join(response.streaming_content)
    with Document.objects.get(pk=owned["did"]).file.open("rb") as stored:
        kept = stored.read()  # the checked copy of the uploaded PDF
    assert downloaded == kept and kept.startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="preuve.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_documents_are_not_under_a_public_url(owned):
    document = Document.objects.get(pk=owned["did"])
    assert not document.file.name.startswith("/")
    assert "preuve" not in document.file.name


def test_upload_checks_type_from_content_and_cleans_names(client_of, livret, candidate):
    client = client_of(candidate)
    ok = upload(client, livret, "../Mon CV (été).pdf", PDF, section="motivation")
    assert "« Mon_CV_ete.pdf » est ajouté." in ok.text
    spoofed = upload(client, livret, "photo.png", b"MZ\x90\x00 not an image", section="motivation")
    assert "n&#x27;est pas un fichier PDF, PNG, JPEG, ODT ou DOCX" in spoofed.text
    renamed = upload(client, livret, "rapport.pdf", PNG, section="motivation")
    assert "« rapport.png » est ajouté." in renamed.text
    assert sorted(Document.objects.values_list("name", flat=True)) == [
        "Mon_CV_ete.pdf",
        "rapport.png",
    ]


def test_upload_limits_per_file_and_per_livret(client_of, livret, candidate, settings):
    client = client_of(candidate)
    big = PDF + b"0" * (10 * 1024 * 1024)
    response = upload(client, livret, "gros.pdf", big, section="motivation")
    assert "la limite est de 10 Mo par fichier" in response.text
    assert not Document.objects.exists()
    settings.LIVRET_MAX_BYTES = stored_size(PDF) * 2
    upload(client, livret, "a.pdf", PDF, section="motivation")
    upload(client, livret, "b.pdf", PDF, section="motivation")
    third = upload(client, livret, "c.pdf", PDF, section="motivation")
    assert "dépasserait la limite de 1 Ko par livret" in third.text
    assert Document.objects.count() == 2


def test_candidates_never_enter_the_wagtail_admin(client_of, candidate):
    client = client_of(candidate)
    for url in ("/admin/", "/admin/pages/", "/admin/login/?next=/admin/"):
        response = client.get(url, follow=True)
        # No loop between the admin and the login page: a French 403 page at once.
        assert response.status_code == 403, url
        assert len(response.redirect_chain) <= 1, url
        assert "Accès refusé" in response.text
        assert "réservée à son équipe éditoriale" in response.text
