"""What one account may hold: bytes of files over the whole account, and the lock that makes
every limit hold.

Checked twice: once before anything is stored (a quick, clear refusal), and again inside the
transaction that records the new file or document, after locking the account's row. Two
uploads of the same person then run one after the other at that point (``SELECT … FOR
UPDATE`` on PostgreSQL; SQLite lets one writer at a time): they cannot both fit in what was
left for one. The bytes used are what every app counts (``PersonalData.stored_bytes``); the
limits of one document (a livret, a request) are its app's.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from portal.accounts.registry import providers
from portal.uploads import format_size


class QuotaExceeded(Exception):
    """The French reason shown to the person."""


def limit_text(size: int) -> str:
    """A limit as the refusal states it: whole megabytes from 1 Mo."""
    return f"{size // (1024 * 1024)} Mo" if size >= 1024 * 1024 else format_size(size)


def account_max_bytes() -> int:
    return int(settings.ACCOUNT_MAX_BYTES)


def account_used_bytes(owner_id: int) -> int:
    """The bytes of files the account holds, as every app counts them."""
    return sum(p.stored_bytes(owner_id) for p in providers())


def check_account_bytes(
    owner_id: int, *, adding: int, what: str = "Ce fichier dépasserait"
) -> None:
    """Raise when ``adding`` more bytes would pass the account's limit (``what``: the
    refusal's subject and verb)."""
    used = account_used_bytes(owner_id)
    if used + adding > account_max_bytes():
        raise QuotaExceeded(
            f"{what} la limite de "
            f"{limit_text(account_max_bytes())} pour l'ensemble de vos livrets (déjà "
            f"utilisés : {format_size(used)}). Supprimez des documents dont vous n'avez plus "
            "besoin."
        )


def lock_account(owner_id: int) -> None:
    """Hold the account's row until the end of the transaction (call inside ``atomic``)."""
    list(get_user_model().objects.select_for_update().filter(pk=owner_id).values_list("pk"))


def store_under_lock(record, upload, *, owner_id: int, check: Callable[[], None]) -> None:
    """Store ``upload`` as ``record``'s file, then save the record and run ``check`` (which
    raises when a limit is passed) again under the account's row lock, this file included:
    concurrent uploads of one person cannot together pass a limit. On any refusal the record
    is not kept, nor its stored file."""
    record.file.save(record.name, upload, save=False)
    try:
        with transaction.atomic():
            lock_account(owner_id)
            record.save()
            check()
    except BaseException:
        record.file.delete(save=False)
        raise
