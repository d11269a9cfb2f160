"""The upload check (issue 24, point 2): each hostile file that passed the former pattern
scanner is refused, or kept as a copy from which every active part is gone."""

from __future__ import annotations

import io
import zipfile

import pikepdf
import pytest
import weasyprint

import portal.filecheck
from portal.filecheck import check
from portal.filecheck.office import MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES
from tests.support import hostile_files as hostile

PRINT_AGAIN = "choisissez « Imprimer » puis « Enregistrer au format PDF »"


@pytest.mark.parametrize(
    ("build", "active", "removed"),
    [
        (
            lambda: hostile.object_stream_pdf(layers=1),
            {"OpenAction", "JavaScript", "JS", "AA", "app.alert"},
            ("additional_actions", "javascript", "open_action"),
        ),
        (
            lambda: hostile.object_stream_pdf(layers=2),
            {"OpenAction", "JavaScript", "JS", "AA", "app.alert"},
            ("additional_actions", "javascript", "open_action"),
        ),
        (hostile.xfa_pdf, {"XFA", "app.alert"}, ("xfa",)),
        (
            hostile.embedded_exe_pdf,
            {"EmbeddedFiles", "FileAttachment", "EF", "cannot be run in DOS mode"},
            ("embedded_files",),
        ),
        (hostile.launch_and_rich_media_pdf, {"Launch", "RichMedia"}, ("launch", "rich_media")),
        (hostile.script_link_pdf, {"JavaScript:", "file:"}, ("javascript", "launch")),
    ],
    ids=[
        "objstm-obj-text",
        "double-flate",
        "xfa-script",
        "embedded-exe",
        "launch-richmedia",
        "script-link",
    ],
)
def test_an_active_pdf_is_kept_as_a_disarmed_copy(build, active, removed):
    data = build()
    assert active <= hostile.active_parts(data)  # the fixture is what it claims to be
    checked = check(data, kind="pdf", name="piege.pdf")
    assert checked.refusal is None
    assert hostile.active_parts(checked.copy) == set()
    assert checked.removed == removed
    with pikepdf.open(io.BytesIO(checked.copy)) as copy:
        assert len(copy.pages) == 1  # the printable content stays
    assert checked.notice.startswith(" Le portail en a retiré ")


def test_the_candidate_is_told_what_was_removed():
    checked = check(hostile.object_stream_pdf(layers=2), kind="pdf", name="cv.pdf")
    assert checked.notice == (
        " Le portail en a retiré du JavaScript, une action lancée à l’ouverture et des "
        "actions automatiques (à l’ouverture d’une page, au survol…) ; c’est cette copie "
        "qu’il conserve. Si elle ne s’affiche pas comme prévu, ouvrez l’original, choisissez "
        "« Imprimer » puis « Enregistrer au format PDF », et ajoutez ce nouveau fichier."
    )


def test_a_content_stream_inflating_to_1_gib_is_refused():
    data = hostile.inflating_content_pdf()
    assert len(data) < 2 * 1024 * 1024
    checked = check(data, kind="pdf", name="bombe.pdf")
    assert checked.refusal.startswith(
        "« bombe.pdf » contient des données qui se décompressent en un volume démesuré"
    )
    assert PRINT_AGAIN in checked.refusal and checked.copy is None


def test_plain_pdfs_keep_their_pages_and_text():
    made = weasyprint.HTML(string="<h1>Mon CV</h1><p><a href='#x'>lien</a></p><p id=x>x</p>")
    for data in (hostile.plain_pdf("Mon CV"), made.write_pdf()):
        checked = check(data, kind="pdf", name="cv.pdf")
        assert checked.refusal is None and checked.removed == () and checked.notice == ""
        with pikepdf.open(io.BytesIO(checked.copy)) as copy, pikepdf.open(io.BytesIO(data)) as o:
            assert len(copy.pages) == len(o.pages)
            assert copy.pages[0].Contents.read_bytes() == o.pages[0].Contents.read_bytes()


def test_unreadable_and_password_protected_pdfs_are_refused():
    garbage = check(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", kind="pdf", name="a.pdf")
    assert garbage.refusal.startswith("« a.pdf » n’a pas pu être lu comme un PDF valide")
    assert PRINT_AGAIN in garbage.refusal
    pdf = pikepdf.open(io.BytesIO(hostile.plain_pdf()))
    locked = io.BytesIO()
    pdf.save(locked, encryption=pikepdf.Encryption(user="secret", owner="secret"))
    refused = check(locked.getvalue(), kind="pdf", name="a.pdf")
    assert refused.refusal.startswith("« a.pdf » est un PDF protégé par un mot de passe")


def test_a_check_that_outlasts_its_time_is_refused(monkeypatch):
    monkeypatch.setattr(portal.filecheck, "TIMEOUT_SECONDS", 0.001)
    checked = check(hostile.plain_pdf(), kind="pdf", name="lent.pdf")
    assert "trop longues à vérifier" in checked.refusal


def test_a_docx_holding_a_600_mib_zip_bomb_is_refused():
    data = hostile.docx_with_inner_bomb()
    assert len(data) < 100_000
    checked = check(data, kind="docx", name="rapport.docx")
    assert checked.refusal.startswith("« rapport.docx » se décompresse en un volume démesuré")
    assert "imprimez-le en PDF" in checked.refusal


@pytest.mark.parametrize(
    ("data", "kind"),
    [(hostile.docx_with_macros(), "docx"), (hostile.odt_with_basic_macros(), "odt")],
    ids=["vbaProject.bin", "odf-basic"],
)
def test_office_files_with_macros_are_refused(data, kind):
    checked = check(data, kind=kind, name=f"lettre.{kind}")
    assert checked.refusal.startswith(f"« lettre.{kind} » contient des macros")
    assert "imprimez-le en PDF" in checked.refusal


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


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


def test_office_files_are_kept_as_they_are_and_zip_bombs_refused():
    plain = check(zip_of({"content.xml": b"<x/>" * 1000}), kind="odt", name="a.odt")
    assert plain.refusal is None and plain.copy is None
    bomb = zip_of({"content.xml": b"\0" * (MAX_UNZIPPED_BYTES + 1)})
    assert "décompresse en un volume démesuré" in check(bomb, kind="odt", name="a.odt").refusal
    many = zip_of({f"x/{i}.xml": b"" for i in range(MAX_ZIP_ENTRIES)})
    assert "trop d’éléments" in check(many, kind="odt", name="a.odt").refusal
    lying = understate(bomb, "content.xml")
    assert zipfile.ZipFile(io.BytesIO(lying)).getinfo("content.xml").file_size == 1
    assert check(lying, kind="odt", name="a.odt").refusal.startswith("« a.odt »")
