"""Uploads: active PDFs and zip bombs refused from their structure; quotas that hold."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest
import weasyprint
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from livrets.livret2 import parts, services
from livrets.livret2.models import Document, Livret
from portal.filecheck import (
    MAX_UNZIPPED_BYTES,
    MAX_ZIP_ENTRIES,
    content_problem,
    pdf_problem,
    zip_problem,
)
from tests.support.data import version_of
from tests.support.uploads import race_while_storing

PLAIN = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def pdf_with(dictionary: bytes) -> bytes:
    return b"%PDF-1.4\n1 0 obj<<" + dictionary + b">>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def object_stream(objects: bytes, *, compress: bool = True) -> bytes:
    """A PDF whose objects live in a (by default Flate-compressed) object stream."""
    data = zlib.compress(objects) if compress else objects
    flate = b"/Filter/FlateDecode" if compress else b""
    return (
        b"%PDF-1.5\n5 0 obj<</Type/ObjStm/N 1/First 4"
        + flate
        + b"/Length %d>>stream\n" % len(data)
        + data
        + b"\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def test_a_plain_pdf_and_one_made_by_weasyprint_are_accepted():
    assert pdf_problem(PLAIN, name="a.pdf") is None
    made = weasyprint.HTML(string="<h1>Mon CV</h1><p><a href='#x'>lien</a></p><p id=x>x</p>")
    assert pdf_problem(made.write_pdf(), name="cv.pdf") is None


@pytest.mark.parametrize(
    "data",
    [
        pdf_with(b"/Type/Catalog/OpenAction 3 0 R"),
        pdf_with(b"/Type/Action/S/JavaScript/JS(app.alert(1))"),
        pdf_with(b"/Type/Catalog/Names<</JavaScript 4 0 R>>"),
        pdf_with(b"/Type/Catalog/Open#41ction 3 0 R"),  # #41 is "A"
        pdf_with(b"/Type/Action/S/Java#53cript"),
        pdf_with(b"/Type/Annot/AA<</O 5 0 R>>"),
        pdf_with(b"/Type/Action/S/Launch/F(calc.exe)"),
        object_stream(b"1 0 <</Type/Catalog/OpenAction<</S/JavaScript/JS(x)>>>>"),
        object_stream(b"1 0 <</Type/Catalog/OpenAction 3 0 R>>", compress=False),
        # an object hidden in another stream's data, where a cross-reference could point
        b"%PDF-1.4\n2 0 obj<</Length 60>>stream\n\x00\x01 7 0 obj<</OpenAction 3 0 R>>endobj"
        b"\nendstream\nendobj\n%%EOF\n",
    ],
)
def test_javascript_and_automatic_actions_are_refused(data):
    problem = pdf_problem(data, name="piege.pdf")
    assert problem is not None and problem.startswith("« piege.pdf » contient du JavaScript")


def test_encrypted_unknown_filter_and_inflation_bombs_are_refused():
    encrypted = pdf_with(b"/Type/Catalog") + b"trailer<</Encrypt 9 0 R>>"
    assert pdf_problem(encrypted, name="a.pdf") == (
        "« a.pdf » est un PDF chiffré ou protégé : le portail ne peut pas vérifier son contenu. "
        "Ouvrez-le, choisissez « Imprimer » puis « Enregistrer au format PDF » comme "
        "imprimante : la copie obtenue n'est pas protégée ; ajoutez-la à la place."
    )
    lzw = object_stream(b"1 0 <<>>", compress=False).replace(
        b"/Type/ObjStm", b"/Type/ObjStm/Filter/LZWDecode"
    )
    assert "ne peut pas vérifier" in pdf_problem(lzw, name="a.pdf")
    bomb = object_stream(b" " * (40 * 1024 * 1024))  # 40 MB of spaces in a few kB
    assert len(bomb) < 100_000
    assert "ne peut pas vérifier" in pdf_problem(bomb, name="a.pdf")


def binary_noise_pdf(size: int) -> bytes:
    """A PDF whose image stream is random bytes: its data is never read as names."""
    import random

    noise = random.Random(4).randbytes(size)
    return (
        b"%%PDF-1.4\n1 0 obj<</Type/XObject/Subtype/Image/Filter/DCTDecode/Length %d>>stream\n"
        % size
        + noise
        + b"\nendstream\nendobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def test_binary_stream_data_gives_no_false_alarm():
    assert pdf_problem(binary_noise_pdf(8 * 1024 * 1024), name="scan.pdf") is None


def zip_of(entries: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
        for name, data in entries.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_office_files_are_accepted_and_zip_bombs_refused():
    assert zip_problem(zip_of({"content.xml": b"<x/>" * 1000}), name="a.odt") is None
    bomb = zip_of({"content.xml": b"\0" * (MAX_UNZIPPED_BYTES + 1)})
    assert len(bomb.getvalue()) < 200_000
    assert "décompresse en un volume démesuré" in zip_problem(bomb, name="a.odt")
    many = zip_of({f"x/{i}.xml": b"" for i in range(MAX_ZIP_ENTRIES)})
    assert "trop d'éléments" in zip_problem(many, name="a.odt")


def understate(data: bytes, member: str) -> bytes:
    """The zip with ``member``'s uncompressed size written as 1 byte in both its headers."""
    out = bytearray(data)
    for signature, name_at, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        start = out.find(signature)
        while start >= 0:
            if out[start + name_at : start + name_at + len(member)] == member.encode():
                out[start + size_at : start + size_at + 4] = (1).to_bytes(4, "little")
            start = out.find(signature, start + 4)
    return bytes(out)


