"""The request bodies of the OpenAPI document, one per CQP in force: which codes a request may
name depends on the referentials loaded, so the document says it when it is served.

``POST /eligibility`` and ``POST /mastery`` take a ``oneOf`` of one schema per CQP, told apart
by ``cqp`` (a ``const``): its activity codes, its element codes, nothing else. With no CQP in
force the generic schemas stay (every request is then answered 400, « CQP inconnu. »).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from home.referentials.domain import Referential

REF = "#/components/schemas/"
PER_CQP = {"/eligibility": "EligibilityIn", "/mastery": "MasteryIn"}


def _cqp(slug: str) -> dict[str, Any]:
    return {"type": "string", "const": slug, "title": "Cqp"}


def _eligibility(generic: dict[str, Any], ref: Referential) -> dict[str, Any]:
    schema = copy.deepcopy(generic)
    schema["title"] = f"EligibilityIn ({ref.slug})"
    schema["properties"]["cqp"] = _cqp(ref.slug)
    activities = schema["properties"]["activities"]
    codes = sorted(ref.activity_items_by_code)
    if codes:
        activities["items"] = {"type": "string", "enum": codes}
    else:
        activities["maxItems"] = 0
    return schema


def _mastery(generic: dict[str, Any], ref: Referential) -> dict[str, Any]:
    schema = copy.deepcopy(generic)
    schema["title"] = f"MasteryIn ({ref.slug})"
    schema["properties"]["cqp"] = _cqp(ref.slug)
    ratings = schema["properties"]["ratings"]
    ratings.pop("additionalProperties")
    ratings.pop("maxProperties", None)
    rating = {"$ref": f"{REF}Rating"}
    ratings["properties"] = {e.code: rating for u in ref.units for e in u.elements}
    ratings["additionalProperties"] = False
    return schema


BUILDERS = {"EligibilityIn": _eligibility, "MasteryIn": _mastery}


def per_cqp(document: dict[str, Any], referentials: Iterable[Referential]) -> dict[str, Any]:
    """The document with each request body split into one schema per CQP in force."""
    refs = sorted(referentials, key=lambda r: r.slug)
    if not refs:
        return document
    schemas = document["components"]["schemas"]
    schemas["Rating"] = schemas["MasteryIn"]["properties"]["ratings"]["additionalProperties"]
    for path, name in PER_CQP.items():
        generic = schemas.pop(name)
        mapping = {}
        for ref in refs:
            schemas[f"{name}-{ref.slug}"] = BUILDERS[name](generic, ref)
            mapping[ref.slug] = f"{REF}{name}-{ref.slug}"
        body = document["paths"][path]["post"]["requestBody"]["content"]["application/json"]
        body["schema"] = {
            "oneOf": [{"$ref": target} for target in mapping.values()],
            "discriminator": {"propertyName": "cqp", "mapping": mapping},
            "title": "Payload",
        }
    return document
