"""What an uploaded file holds, checked within fixed bounds before it is kept.

A PDF must not run anything when opened: no JavaScript, no automatic action (``/OpenAction``,
``/AA``, ``/Launch``). Its dictionaries are read where they are, in the file or in its
compressed object streams (inflated up to a fixed budget), with ``#xx``-escaped names decoded;
the binary data of other streams (images, fonts) is not read as names.
An office file (ODT, DOCX) is a zip: the number of its entries and the bytes they inflate to
are counted as they are read, so a zip bomb is refused without being unpacked.

Pure functions over bytes or a binary stream; each returns the French reason a file is
refused, or None.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from typing import IO

# PDF
FORBIDDEN_NAMES = {"JavaScript", "JS", "OpenAction", "AA", "Launch"}
MAX_INFLATED_BYTES = 32 * 1024 * 1024
_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"stream\r?\n")
_ENDSTREAM = b"endstream"
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
# office files
MAX_ZIP_ENTRIES = 1000
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
CHUNK = 64 * 1024

ACTIVE_PDF = (
    "« {name} » contient du JavaScript ou une action automatique : le portail n'accepte que "
    "des PDF qui n'exécutent rien à l'ouverture. Enregistrez-le de nouveau avec « Imprimer » "
    "puis « Enregistrer au format PDF », puis ajoutez ce nouveau fichier."
)
ENCRYPTED_PDF = (
    "« {name} » est un PDF chiffré ou protégé : le portail ne peut pas vérifier son contenu. "
    "Ouvrez-le, choisissez « Imprimer » puis « Enregistrer au format PDF » comme imprimante : "
    "la copie obtenue n'est pas protégée ; ajoutez-la à la place."
)
UNREADABLE_PDF = (
    "« {name} » est un PDF que le portail ne peut pas vérifier (structure trop volumineuse "
    "ou compression inconnue). Enregistrez-le de nouveau au format PDF, puis ajoutez-le."
)
ZIP_BOMB = (
    "« {name} » se décompresse en un volume démesuré ou contient trop d'éléments : le "
    "portail ne l'accepte pas. Enregistrez le document de nouveau depuis votre traitement "
    "de texte, ou envoyez-le en PDF."
)
DAMAGED_ZIP = (
    "« {name} » est endommagé ou protégé par un mot de passe : le portail ne peut pas le "
    "lire. Enregistrez le document de nouveau, ou envoyez-le en PDF."
)


def _names(data: bytes) -> set[str]:
    """Every name token of ``data`` (``/Java#53cript`` is ``JavaScript``)."""
    return {
        _HEX.sub(lambda m: bytes([int(m[1], 16)]), raw).decode("latin-1")
        for raw in _NAME.findall(data)
    }


def _split(data: bytes) -> tuple[bytes, list[tuple[bytes, bytes]]]:
    """The file without its streams' data, and each stream as (its dictionary, raw bytes).

    Stream data (compressed images, fonts) is binary: read as names it would give random
    matches, so it is set apart; only object streams are then inflated and read.
    """
    outside, streams, position = [], [], 0
    while (match := _STREAM.search(data, position)) is not None:
        end = data.find(_ENDSTREAM, match.end())
        if end < 0:
            break
        outside.append(data[position : match.start()])
        raw = data[match.end() : end]
        if _OBJECT.search(raw):  # an object hidden in stream data (a cross-reference may
            outside.append(raw)  # point into it): read it like the rest of the file
        start_of_dict = data.rfind(b"obj", max(0, match.start() - 4096), match.start())
        streams.append((data[max(0, start_of_dict) : match.start()], raw))
        position = end + len(_ENDSTREAM)
    outside.append(data[position:])
    return b"".join(outside), streams


def _inflate(raw: bytes, budget: int) -> bytes | None:
    """``raw`` inflated, or None when it is not zlib data or exceeds ``budget`` bytes."""
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(raw, budget + 1)
    except zlib.error:
        return None
    return None if len(out) > budget else out


def pdf_problem(data: bytes, *, name: str) -> str | None:
    """Why this PDF is refused (active content, encryption, unreadable), or None."""
    outside, streams = _split(data)
    names = _names(outside)
    if FORBIDDEN_NAMES & names:
        return ACTIVE_PDF.format(name=name)
    if "Encrypt" in names:
        return ENCRYPTED_PDF.format(name=name)
    budget = MAX_INFLATED_BYTES
    for dictionary, raw in streams:
        keys = _names(dictionary)
        if "ObjStm" not in keys:
            continue
        filters = keys & {"FlateDecode", "Fl", "ASCIIHexDecode", "ASCII85Decode", "LZWDecode"}
        if filters - {"FlateDecode", "Fl"}:
            return UNREADABLE_PDF.format(name=name)
        content = _inflate(raw, budget) if filters else raw
        if content is None:
            return UNREADABLE_PDF.format(name=name)
        budget -= len(content)
        if FORBIDDEN_NAMES & _names(content):
            return ACTIVE_PDF.format(name=name)
    return None


def zip_problem(stream: IO[bytes], *, name: str) -> str | None:
    """Why this zip-based office file is refused (too many entries, too large unpacked)."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                return ZIP_BOMB.format(name=name)
            if sum(e.file_size for e in entries) > MAX_UNZIPPED_BYTES:
                return ZIP_BOMB.format(name=name)
            left = MAX_UNZIPPED_BYTES
            for entry in entries:  # sizes in the headers may lie: count what is inflated
                with archive.open(entry) as member:
                    while chunk := member.read(min(CHUNK, left + 1)):
                        left -= len(chunk)
                        if left < 0:
                            return ZIP_BOMB.format(name=name)
    # Damaged, encrypted (RuntimeError) or compressed by a method zipfile cannot read.
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError):
        return DAMAGED_ZIP.format(name=name)
    finally:
        stream.seek(0)
    return None


def content_problem(stream: IO[bytes], *, kind: str, name: str) -> str | None:
    """Why a file of the detected ``kind`` is refused after reading its structure, or None."""
    if kind == "pdf":
        stream.seek(0)
        try:
            return pdf_problem(stream.read(), name=name)
        finally:
            stream.seek(0)
    if kind in ("odt", "docx"):
        return zip_problem(stream, name=name)
    return None
