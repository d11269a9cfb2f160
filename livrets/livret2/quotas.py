"""What one account may hold: documents' bytes per livret and per account, number of livrets.

Checked twice: once before anything is stored (a quick, clear refusal), and again inside the
transaction that records the new document or livret, after locking the account's row. Two
uploads of the same person then run one after the other at that point (``SELECT … FOR
UPDATE`` on PostgreSQL; SQLite lets one writer at a time): they cannot both fit in what was
left for one.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Sum

from livrets.livret2.models import Document, Livret
from portal.uploads import format_size


class QuotaExceeded(Exception):
    """The French reason shown to the person."""


def _limit(size: int) -> str:
    return f"{size // (1024 * 1024)} Mo" if size >= 1024 * 1024 else format_size(size)


def livret_max_bytes() -> int:
    return int(settings.LIVRET_MAX_BYTES)


def account_max_bytes() -> int:
    return int(settings.ACCOUNT_MAX_BYTES)


def account_max_livrets() -> int:
    return int(settings.ACCOUNT_MAX_LIVRETS)


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


def _used(**filters) -> int:
    return Document.objects.filter(**filters).aggregate(total=Sum("size"))["total"] or 0


def check_documents(livret: Livret, *, adding: int) -> None:
    """Raise when ``adding`` more bytes would pass the livret's or the account's limit."""
    used = _used(livret=livret)
    if used + adding > livret_max_bytes():
        raise QuotaExceeded(
            f"Ce fichier dépasserait la limite de {_limit(livret_max_bytes())} par livret "
            f"(déjà utilisés : {format_size(used)})."
        )
    used = _used(livret__owner_id=livret.owner_id)
    if used + adding > account_max_bytes():
        raise QuotaExceeded(
            f"Ce fichier dépasserait la limite de {_limit(account_max_bytes())} pour "
            f"l'ensemble de vos livrets (déjà utilisés : {format_size(used)}). Supprimez des "
            "documents dont vous n'avez plus besoin."
        )


def check_new_livret(owner_id: int, *, copied_bytes: int = 0) -> None:
    """Raise when the account cannot hold one more livret (with ``copied_bytes`` of files)."""
    limit = account_max_livrets()
    if Livret.objects.filter(owner_id=owner_id).count() >= limit:
        raise QuotaExceeded(
            f"Votre compte a déjà {limit} livret{'s' if limit > 1 else ''} (versions "
            "comprises), le maximum autorisé : un nouveau livret ne peut pas être créé."
        )
    used = _used(livret__owner_id=owner_id)
    if copied_bytes and used + copied_bytes > account_max_bytes():
        raise QuotaExceeded(
            f"Les documents de cette nouvelle version dépasseraient la limite de "
            f"{_limit(account_max_bytes())} pour l'ensemble de vos livrets (déjà "
            f"utilisés : {format_size(used)}). Supprimez des documents dont vous n'avez plus "
            "besoin."
        )
