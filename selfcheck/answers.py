"""The candidate's answers as plain JSON data, and the raw form data of the experiences step.

The answers kept in the session have the shape of the API's request body (plus the
candidate's situation), so the result page and the API check and assess them the same way.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.http import QueryDict

from .payload import ROOT_KEYS

SESSION_RESULT = "selfcheck_result"
SESSION_ACTIVITIES = "selfcheck_activities"  # read by the livret editor

_FORM_FIELD = re.compile(r"(?P<prefix>.+)-(?P<index>\d+)-(?P<field>\w+)")


def build_answers(
    *,
    cqp: str,
    as_of: date,
    situation: str,
    current_job: str,
    experiences: list[dict[str, Any]],
    activities: list[str],
) -> dict[str, Any]:
    return {
        "cqp": cqp,
        "as_of": as_of.isoformat(),
        "situation": situation,
        "current_job": current_job,
        "experiences": [
            {
                "kind": e["kind"],
                "title": e["title"],
                "organisation": e.get("organisation", ""),
                "start": e["start"].isoformat(),
                "end": None if e.get("ongoing") or not e.get("end") else e["end"].isoformat(),
                "part_time_percent": e["part_time_percent"],
                "related": e["related"] == "oui",
            }
            for e in experiences
            if e
        ],
        "activities": activities,
    }


def eligibility_request(answers: dict[str, Any]) -> dict[str, Any]:
    """The part of the answers the engine reads, as the API takes it."""
    return {k: v for k, v in answers.items() if k in ROOT_KEYS}


def formset_rows(
    data: QueryDict, prefix: str
) -> tuple[list[dict[str, list[str]]], dict[str, list[str]]]:
    """The rows of a posted formset (field name -> values) and the other posted keys."""
    rows: dict[int, dict[str, list[str]]] = {}
    others: dict[str, list[str]] = {}
    for key, values in data.lists():
        match = _FORM_FIELD.fullmatch(key)
        if match and match["prefix"] == prefix and int(match["index"]) < 1000:
            rows.setdefault(int(match["index"]), {})[match["field"]] = values
        elif not key.startswith(f"{prefix}-"):
            others[key] = values
    total = _int(data.get(f"{prefix}-TOTAL_FORMS"), 0)
    return [rows.get(i, {}) for i in range(min(total, 1000))], others


def rebuild_formset(
    rows: list[dict[str, list[str]]], others: dict[str, list[str]], prefix: str, *, initial: int = 0
) -> QueryDict:
    """Posted formset data again, after rows were added or removed."""
    data = QueryDict(mutable=True)
    for key, values in others.items():
        data.setlist(key, values)
    for i, row in enumerate(rows):
        for field, values in row.items():
            data.setlist(f"{prefix}-{i}-{field}", values)
    data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
    data[f"{prefix}-INITIAL_FORMS"] = str(initial)
    data[f"{prefix}-MIN_NUM_FORMS"] = "1"
    data[f"{prefix}-MAX_NUM_FORMS"] = "100"
    return data


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
