"""The facts about itself the portal states on its pages, read from the settings.

An editor inserts a fact (a « donnée du portail » block) instead of typing its value: a
change of setting changes every page that states it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from portal import french
from portal.accounts.quotas import limit_text
from portal.uploads import MAX_FILE_BYTES


@dataclass(frozen=True)
class Fact:
    label: str  # what the editor picks, and the name shown beside the value
    value: Callable[[], str]


def _count(number: int, word: str) -> str:
    return french.count(number, word)


FACTS: dict[str, Fact] = {
    "retention_months": Fact(
        "Durée sans activité avant la suppression d’un compte ou d’un livret",
        lambda: f"{settings.RETENTION_MONTHS} mois",
    ),
    "retention_warning_days": Fact(
        "Délai entre le courriel d’avertissement et la suppression",
        lambda: _count(settings.RETENTION_WARNING_DAYS, "jour"),
    ),
    "session_minutes": Fact(
        "Durée d’une session sans action avant la déconnexion",
        lambda: _count(settings.SESSION_COOKIE_AGE // 60, "minute"),
    ),
    "pdf_cache_hours": Fact(
        "Durée de conservation d’un PDF exporté, pour le télécharger à nouveau",
        lambda: _count(max(1, settings.PDF_CACHE_SECONDS // 3600), "heure"),
    ),
    "file_max": Fact("Taille maximale d’un fichier déposé", lambda: limit_text(MAX_FILE_BYTES)),
    "livret_max": Fact(
        "Taille maximale des pièces d’un livret",
        lambda: limit_text(int(settings.LIVRET_MAX_BYTES)),
    ),
    "account_max": Fact(
        "Taille maximale des pièces d’un compte",
        lambda: limit_text(int(settings.ACCOUNT_MAX_BYTES)),
    ),
    "account_max_livrets": Fact(
        "Nombre maximal de livrets par compte",
        lambda: _count(int(settings.ACCOUNT_MAX_LIVRETS), "livret"),
    ),
    "data_exports_per_hour": Fact(
        "Téléchargements de « Mes données » par heure",
        lambda: french.number(int(settings.DATA_EXPORTS_PER_HOUR)),
    ),
    "pdf_exports_per_hour": Fact(
        "Exports PDF par heure et par personne",
        lambda: french.number(int(settings.PDF_EXPORTS_PER_HOUR)),
    ),
}


def value(key: str) -> str:
    """The fact's value as a page states it (« 24 mois »)."""
    return FACTS[key].value()


def choices() -> list[tuple[str, str]]:
    return [(key, fact.label) for key, fact in FACTS.items()]


def stated(*keys: str) -> list[tuple[str, str]]:
    """(label, value) of each fact, as a page lists them."""
    return [(FACTS[key].label, value(key)) for key in keys]