def test_a_zip_whose_headers_understate_its_size_is_still_refused():
    bomb = understate(
        zip_of({"content.xml": b"\0" * (MAX_UNZIPPED_BYTES + 1)}).getvalue(), "content.xml"
    )
    assert zipfile.ZipFile(io.BytesIO(bomb)).getinfo("content.xml").file_size == 1
    problem = content_problem(io.BytesIO(bomb), kind="odt", name="a.odt")
    assert problem is not None and problem.startswith("« a.odt »")


pytestmark = pytest.mark.django_db


def upload(client, livret, name, data):
    return client.post(
        reverse("livrets:upload", args=[livret.pk]),
        {"file": SimpleUploadedFile(name, data), "section": "motivation"},
        follow=True,
    )


def test_an_active_pdf_is_refused_on_upload_and_nothing_is_kept(client_of, livret, candidate):
    response = upload(client_of(candidate), livret, "cv.pdf", pdf_with(b"/OpenAction 3 0 R"))
    assert "« cv.pdf » contient du JavaScript ou une action automatique" in response.text
    assert not Document.objects.exists()


def test_quota_is_counted_again_under_the_account_lock(livret, settings, monkeypatch):
    """Another upload of the same person lands while this one is being stored: the count
    taken under the lock sees it, and this one is refused and its file removed."""
    settings.LIVRET_MAX_BYTES = len(PLAIN) * 2

    def race():
        parts.add_document(livret=livret, upload=SimpleUploadedFile("b.pdf", PLAIN))
        parts.add_document(livret=livret, upload=SimpleUploadedFile("c.pdf", PLAIN))

    stored = race_while_storing(monkeypatch, Document, race)
    with pytest.raises(services.LivretError, match="limite de 1 Ko par livret"):
        parts.add_document(livret=livret, upload=SimpleUploadedFile("a.pdf", PLAIN))
    assert sorted(Document.objects.values_list("name", flat=True)) == ["b.pdf", "c.pdf"]
    assert not Document._meta.get_field("file").storage.exists(stored[0])


def test_account_total_and_number_of_livrets_are_limited(livret, candidate, settings):
    settings.ACCOUNT_MAX_BYTES = len(PLAIN) * 2
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
