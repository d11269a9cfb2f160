"""A PDF parsed with pikepdf (qpdf) and written again without anything that can run.

Run inside the sandboxed child (``portal.filecheck.child``): the file is hostile until it has
been parsed, so the parent never imports this module's work into its own memory.

Removed: JavaScript (actions, the document's ``/Names`` tree, ``/JS`` keys), the opening
action (``/OpenAction``), additional actions (``/AA``), actions that launch a program or
import data (``/Launch``, ``/ImportData``), embedded files (``/EmbeddedFiles``, ``/EF``,
file attachment annotations, portfolios), XFA forms, rich media (RichMedia, Screen, Movie,
Sound, 3D annotations and actions). Encryption is dropped by rewriting. Every Flate stream is
inflated, in chunks and without keeping the output, up to a fixed bound: a stream that would
inflate past it refuses the file.
"""

from __future__ import annotations

import contextlib
import io
import zlib

import pikepdf
from pikepdf import Array, Dictionary, Stream

MAX_STREAM_BYTES = 128 * 1024 * 1024  # one stream, decoded
MAX_DECODED_BYTES = 512 * 1024 * 1024  # every stream of the file, decoded
CHUNK = 1024 * 1024

# Action type -> what the candidate is told was removed (a code, worded by the parent)
ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/ImportData": "launch",
    "/GoToE": "embedded_files",
    "/RichMediaExecute": "rich_media",
    "/Rendition": "rich_media",
    "/Movie": "rich_media",
    "/Sound": "rich_media",
}
ANNOTATIONS = {
    "/FileAttachment": "embedded_files",
    "/RichMedia": "rich_media",
    "/Screen": "rich_media",
    "/Movie": "rich_media",
    "/Sound": "rich_media",
    "/3D": "rich_media",
}
# Keys dropped wherever they are, and why.
KEYS = {
    "/AA": "additional_actions",
    "/JS": "javascript",
    "/EF": "embedded_files",
    "/AF": "embedded_files",  # associated files (PDF 2.0)
    "/RichMediaContent": "rich_media",
    "/RichMediaSettings": "rich_media",
}
LINK_SCHEMES = (b"http://", b"https://", b"mailto:", b"tel:", b"#")
FLATE = {"/FlateDecode", "/Fl"}
IMAGE_CODECS = {"/DCTDecode", "/DCT", "/JPXDecode", "/JBIG2Decode", "/CCITTFaxDecode", "/CCF"}


class Refused(Exception):
    """The file is refused; ``args[0]`` is the reason's code."""


def _action_kind(value) -> str | None:
    """What a forbidden action is (a code), or None for an allowed one (web and mail links,
    go-to)."""
    if not isinstance(value, Dictionary):
        return None
    if "/JS" in value:
        return "javascript"
    if str(value.get("/S", "")) == "/URI":
        uri = bytes(value.get("/URI", b"")).strip().lower() if "/URI" in value else b""
        if uri.startswith(b"javascript:"):
            return "javascript"
        if uri and not uri.startswith(LINK_SCHEMES):
            return "launch"  # file:, smb:, custom schemes open programs
        return None
    return ACTIONS.get(str(value.get("/S", "")))


def _disarm_dictionary(d, removed: set[str]) -> None:
    for key, code in KEYS.items():
        if key in d:
            del d[key]
            removed.add(code)
    for key in ("/A", "/Next"):
        if key in d and (code := _action_kind(d[key])):
            del d[key]
            removed.add(code)
    if isinstance(d.get("/Next"), Array):
        kept = [a for a in d.Next if not _action_kind(a)]
        if len(kept) != len(d.Next):
            removed.update(filter(None, (_action_kind(a) for a in d.Next)))
            d.Next = Array(kept)
    if (code := ACTIONS.get(str(d.get("/S", "")))) and str(d.get("/Type", "/Action")) in (
        "/Action",
        "",
    ):
        for key in ("/F", "/Win", "/Mac", "/Unix", "/Launch"):
            if key in d:  # a leftover launch or media action keeps nothing to run
                del d[key]
                removed.add(code)


