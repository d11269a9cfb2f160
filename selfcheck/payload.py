"""Checks and reads a JSON eligibility request (the API's and the wizard's answers).

Pure functions: the referential lookup is passed in. Errors are keyed by a JSON path
("$.experiences[2].start") and worded in French, for the API's 400 answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from home.referentials.domain import EXPERIENCE_KINDS, Referential
from portal import french
from portal.dates import range_error

from .eligibility import Period

MAX_EXPERIENCES = 100
MAX_ACTIVITIES = 500
MAX_TEXT = 200
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
ROOT_KEYS = {"cqp", "as_of", "experiences", "activities"}
EXPERIENCE_KEYS = {"kind", "title", "organisation", "start", "end", "part_time_percent", "related"}

Errors = dict[str, list[str]]


@dataclass(frozen=True)
class EligibilityRequest:
    referential: Referential
    as_of: date
    periods: tuple[Period, ...]
    activities: tuple[str, ...]


class _Collector:
    def __init__(self) -> None:
        self.errors: Errors = {}

    def add(self, path: str, message: str) -> None:
        self.errors.setdefault(path, []).append(message)


def parse_date(value: Any) -> tuple[date | None, str | None]:
    """A strict YYYY-MM-DD date in the portal's range, or the French reason it is not one."""
    if not isinstance(value, str) or not DATE_RE.fullmatch(value):
        return None, "Date attendue au format AAAA-MM-JJ."
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None, "Cette date n'existe pas."
    error = range_error(day)
    return (None, error) if error else (day, None)


def _text(c: _Collector, path: str, value: Any, *, required: bool) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        c.add(path, "Texte non vide attendu." if required else "Texte attendu.")
        return ""
    if len(value) > MAX_TEXT:
        c.add(path, f"{french.count(MAX_TEXT, 'caractère')} au plus.")
    return value.strip()


def _unknown_keys(c: _Collector, path: str, data: dict, allowed: set[str]) -> None:
    for key in sorted(set(data) - allowed):
        c.add(f"{path}.{key}", "Champ inconnu.")


def _experience(c: _Collector, path: str, raw: Any) -> Period | None:
    if not isinstance(raw, dict):
        c.add(path, "Objet attendu.")
        return None
    _unknown_keys(c, path, raw, EXPERIENCE_KEYS)
    before = sum(len(v) for v in c.errors.values())
    kind = raw.get("kind")
    if not isinstance(kind, str) or kind not in EXPERIENCE_KINDS:
        c.add(f"{path}.kind", "Type d'expérience inconnu : " + ", ".join(EXPERIENCE_KINDS) + ".")
    title = _text(c, f"{path}.title", raw.get("title"), required=True)
    organisation = _text(c, f"{path}.organisation", raw.get("organisation"), required=False)
    start, error = parse_date(raw.get("start"))
    if error:
        c.add(f"{path}.start", error)
    end = None
    if raw.get("end") is not None:
        end, error = parse_date(raw["end"])
        if error:
            c.add(f"{path}.end", error)
    elif "end" not in raw:
        c.add(f"{path}.end", "Indiquez une date de fin, ou null si l'expérience est en cours.")
    # Dates out of order are no error: the verdict says why such a period is not counted
    # (``eligibility.related_days``), which no schema could say beforehand.
    part = raw.get("part_time_percent", 100)
    if isinstance(part, float) and part.is_integer():  # JSON's 80.0 is the integer 80
        part = int(part)
    if isinstance(part, bool) or not isinstance(part, int) or not 1 <= part <= 100:
        c.add(f"{path}.part_time_percent", "Nombre entier de 1 à 100 attendu.")
    related = raw.get("related")
    if not isinstance(related, bool):
        c.add(f"{path}.related", "true ou false attendu.")
    if sum(len(v) for v in c.errors.values()) > before:
        return None
    return Period(
        kind=kind,
        start=start,
        end=end,
        related=related,
        part_time_percent=part,
        title=title,
        organisation=organisation,
    )


def parse_eligibility(
    data: Any, *, today: date, find_referential: Callable[[str], Referential | None]
) -> tuple[EligibilityRequest | None, Errors]:
    """The checked request, or None and every error found."""
    c = _Collector()
    if not isinstance(data, dict):
        c.add("$", "Objet JSON attendu.")
        return None, c.errors
    _unknown_keys(c, "$", data, ROOT_KEYS)

    referential = None
    slug = data.get("cqp")
    if not isinstance(slug, str) or not slug:
        c.add("$.cqp", "Identifiant de CQP attendu.")
    else:
        referential = find_referential(slug)
        if referential is None:
            c.add("$.cqp", "CQP inconnu.")

    as_of: date | None = today
    if data.get("as_of") is not None:
        as_of, error = parse_date(data["as_of"])
        if error:
            c.add("$.as_of", error)

    periods: list[Period] = []
    experiences = data.get("experiences")
    if not isinstance(experiences, list):
        c.add("$.experiences", "Liste d'expériences attendue.")
    elif len(experiences) > MAX_EXPERIENCES:
        c.add("$.experiences", f"{MAX_EXPERIENCES} expériences au plus.")
    else:
        for i, raw in enumerate(experiences):
            period = _experience(c, f"$.experiences[{i}]", raw)
            if period is not None:
                periods.append(period)

    activities: list[str] = []
    raw_activities = data.get("activities", [])
    if not isinstance(raw_activities, list):
        c.add("$.activities", "Liste de codes d'activités attendue.")
    elif len(raw_activities) > MAX_ACTIVITIES:
        c.add("$.activities", f"{MAX_ACTIVITIES} codes au plus.")
    else:
        known = referential.activity_items_by_code if referential else None
        for i, code in enumerate(raw_activities):
            if not isinstance(code, str):
                c.add(f"$.activities[{i}]", "Code d'activité attendu.")
            elif known is not None and code not in known:
                c.add(f"$.activities[{i}]", "Code d'activité inconnu pour ce CQP.")
            elif code not in activities:
                activities.append(code)

    if c.errors or referential is None or as_of is None:
        return None, c.errors
    return EligibilityRequest(referential, as_of, tuple(periods), tuple(activities)), {}
