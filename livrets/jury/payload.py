"""Checks a JSON mastery request (``POST /api/v1/mastery``). Pure: the referential lookups
are passed in. Errors are keyed by JSON path, worded in French."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from home.referentials.domain import Referential
from livrets.jury.rules import RATINGS

MAX_RATINGS = 500
ROOT_KEYS = {"cqp", "ratings"}

Errors = dict[str, list[str]]


@dataclass(frozen=True)
class MasteryRequest:
    referential: Referential
    ratings: dict[str, str]


def parse_mastery(
    data: Any,
    *,
    find_referential: Callable[[str], Referential | None],
    owner_of_element: Callable[[str], str | None],
) -> tuple[MasteryRequest | None, Errors]:
    """The checked request, or None and every error found.

    ``owner_of_element(code)`` names the CQP whose referential has this element code, if any.
    """
    errors: Errors = {}

    def add(path: str, message: str) -> None:
        errors.setdefault(path, []).append(message)

    if not isinstance(data, dict):
        return None, {"$": ["Objet JSON attendu."]}
    for key in sorted(set(data) - ROOT_KEYS):
        add(f"$.{key}", "Champ inconnu.")
    ref = None
    slug = data.get("cqp")
    if not isinstance(slug, str) or not slug:
        add("$.cqp", "Identifiant de CQP attendu.")
    else:
        ref = find_referential(slug)
        if ref is None:
            add("$.cqp", "CQP inconnu.")
    ratings = data.get("ratings")
    checked: dict[str, str] = {}
    if not isinstance(ratings, dict):
        add("$.ratings", "Objet attendu : code d’élément → évaluation.")
    elif len(ratings) > MAX_RATINGS:
        add("$.ratings", f"{MAX_RATINGS} évaluations au plus.")
    else:
        known = {e.code for u in ref.units for e in u.elements} if ref else None
        for code, value in ratings.items():
            path = f"$.ratings.{code}"
            if known is not None and code not in known:
                other = owner_of_element(code)
                if other and other != slug:
                    add(path, f"Cet élément appartient à un autre CQP ({other}).")
                else:
                    add(path, "Code d’élément inconnu pour ce CQP.")
            if not isinstance(value, str) or value not in RATINGS:
                add(path, "Évaluation inconnue : " + ", ".join(RATINGS) + ".")
            checked[code] = value
    if errors or ref is None:
        return None, errors
    return MasteryRequest(ref, checked), {}