def _walk(obj, removed: set[str], depth: int = 0) -> None:
    """Disarm ``obj`` and its direct (not indirect) children."""
    if depth > 64:
        raise Refused("unreadable")
    if isinstance(obj, Dictionary | Stream):
        _disarm_dictionary(obj, removed)
        children = list(obj.values())
    elif isinstance(obj, Array):
        children = list(obj)
    else:
        return
    for child in children:
        if isinstance(child, Dictionary | Array) and not child.is_indirect:
            _walk(child, removed, depth + 1)


def _disarm_catalog(pdf: pikepdf.Pdf, removed: set[str]) -> None:
    root = pdf.Root
    if "/OpenAction" in root:
        if _action_kind(root.OpenAction):
            removed.add("open_action")
        del root.OpenAction  # a plain "open at page 1" goes too: the viewer opens there anyway
    names = root.get("/Names")
    if isinstance(names, Dictionary):
        for key, code in (("/JavaScript", "javascript"), ("/EmbeddedFiles", "embedded_files")):
            if key in names:
                del names[key]
                removed.add(code)
    if "/Collection" in root:
        del root.Collection
        removed.add("embedded_files")
    form = root.get("/AcroForm")
    if isinstance(form, Dictionary):
        if "/XFA" in form:
            del form.XFA
            removed.add("xfa")
        if "/NeedsRendering" in root:
            del root.NeedsRendering
    for page in pdf.pages:
        annots = page.obj.get("/Annots")
        if not isinstance(annots, Array):
            continue
        kept = []
        for annot in annots:
            code = (
                ANNOTATIONS.get(str(annot.get("/Subtype", "")))
                if isinstance(annot, Dictionary)
                else None
            )
            if code:
                removed.add(code)
            else:
                kept.append(annot)
        if len(kept) != len(annots):
            page.obj.Annots = Array(kept)


def _inflated_size(raw: bytes, layers: int, limit: int) -> int:
    """The size of ``raw`` after ``layers`` Flate decodings, counted in chunks; past
    ``limit`` raises. A damaged stream counts what could be inflated."""
    decoders = [zlib.decompressobj() for _ in range(layers)]
    total = 0

    def feed(level: int, data: bytes) -> None:
        nonlocal total
        if level == layers:
            total += len(data)
            if total > limit:
                raise Refused("too_large")
            return
        decoder = decoders[level]
        while not decoder.eof:
            out = decoder.decompress(data, CHUNK)
            data = decoder.unconsumed_tail
            if not out and not data:
                return
            feed(level + 1, out)

    with contextlib.suppress(zlib.error):
        feed(0, raw)
    return total


def _decoded_size(stream: Stream, limit: int) -> int:
    filters = stream.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, Array) else [str(filters or "")]
    names = [n for n in names if n]
    while names and names[-1] in IMAGE_CODECS:  # image data: the viewer's codec bounds it
        names.pop()
    if not names:
        return len(stream.read_raw_bytes())
    if all(n in FLATE for n in names):
        return _inflated_size(stream.read_raw_bytes(), len(names), limit)
    # Other generic filters (LZW, RunLength, ASCII...): qpdf decodes, under the memory limit.
    try:
        size = len(stream.read_bytes(pikepdf.StreamDecodeLevel.generalized))
    except pikepdf.PdfError:
        return 0
    if size > limit:
        raise Refused("too_large")
    return size


def _check_streams(pdf: pikepdf.Pdf) -> None:
    left = MAX_DECODED_BYTES
    for obj in pdf.objects:
        if isinstance(obj, Stream):
            left -= _decoded_size(obj, min(MAX_STREAM_BYTES, left))
            if left < 0:
                raise Refused("too_large")


def disarm(data: bytes) -> tuple[bytes, set[str]]:
    """The PDF written again without active content, and the codes of what was removed.
    Raises ``Refused`` when the file cannot be parsed, needs a password or is a bomb."""
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise Refused("encrypted") from None
    except (pikepdf.PdfError, ValueError, RuntimeError):
        raise Refused("unreadable") from None
    with pdf:
        if not isinstance(pdf.trailer.get("/Root"), Dictionary) or len(pdf.pages) == 0:
            raise Refused("unreadable")
        removed: set[str] = set()
        if pdf.is_encrypted:
            removed.add("encryption")
        _check_streams(pdf)
        _disarm_catalog(pdf, removed)
        for obj in pdf.objects:
            _walk(obj, removed)
        out = io.BytesIO()
        pdf.save(
            out,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            fix_metadata_version=False,
        )
    return out.getvalue(), removed
