"""Supporting documents: the type read from the content, cleaned names, size limits."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import PurePosixPath
from typing import IO

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_LIVRET_BYTES = 100 * 1024 * 1024

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
