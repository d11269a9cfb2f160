"""Uploads racing each other: a second upload of the same person lands while one is stored."""

from __future__ import annotations

from collections.abc import Callable


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
