"""``POST /mastery``: the sources' mastery rule (``livrets.jury``) over ratings sent as JSON."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from home.referentials.domain import Referential
from livrets.jury.payload import parse_mastery
from livrets.jury.referential import mastery_of
from livrets.jury.rules import CqpOutcome, cqp_outcome
from selfcheck.selectors import cqp_list, referential_or_none

from .body import checked_by_parser
from .schemas import MASTERY_EXAMPLE, REFUSED, ErrorsOut, MasteryIn, MasteryOut

router = Router()


def owner_of_element(code: str) -> str | None:
    """The slug of the CQP in force whose referential has this element code."""
    for cqp in cqp_list():
        ref = referential_or_none(cqp["slug"])
        if ref and any(e.code == code for u in ref.units for e in u.elements):
            return ref.slug
    return None


@router.post(
    "/mastery",
    response={200: MasteryOut, 400: ErrorsOut, 415: ErrorsOut},
    operation_id="checkMastery",
    summary="Appliquer la règle de maîtrise de la source à des évaluations",
    url_name="mastery",
    openapi_extra={
        "requestBody": {"content": {"application/json": {"example": MASTERY_EXAMPLE}}},
        "responses": {
            200: {"description": "Le résultat par unité et pour le CQP"},
            400: {"description": REFUSED},
            415: {"description": "Corps de requête autre que application/json"},
        },
    },
)
def mastery(request: HttpRequest, payload: checked_by_parser(MasteryIn)):
    checked, errors = parse_mastery(
        payload, find_referential=referential_or_none, owner_of_element=owner_of_element
    )
    if checked is None:
        return Status(400, {"errors": errors})
    ref = checked.referential
    return outcome_data(ref, cqp_outcome(ref, mastery_of(ref), checked.ratings))


def outcome_data(ref: Referential, outcome: CqpOutcome) -> dict[str, Any]:
    """The answer of ``POST /mastery``, in the shape the issue gives."""
    return {
        "cqp": ref.slug,
        "units": [
            {
                "code": u.code,
                "mastered": u.mastered,
                "reasons": list(u.reasons),
                "missing_ratings": list(u.missing),
            }
            for u in outcome.units
        ],
        "cqp_obtained": outcome.mastered,
    }
