"""Hostile uploads, built by the tests (issue 24, point 2): each one got past the former
pattern scanner. PDFs are built with pikepdf or byte by byte (an object stream compressed
twice cannot be written by pikepdf); office files with zipfile, streamed so that the
bombs never sit whole in memory."""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

import pikepdf
from pikepdf import Array, Dictionary, Name

JS = "app.alert('obj'); this.exportDataObject({cName: 'x', nLaunch: 2});"
MIB = 1024 * 1024


def plain_pdf(text: str = "Mon CV") -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.pages[0].Contents = pdf.make_stream(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode())
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _saved(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _one_page() -> pikepdf.Pdf:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    return pdf


def object_stream_pdf(*, layers: int) -> bytes:
    """OpenAction JavaScript in a compressed object stream (Flate ``layers`` times), whose
    dictionaries hold the text ``(obj)``, found through a cross-reference stream."""
    objects = {
        1: b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R/Lang(obj)>>",
        2: b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        3: b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/AA<</O 4 0 R>>>>",
        4: b"<</Type/Action/S/JavaScript/T(obj)/JS(" + JS.encode() + b")>>",
    }
    offsets, body = [], b""
    for number, text in objects.items():
        offsets.append(f"{number} {len(body)}")
        body += text + b"\n"
    header = " ".join(offsets).encode() + b"\n"
    data = header + body
    for _ in range(layers):
        data = zlib.compress(data)
    filters = b"[" + b"/FlateDecode" * layers + b"]"
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    stream_at = len(out)
    out += b"5 0 obj<</Type/ObjStm/N 4/First %d/Filter%s/Length %d>>stream\n" % (
        len(header),
        filters,
        len(data),
    )
    out += data + b"\nendstream\nendobj\n"
    xref_at = len(out)
    rows = b"\x00\x00\x00\x00\x00\xff\xff"  # object 0: free
    rows += b"".join(b"\x02" + (5).to_bytes(4, "big") + i.to_bytes(2, "big") for i in range(4))
    rows += b"\x01" + stream_at.to_bytes(4, "big") + b"\x00\x00"
    rows += b"\x01" + xref_at.to_bytes(4, "big") + b"\x00\x00"
    out += b"6 0 obj<</Type/XRef/Size 7/W[1 4 2]/Root 1 0 R/Length %d>>stream\n" % len(rows)
    out += rows + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def xfa_pdf() -> bytes:
    pdf = _one_page()
    xfa = (
        b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><subform name="f">'
        b'<event activity="initialize"><script contentType="application/x-javascript">'
        + JS.encode()
        + b"</script></event></subform></template></xdp:xdp>"
    )
    pdf.Root.AcroForm = Dictionary(Fields=Array(), XFA=pdf.make_stream(xfa))
    pdf.Root.NeedsRendering = True
    return _saved(pdf)


def embedded_exe_pdf() -> bytes:
    """An ``.exe`` attached twice: in the document's embedded files and in an annotation."""
    pdf = _one_page()
    exe = b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode."
    spec = pikepdf.AttachedFileSpec(pdf, exe, filename="facture.exe")
    pdf.attachments["facture.exe"] = spec
    annot = Dictionary(
        Type=Name.Annot,
        Subtype=Name.FileAttachment,
        Rect=Array([72, 72, 96, 96]),
        FS=spec.obj,
        Contents=pikepdf.String("Ouvrez-moi"),
    )
    pdf.pages[0].Annots = pdf.make_indirect(Array([annot]))
    return _saved(pdf)


def launch_and_rich_media_pdf() -> bytes:
    pdf = _one_page()
    launch = Dictionary(Type=Name.Action, S=Name.Launch, F=pikepdf.String("cmd.exe"))
    link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([0, 0, 10, 10]), A=launch)
    media = Dictionary(
        Type=Name.Annot,
        Subtype=Name.RichMedia,
        Rect=Array([0, 0, 10, 10]),
        RichMediaContent=Dictionary(Assets=Dictionary()),
    )
    pdf.pages[0].Annots = Array([link, media])
    return _saved(pdf)


