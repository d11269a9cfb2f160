"""Uploads racing each other: a second upload of the same person lands while one is stored."""

from __future__ import annotations

from collections.abc import Callable

# The smallest PDF the upload check accepts: a catalog, its page tree and one blank page (no
# cross-reference table: the parser rebuilds it, as viewers do).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def race_while_storing(monkeypatch, model, race: Callable[[], None]) -> list[str]:
    """Run ``race`` (other uploads) once the next file of ``model`` is stored but before its
    record is saved; the names stored by that upload (to check the file is removed)."""
    storage = model._meta.get_field("file").storage
    original_save = storage.save
    stored: list[str] = []

    def save_then_race(name, content, max_length=None):
        stored.append(original_save(name, content, max_length=max_length))
        monkeypatch.setattr(storage, "save", original_save)
        race()
        return stored[0]

    monkeypatch.setattr(storage, "save", save_then_race)
    return stored


def stored_size(data: bytes) -> int:
    """The bytes a PDF upload takes once stored: its checked, rewritten copy."""
    from portal.filecheck import check

    return len(check(data, kind="pdf", name="x.pdf").copy)


def stored_bytes(records) -> list[bytes]:
    """The stored files of these records (documents, proofs), sorted: what an export holds."""
    kept = []
    for record in records:
        with record.file.open("rb") as stored:
            kept.append(stored.read())
    return sorted(kept)
