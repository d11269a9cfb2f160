"""What each app holds of a person, declared by the app itself.

Each app of the portal that stores something about a person writes a ``personal_data.py``
module that registers one :class:`PersonalData` (``register(...)`` at import). The accounts
app imports every such module when Django starts (``autodiscover_modules``), then the
« Mes données » export, the account's deletion, the account-wide quota and the retention
purge go through :func:`providers`: a new feature declares its data once, in its own app,
and no part of the portal has to remember it. The system check ``accounts.E001`` refuses a
model that points to the user and that no app declares.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models.fields.files import FieldFile


@dataclass(frozen=True)
class Section:
    """One part of the export: ``key`` in ``donnees.json`` (stable), a French title for the
    readable page, and plain JSON values (a list of rows, a dict, or None)."""

    key: str
    title: str
    data: Any


@dataclass(frozen=True)
class StoredFile:
    """A file of the person, copied into the export's zip under ``name``."""

    name: str
    file: FieldFile


class PersonalData:
    """What one app holds of a person. Every method has a harmless default: an app overrides
    what concerns it.

    ``models``: the app's models holding something of a person ("app_label.Model"), as the
    system check verifies. ``activity``: lookups from the user to dates of their activity
    (``"livrets__updated_at"``), for the retention purge.
    """

    label: str = ""
    # What « Données personnelles » says of this app's data, in French: what it holds (« Vos
    # livrets 2 : vos textes… », its name before the colon), why, and who reads it. An app
    # holding something of a person fills them (the page lists every provider that does; a
    # test refuses one that does not).
    held: str = ""
    purpose: str = ""
    readers: str = ""
    models: tuple[str, ...] = ()
    activity: tuple[str, ...] = ()
    order: int = 100

    def sections(self, user) -> list[Section]:
        """The person's data in this app, as the export shows it."""
        return []

    def files(self, user) -> Iterable[StoredFile]:
        """The person's files in this app, copied into the export."""
        return ()

    def erase(self, user) -> None:
        """Called inside the deletion's transaction, before the user row goes (and its
        cascade): delete the stored files and whatever the cascade would not reach."""

    def cached_pdfs(self, user) -> Iterable[str]:
        """The slots of ``portal.pdf.store`` holding PDFs of the person's documents, dropped
        once the deletion is committed. Asked before ``erase``."""
        return ()

    def queued_emails(self, user) -> Iterable[str]:
        """The addresses whose emails still waiting in the task queue go with the account."""
        return ()

    def stored_bytes(self, owner_id: int) -> int:
        """The bytes of files counted in the account's quota."""
        return 0

    def login_redirect(self, user) -> str | None:
        """Where the person lands after signing in, when this app knows better (first wins)."""
        return None

    def purge_inactive(self, purge) -> None:
        """The retention purge's pass over this app's own documents (``purge``: a
        ``portal.accounts.retention.services.Purge``)."""


_providers: dict[str, PersonalData] = {}


def register(provider: PersonalData) -> PersonalData:
    """Declare an app's personal data (once per label; registering again replaces it)."""
    if not provider.label:
        raise ValueError("PersonalData needs a label")
    _providers[provider.label] = provider
    return provider


def providers() -> Iterator[PersonalData]:
    """Every declared provider, in a stable order (``order``, then label)."""
    yield from sorted(_providers.values(), key=lambda p: (p.order, p.label))


def declared_models() -> set[str]:
    """Every model some provider declares, as "app_label.model" in lower case."""
    return {name.lower() for p in _providers.values() for name in p.models}
