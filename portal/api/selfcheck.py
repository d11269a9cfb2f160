"""``POST /eligibility``: the self-check's verdict over experiences sent as JSON."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Status

from selfcheck.eligibility import Verdict, assess
from selfcheck.payload import parse_eligibility
from selfcheck.selectors import referential_or_none

from .body import checked_by_parser
from .schemas import (
    ELIGIBILITY_EXAMPLE,
    REFUSED,
    EligibilityIn,
    ErrorsOut,
    VerdictOut,
)

router = Router()


@router.post(
    "/eligibility",
    response={200: VerdictOut, 400: ErrorsOut, 415: ErrorsOut},
    operation_id="checkEligibility",
    summary="Vérifier la recevabilité et la couverture du référentiel",
    url_name="eligibility",
    openapi_extra={
        "requestBody": {"content": {"application/json": {"example": ELIGIBILITY_EXAMPLE}}},
        "responses": {
            200: {"description": "Le verdict et ses raisons"},
            400: {"description": REFUSED},
            415: {"description": "Corps de requête autre que application/json"},
        },
    },
)
def eligibility(request: HttpRequest, payload: checked_by_parser(EligibilityIn)):
    checked, errors = parse_eligibility(
        payload, today=timezone.localdate(), find_referential=referential_or_none
    )
    if checked is None:
        return Status(400, {"errors": errors})
    verdict = assess(
        checked.referential,
        periods=checked.periods,
        activities=checked.activities,
        as_of=checked.as_of,
    )
    return verdict_data(verdict)


def verdict_data(verdict: Verdict) -> dict[str, Any]:
    """The verdict as the API answers it."""
    return {
        "cqp": verdict.cqp,
        "as_of": verdict.as_of,
        "eligible": verdict.eligible,
        "related_days": verdict.related_days,
        "related_months": verdict.related_months,
        "required_months": verdict.required_months,
        "reasons": list(verdict.reasons),
        "coverage": [
            {
                "unit": c.unit.code,
                "title": c.unit.title,
                "declared": len(c.declared),
                "total": c.total,
                "missing": [i.code for i in c.missing],
                "essential_missing": c.essential_missing,
            }
            for c in verdict.coverage
        ],
    }
