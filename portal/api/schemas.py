"""The typed shapes of the API, from which ninja writes the OpenAPI document.

Request bodies are checked by the pure parsers of the apps (``selfcheck.payload``,
``livrets.jury.payload``), which report every error at once, in French, at its JSON path;
the request schemas here, split per CQP in force when the document is served
(``document.per_cqp``), say exactly what those parsers accept, and the schemathesis tests
hold both to it.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from ninja import Schema
from pydantic import ConfigDict, Field, WithJsonSchema

from home.referentials.domain import EXPERIENCE_KINDS, SectionKind
from livrets.jury.payload import MAX_RATINGS
from livrets.jury.rules import RATINGS
from portal.dates import EARLIEST, LATEST
from selfcheck.payload import MAX_ACTIVITIES, MAX_EXPERIENCES, MAX_TEXT

BETWEEN = f"entre le {EARLIEST.isoformat()} et le {LATEST.isoformat()}"
# EARLIEST to LATEST (1900 to 2100: tests/portal/api/test_schemas.py checks it); `format: date`
# says the day exists.
DATE_PATTERN = r"^(19[0-9]{2}|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def _day(description: str) -> WithJsonSchema:
    return WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": DATE_PATTERN,
            "example": "2024-01-31",
            "description": description,
        }
    )


Day = Annotated[date, _day(BETWEEN)]
# What Python's str.strip() removes, as the parser strips a title
# (tests/portal/api/test_schemas.py checks it): ECMAScript's \S is not the same set (U+0085,
# U+001C to U+001F, U+FEFF differ). No text holds a NUL character (``http.JsonParser``).
PYTHON_SPACES = r"\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NO_NUL = r"^[^\x00]*$"
NOT_BLANK = rf"^[^\x00]*[^\x00{PYTHON_SPACES}][^\x00]*$"
FROM_SOURCE_TEXT = (
    "true : mot pour mot d'une source du certificateur ; false : proposé par le portail "
    "(« Proposé par le portail »), n'engage pas le certificateur"
)
FromSource = Annotated[bool, Field(description=FROM_SOURCE_TEXT)]
# The request bodies below are generic: the document served splits them per CQP in force,
# with that CQP's codes (``document.per_cqp``), so that a body valid for it is answered 200.
REFUSED = (
    "Requête non conforme au schéma : les messages disent quoi corriger, par chemin JSON. "
    "Les CQP et leurs codes sont ceux des référentiels en vigueur quand ce document est "
    "servi (GET /cqps/{slug}) ; des dates dans le désordre ne sont pas une erreur : le "
    "verdict dit pourquoi la période n'est pas comptée."
)


class Closed(Schema):
    model_config = ConfigDict(extra="forbid")


class ErrorsOut(Schema):
    errors: dict[str, Annotated[list[str], Field(min_length=1)]] = Field(
        description="Messages en français, par chemin JSON ($.experiences[0].start)."
    )


# Requests


class ExperienceIn(Closed):
    kind: Literal[tuple(EXPERIENCE_KINDS)]  # type: ignore[valid-type]
    title: str = Field(min_length=1, max_length=MAX_TEXT, pattern=NOT_BLANK)
    organisation: str | None = Field(default=None, max_length=MAX_TEXT, pattern=NO_NUL)
    start: Day
    end: Annotated[date, _day(f"{BETWEEN} ; null : en cours")] | None
    part_time_percent: int = Field(default=100, ge=1, le=100)
    related: bool = Field(description="en lien avec le CQP")


class EligibilityIn(Closed):
    cqp: str = Field(min_length=1, examples=["conseiller-offres-services"])
    as_of: Annotated[date, _day(f"date de référence ; {BETWEEN}")] | None = Field(
        default=None, description="date de référence ; absente ou null : aujourd'hui"
    )
    experiences: list[ExperienceIn] = Field(max_length=MAX_EXPERIENCES)
    activities: list[str] = Field(
        default=[], max_length=MAX_ACTIVITIES, description="codes d'activités (GET /cqps/{slug})"
    )


Rating = Literal[RATINGS]  # type: ignore[valid-type]


class MasteryIn(Closed):
    cqp: str = Field(min_length=1, examples=["assistant-formation"])
    ratings: dict[str, Rating] = Field(
        description="code d’élément (GET /cqps/{slug}) → évaluation",
        json_schema_extra={"maxProperties": MAX_RATINGS},
    )


ELIGIBILITY_EXAMPLE = {
    "cqp": "conseiller-offres-services",
    "as_of": "2025-06-30",
    "experiences": [
        {
            "kind": "salarie",
            "title": "Conseillère d'accueil",
            "start": "2023-01-01",
            "end": None,
            "part_time_percent": 80,
            "related": True,
        }
    ],
    "activities": ["A1.I1", "A1.I2"],
}
MASTERY_EXAMPLE = {
    "cqp": "assistant-formation",
    "ratings": {"C4.E1": "acquis", "C4.E2": "non_mis_en_oeuvre", "C4.E3": "acquis"},
}


# Answers


class CqpOut(Schema):
    slug: str
    title: str
    certifier: str
    rncp: str | None


class CqpListOut(Schema):
    cqps: list[CqpOut]


class ElementOut(Schema):
    code: str
    title: str
    criteria: list[str]
    essential: bool | None = Field(
        description="null : la source ne dit pas si l'élément est incontournable"
    )
    from_source: FromSource


class ActivityItemOut(Schema):
    code: str
    label: str
    from_source: FromSource


class QuestionOut(Schema):
    code: str
    text: str
    from_source: FromSource


class UnitOut(Schema):
    code: str
    name: str
    title: str
    from_source: FromSource
    elements: list[ElementOut]
    activity_items: list[ActivityItemOut]
    questions: list[QuestionOut]


class SourcedTextOut(Schema):
    text: str
    from_source: FromSource


class SectionOut(Schema):
    code: str
    kind: SectionKind
    title: SourcedTextOut
    unit: str | None
    situations_required: int | None
    from_source: FromSource


class LivretOut(Schema):
    from_source: FromSource
    sections: list[SectionOut]


class ReferentialOut(CqpOut):
    version: str | None = Field(
        description="la version du référentiel donnée par la source ; null : non indiquée"
    )
    version_date: str | None = Field(examples=["2019-01"])
    required_months: int
    accepted_kinds: list[str]
    units: list[UnitOut]
    livret: LivretOut


class CoverageOut(Schema):
    unit: str
    title: str
    declared: int = Field(ge=0)
    total: int = Field(ge=0)
    missing: list[str]
    essential_missing: bool | None = Field(
        description="null : les sources ne disent pas ce qui est essentiel"
    )


class VerdictOut(Schema):
    cqp: str
    as_of: Day
    eligible: bool
    related_days: int = Field(ge=0)
    related_months: float = Field(
        ge=0, description="jours × 12 / 365, arrondi à la décimale inférieure"
    )
    required_months: int = Field(ge=0)
    reasons: list[str]
    coverage: list[CoverageOut]


class UnitMasteryOut(Schema):
    code: str
    mastered: bool | None = Field(description="null : indéterminé (raison donnée)")
    reasons: list[str]
    missing_ratings: list[str]


class MasteryOut(Schema):
    model_config = ConfigDict(extra="forbid")

    cqp: str
    units: list[UnitMasteryOut]
    cqp_obtained: bool | None = Field(
        description="true : toutes les unités maîtrisées ; false : une ne l’est pas"
    )