def script_link_pdf() -> bytes:
    """Links whose address runs a script or opens a local program."""
    pdf = _one_page()
    links = [
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Link,
            Rect=Array([0, 0, 10, 10]),
            A=Dictionary(S=Name.URI, URI=pikepdf.String(uri)),
        )
        for uri in ("JavaScript:app.alert(1)", "file:///C:/Windows/System32/cmd.exe")
    ]
    pdf.pages[0].Annots = Array(links)
    return _saved(pdf)


def _deflated_zeros(size: int, *, wrapped: bool = True) -> bytes:
    """``size`` zero bytes (a multiple of 16 MiB) deflated, quickly: after a full flush the
    compressor forgets what came before, so each further 16 MiB compresses to the same
    bytes, which are repeated. ``wrapped``: with zlib's header and checksum (PDF), else raw
    deflate (zip)."""
    chunk = bytes(16 * MIB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS if wrapped else -15)
    first = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = b"\x03\x00"  # an empty final block
    if wrapped:  # adler32 of zeros: a stays 1, b grows by 1 a byte
        end += ((size % 65521) << 16 | 1).to_bytes(4, "big")
    return first + again * (size // len(chunk) - 1) + end


def inflating_content_pdf(size: int = 1024 * MIB) -> bytes:
    """A page whose content stream inflates to ``size`` bytes (1 GiB) from about 1 MB."""
    pdf = _one_page()
    contents = pdf.make_stream(b"")
    contents.write(_deflated_zeros(size), filter=Name.FlateDecode)
    pdf.pages[0].Contents = contents
    return _saved(pdf)


def docx(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", b"<w:document/>")
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(size: int) -> bytes:
    """A zip holding ``size`` bytes of zeros (a multiple of 16 MiB) in about size / 1000."""
    data, crc, name = _deflated_zeros(size, wrapped=False), 0, b"zeros.bin"
    chunk = bytes(16 * MIB)
    for _ in range(size // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    common = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0, crc, len(data), size)
    local = b"PK\x03\x04" + common + struct.pack("<HH", len(name), 0) + name
    central = (
        b"PK\x01\x02"
        + struct.pack("<H", 20)
        + common
        # name, extra and comment lengths, disk, attributes, the local header's offset
        + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0, 0)
        + name
    )
    start = len(local) + len(data)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 1, 1, len(central), start, 0)
    return local + data + central + end


def docx_with_inner_bomb(size: int = 600 * MIB) -> bytes:
    """A DOCX whose embedded object is a zip bomb of ``size`` (600 MiB) bytes."""
    return docx({"word/embeddings/oleObject1.zip": zip_bomb(size)})


def docx_with_macros() -> bytes:
    return docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 Attribute VB_Name"})


def odt_with_basic_macros() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", b"<office:document-content/>")
        archive.writestr("Basic/Standard/Module1.xml", b"<script:module>Shell(...)</script>")
    return buffer.getvalue()


# What must not be left in a stored copy, read with every stream decoded.
ACTIVE = re.compile(
    rb"/(JavaScript|JS|OpenAction|AA|Launch|EmbeddedFiles?|EF|AF|XFA|RichMedia\w*|"
    rb"FileAttachment|Screen|Movie|Sound|3D)(?![A-Za-z0-9#+_.-])"
    rb"|app\.alert|cannot be run in DOS mode|(?i:javascript:|file:)"
)


def active_parts(data: bytes) -> set[str]:
    """Every active name or payload the PDF still holds, its streams and object streams
    decoded by qpdf (empty for a disarmed copy)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        out = io.BytesIO()
        pdf.save(
            out,
            stream_decode_level=pikepdf.StreamDecodeLevel.generalized,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            compress_streams=False,
        )
    return {(m[1] or m[0]).decode("latin-1") for m in ACTIVE.finditer(out.getvalue())}
