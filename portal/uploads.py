"""Supporting documents: the type read from the content, cleaned names, size limits."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import PurePosixPath
from typing import IO

from django.core.files.base import ContentFile

from portal.filecheck import Checked, check

MAX_FILE_BYTES = 10 * 1024 * 1024
# The session key of the upload the last request refused (``refuse_upload``).
REFUSED_UPLOAD = "refused_upload"
NO_FILE = "Choisissez un fichier à ajouter."
UPLOAD_LABEL = "Ajouter un document"

# Detected kind -> (extension, content type)
KINDS = {
    "pdf": ("pdf", "application/pdf"),
    "png": ("png", "image/png"),
    "jpeg": ("jpg", "image/jpeg"),
    "odt": ("odt", "application/vnd.oasis.opendocument.text"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


def detect_kind(stream: IO[bytes]) -> str | None:
    """The file's kind from its magic bytes (and, for zip formats, their manifest)."""
    stream.seek(0)
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(stream) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    with archive.open("mimetype") as f:
                        mimetype = f.read(100).strip()
                    if mimetype == KINDS["odt"][1].encode():
                        return "odt"
                if "[Content_Types].xml" in names and "word/document.xml" in names:
                    return "docx"
        except (zipfile.BadZipFile, OSError, KeyError):
            return None
        finally:
            stream.seek(0)
    return None


def clean_name(name: str, kind: str) -> str:
    """A safe display and download name: no path, no control characters, the right extension."""
    base = PurePosixPath(name.replace("\\", "/")).name
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_\- ]+", "", stem).strip().replace(" ", "_")[:80].strip("._-")
    return f"{stem or 'document'}.{KINDS[kind][0]}"


def format_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")
    return f"{max(1, round(size / 1024))} Ko"


def size_refusal(upload) -> str | None:
    """Why a file is refused for its size alone, in French, or None."""
    if upload.size > MAX_FILE_BYTES:
        return (
            f"« {upload.name[:80]} » pèse {format_size(upload.size)} : "
            "la limite est de 10 Mo par fichier."
        )
    return None


def checked_upload(upload) -> tuple[str | None, Checked]:
    """The file's kind read from its content, and what the check in a separate process
    found: why it is refused (type or content), or the disarmed copy to keep."""
    kind = detect_kind(upload)
    if kind is None:
        return None, Checked(
            refusal=f"« {upload.name[:80]} » n'est pas un fichier PDF, PNG, JPEG, ODT ou DOCX "
            "(le type est vérifié d'après le contenu du fichier, pas d'après son nom)."
        )
    upload.seek(0)
    try:
        return kind, check(upload.read(), kind=kind, name=upload.name[:80])
    finally:
        upload.seek(0)


def file_to_keep(upload, checked: Checked):
    """What is stored: the disarmed copy when there is one, else the upload itself."""
    if checked.copy is None:
        return upload
    return ContentFile(checked.copy, name=upload.name)


def added_message(record) -> str:
    """« x est ajouté. », and what the portal removed from the copy it keeps."""
    notice = getattr(record, "upload_notice", "")
    return f"« {record.name} » est ajouté.{notice}"


def refuse_upload(request, *, field: str, label: str, message: str) -> None:
    """Say on the page the upload view redirects to why it refused the file: an error summary
    that links to the file field (its id ``field``), and the message beside that field
    (``{% refused_upload %}``). A browser keeps no chosen file across a page, so a redirect
    loses nothing the candidate typed."""
    request.session[REFUSED_UPLOAD] = {"field": field, "label": label, "message": message}


def refused_upload(request) -> dict | None:
    """The refusal ``refuse_upload`` stored, read once per request (then forgotten)."""
    if not hasattr(request, "_refused_upload"):
        stored = request.session.pop(REFUSED_UPLOAD, None)
        request._refused_upload = stored if isinstance(stored, dict) else None
    return request._refused_upload
