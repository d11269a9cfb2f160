"""What a livret may hold: bytes of documents per livret, and livrets per account. The
account-wide bytes and the lock that makes the limits hold are the account's
(``portal.accounts.quotas``)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Sum

from livrets.livret2.models import Document, Livret
from portal.accounts.quotas import (
    QuotaExceeded,
    check_account_bytes,
    limit_text,
    lock_account,
    store_under_lock,
)
from portal.uploads import format_size


def livret_max_bytes() -> int:
    return int(settings.LIVRET_MAX_BYTES)


def account_max_livrets() -> int:
    return int(settings.ACCOUNT_MAX_LIVRETS)


def documents_bytes(**filters) -> int:
    return Document.objects.filter(**filters).aggregate(total=Sum("size"))["total"] or 0


def check_documents(livret: Livret, *, adding: int) -> None:
    """Raise when ``adding`` more bytes would pass the livret's or the account's limit."""
    used = documents_bytes(livret=livret)
    if used + adding > livret_max_bytes():
        raise QuotaExceeded(
            f"Ce fichier dépasserait la limite de {limit_text(livret_max_bytes())} par livret "
            f"(déjà utilisés : {format_size(used)})."
        )
    check_account_bytes(livret.owner_id, adding=adding)


def check_new_livret(owner_id: int, *, copied_bytes: int = 0) -> None:
    """Raise when the account cannot hold one more livret (with ``copied_bytes`` of files)."""
    limit = account_max_livrets()
    if Livret.objects.filter(owner_id=owner_id).count() >= limit:
        raise QuotaExceeded(
            f"Votre compte a déjà {limit} livret{'s' if limit > 1 else ''} (versions "
            "comprises), le maximum autorisé : un nouveau livret ne peut pas être créé."
        )
    if copied_bytes:
        check_account_bytes(
            owner_id,
            adding=copied_bytes,
            what="Les documents de cette nouvelle version dépasseraient",
        )


__all__ = [
    "QuotaExceeded",
    "check_documents",
    "check_new_livret",
    "lock_account",
    "store_under_lock",
]
