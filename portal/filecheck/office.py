"""An office file (ODT, DOCX) is a zip: its inner files are read, their bytes counted as they
inflate (the sizes written in the zip's headers may lie), inner zips checked the same way
within the same budget, and macros refused.

Run inside the sandboxed child (``portal.filecheck.child``). Raises ``Refused`` with a code.
"""

from __future__ import annotations

import io
import zipfile
from typing import IO

from portal.filecheck.pdf import Refused

MAX_ZIP_ENTRIES = 1000
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024  # every inner file, inner zips' files included
MAX_DEPTH = 3
CHUNK = 64 * 1024
ZIP_MAGIC = b"PK\x03\x04"


def is_macro(name: str) -> bool:
    """A Word VBA project or an ODF macro library (Basic, or scripts in other languages)."""
    lower = name.lower()
    base = lower.rsplit("/", 1)[-1]
    return base in ("vbaproject.bin", "vbadata.xml") or lower.startswith(("basic/", "scripts/"))


class _Budget:
    def __init__(self, size: int) -> None:
        self.left = size
        self.entries = MAX_ZIP_ENTRIES

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise Refused("zip_bomb")


def _read_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, budget: _Budget) -> bytes:
    """The inner file's first bytes, or all of it when it is itself a zip; counted."""
    kept = bytearray()
    nested = None
    with archive.open(entry) as member:
        while chunk := member.read(min(CHUNK, budget.left + 1)):
            budget.take(len(chunk))
            if nested is None:
                nested = bytes(chunk[:4]) == ZIP_MAGIC
            if nested:
                kept += chunk
    return bytes(kept)


def _check_zip(stream: IO[bytes], budget: _Budget, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise Refused("zip_bomb")
    with zipfile.ZipFile(stream) as archive:
        entries = archive.infolist()
        budget.entries -= len(entries)
        if budget.entries < 0:
            raise Refused("zip_bomb")
        if any(is_macro(e.filename) for e in entries):
            raise Refused("macros")
        for entry in entries:
            if inner := _read_entry(archive, entry, budget):
                try:
                    _check_zip(io.BytesIO(inner), budget, depth + 1)
                except zipfile.BadZipFile:
                    continue  # data that merely starts like a zip: counted, not opened


def check_office(data: bytes) -> None:
    """Raise ``Refused`` when this zip-based office file holds macros, a bomb or is damaged."""
    try:
        _check_zip(io.BytesIO(data), _Budget(MAX_UNZIPPED_BYTES), 0)
    # Damaged, encrypted (RuntimeError), a CRC that does not match the inflated bytes, or a
    # compression method zipfile cannot read.
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError):
        raise Refused("damaged_zip") from None
