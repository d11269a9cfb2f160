"""``GET /cqps`` and ``GET /cqps/{slug}``: the CQPs in force and their referentials."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from home.referentials.domain import Referential, Unit
from home.referentials.provenance import is_proposed
from selfcheck.selectors import cqp_list, referential_or_none

from .schemas import CqpListOut, ErrorsOut, ReferentialOut

router = Router()


@router.get(
    "/cqps",
    response=CqpListOut,
    operation_id="listCqps",
    summary="Les CQP",
    url_name="cqps",
    openapi_extra={"responses": {200: {"description": "Les CQP en vigueur"}}},
)
def cqps(request: HttpRequest):
    return {"cqps": cqp_list()}


@router.get(
    "/cqps/{anytext:slug}",
    response={200: ReferentialOut, 404: ErrorsOut},
    operation_id="getReferential",
    summary="Le référentiel d'un CQP, avec ses codes stables",
    url_name="cqp",
    openapi_extra={
        "responses": {200: {"description": "Le référentiel"}, 404: {"description": "CQP inconnu"}}
    },
)
def cqp(request: HttpRequest, slug: str):
    ref = referential_or_none(slug)
    if ref is None:
        return Status(404, {"errors": {"$.slug": ["CQP inconnu."]}})
    return referential_data(ref)


def _sourced(value) -> dict[str, Any]:
    return {"text": str(value), "from_source": not is_proposed(value)}


def _unit_data(ref: Referential, u: Unit) -> dict[str, Any]:
    return {
        "code": u.code,
        "name": ref.unit_name(u),
        "title": str(u.title),
        "from_source": u.from_source,
        "elements": [
            {
                "code": e.code,
                "title": str(e.title),
                "criteria": [str(c) for c in e.criteria],
                "essential": e.essential,
                "from_source": e.from_source,
            }
            for e in u.elements
        ],
        "activity_items": [
            {"code": i.code, "label": str(i.label), "from_source": i.from_source}
            for i in u.activity_items
        ],
        "questions": [
            {"code": q.code, "text": str(q.text), "from_source": q.from_source} for q in u.questions
        ],
    }


def referential_data(ref: Referential) -> dict[str, Any]:
    """A referential with the stable codes of its units, items and livret sections, each
    saying whether a source states it (``from_source``) or the portal proposes it."""
    return {
        "slug": ref.slug,
        "title": str(ref.title),
        "certifier": str(ref.certifier.name),
        "rncp": ref.rncp,
        "version": ref.version_label or None,
        "version_date": ref.version_date,
        "required_months": ref.recevabilite.min_months,
        "accepted_kinds": list(ref.recevabilite.accepted_kinds),
        "units": [_unit_data(ref, u) for u in ref.units],
        "livret": {
            "from_source": ref.livret_from_source,
            "sections": [
                {
                    "code": s.code,
                    "kind": s.kind,
                    "title": _sourced(s.title),
                    "unit": s.unit or None,
                    "situations_required": s.situations_required or None,
                    "from_source": s.from_source,
                }
                for s in ref.livret_sections
            ],
        },
    }
