"""The OpenAPI 3.0 document of the self-check API, served at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

from home.referentials.domain import EXPERIENCE_KINDS
from livrets.jury.payload import MAX_RATINGS

from .payload import MAX_ACTIVITIES, MAX_EXPERIENCES, MAX_TEXT

DATE = {"type": "string", "format": "date", "example": "2024-01-31"}

ERRORS = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "object",
            "description": "Messages en français, par chemin JSON ($.experiences[0].start).",
            "additionalProperties": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        }
    },
}

EXPERIENCE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["kind", "title", "start", "end", "related"],
    "properties": {
        "kind": {"type": "string", "enum": list(EXPERIENCE_KINDS)},
        "title": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT},
        "organisation": {"type": "string", "maxLength": MAX_TEXT},
        "start": DATE,
        "end": {**DATE, "nullable": True, "description": "null : expérience en cours"},
        "part_time_percent": {"type": "integer", "minimum": 1, "maximum": 100, "default": 100},
        "related": {"type": "boolean", "description": "en lien avec le CQP"},
    },
}

ELIGIBILITY_REQUEST = {
    "type": "object",
    "additionalProperties": False,
    "required": ["cqp", "experiences"],
    "properties": {
        "cqp": {"type": "string", "minLength": 1, "example": "conseiller-offres-services"},
        "as_of": {**DATE, "description": "date de référence, aujourd'hui par défaut"},
        "experiences": {"type": "array", "maxItems": MAX_EXPERIENCES, "items": EXPERIENCE},
        "activities": {
            "type": "array",
            "maxItems": MAX_ACTIVITIES,
            "items": {"type": "string", "example": "A1.I1"},
        },
    },
}

VERDICT = {
    "type": "object",
    "required": [
        "cqp",
        "as_of",
        "eligible",
        "related_days",
        "related_months",
        "required_months",
        "reasons",
        "coverage",
    ],
    "properties": {
        "cqp": {"type": "string"},
        "as_of": DATE,
        "eligible": {"type": "boolean"},
        "related_days": {"type": "integer", "minimum": 0},
        "related_months": {
            "type": "number",
            "minimum": 0,
            "description": "jours × 12 / 365, arrondi à la décimale inférieure",
        },
        "required_months": {"type": "integer", "minimum": 0},
        "reasons": {"type": "array", "items": {"type": "string"}},
        "coverage": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["unit", "title", "declared", "total", "missing", "essential_missing"],
                "properties": {
                    "unit": {"type": "string"},
                    "title": {"type": "string"},
                    "declared": {"type": "integer", "minimum": 0},
                    "total": {"type": "integer", "minimum": 0},
                    "missing": {"type": "array", "items": {"type": "string"}},
                    "essential_missing": {
                        "type": "boolean",
                        "nullable": True,
                        "description": "null : les sources ne disent pas ce qui est essentiel",
                    },
                },
            },
        },
    },
}

EXAMPLE = {
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

CQP = {
    "type": "object",
    "required": ["slug", "title", "certifier", "rncp"],
    "properties": {
        "slug": {"type": "string"},
        "title": {"type": "string"},
        "certifier": {"type": "string"},
        "rncp": {"type": "string", "nullable": True},
    },
}

FROM_SOURCE = {
    "type": "boolean",
    "description": (
        "true : mot pour mot d'une source du certificateur ; false : proposé par le portail "
        "(« Proposé par le portail »), n'engage pas le certificateur"
    ),
}

ELEMENT = {
    "type": "object",
    "required": ["code", "title", "criteria", "essential", "from_source"],
    "properties": {
        "code": {"type": "string"},
        "title": {"type": "string"},
        "criteria": {"type": "array", "items": {"type": "string"}},
        "essential": {
            "type": "boolean",
            "nullable": True,
            "description": "null : la source ne dit pas si l'élément est incontournable",
        },
        "from_source": FROM_SOURCE,
    },
}

SECTION = {
    "type": "object",
    "required": ["code", "kind", "title", "unit", "situations_required", "from_source"],
    "properties": {
        "code": {"type": "string"},
        "kind": {
            "type": "string",
            "enum": ["identity", "motivation", "context", "situations", "activities_table"],
        },
        "title": {
            "type": "object",
            "required": ["text", "from_source"],
            "properties": {"text": {"type": "string"}, "from_source": FROM_SOURCE},
        },
        "unit": {"type": "string", "nullable": True},
        "situations_required": {"type": "integer", "nullable": True},
        "from_source": FROM_SOURCE,
    },
}

CODED_TEXT = {
    "type": "object",
    "required": ["code", "from_source"],
    "properties": {
        "code": {"type": "string"},
        "label": {"type": "string"},
        "text": {"type": "string"},
        "from_source": FROM_SOURCE,
    },
}

REFERENTIAL = {
    "type": "object",
    "required": ["slug", "title", "certifier", "rncp", "required_months", "units", "livret"],
    "properties": {
        **CQP["properties"],
        "version": {
            "type": "string",
            "nullable": True,
            "description": "la version du référentiel donnée par la source ; null : non indiquée",
        },
        "version_date": {"type": "string", "nullable": True, "example": "2019-01"},
        "required_months": {"type": "integer"},
        "accepted_kinds": {"type": "array", "items": {"type": "string"}},
        "units": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "code",
                    "name",
                    "title",
                    "from_source",
                    "elements",
                    "activity_items",
                    "questions",
                ],
                "properties": {
                    "code": {"type": "string"},
                    "name": {"type": "string"},
                    "title": {"type": "string"},
                    "from_source": FROM_SOURCE,
                    "elements": {"type": "array", "items": ELEMENT},
                    "activity_items": {"type": "array", "items": CODED_TEXT},
                    "questions": {"type": "array", "items": CODED_TEXT},
                },
            },
        },
        "livret": {
            "type": "object",
            "required": ["from_source", "sections"],
            "properties": {
                "from_source": FROM_SOURCE,
                "sections": {"type": "array", "items": SECTION},
            },
        },
    },
}


RATING = {"type": "string", "enum": ["acquis", "non_acquis", "non_mis_en_oeuvre"]}

MASTERY_REQUEST = {
    "type": "object",
    "additionalProperties": False,
    "required": ["cqp", "ratings"],
    "properties": {
        "cqp": {"type": "string", "minLength": 1, "example": "assistant-formation"},
        "ratings": {
            "type": "object",
            "description": "code d’élément (GET /cqps/{slug}) → évaluation",
            "maxProperties": MAX_RATINGS,
            "additionalProperties": RATING,
        },
    },
}

MASTERY_EXAMPLE = {
    "cqp": "assistant-formation",
    "ratings": {"C4.E1": "acquis", "C4.E2": "non_mis_en_oeuvre", "C4.E3": "acquis"},
}

MASTERY = {
    "type": "object",
    "required": ["cqp", "units", "cqp_obtained"],
    "properties": {
        "cqp": {"type": "string"},
        "rule": {
            "type": "object",
            "description": "la règle de la source, mot pour mot",
            "properties": {
                "kind": {
                    "type": "string",
                    "enum": ["elements_tolerance", "bloc_threshold", "all_units"],
                },
                "unit_rule": {"type": "string", "nullable": True},
                "cqp_rule": {"type": "string", "nullable": True},
            },
        },
        "units": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "mastered", "reasons", "missing_ratings"],
                "properties": {
                    "code": {"type": "string"},
                    "mastered": {
                        "type": "boolean",
                        "nullable": True,
                        "description": "null : indéterminé (raison donnée)",
                    },
                    "reasons": {"type": "array", "items": {"type": "string"}},
                    "missing_ratings": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "cqp_obtained": {"type": "boolean", "nullable": True},
        "reasons": {"type": "array", "items": {"type": "string"}},
    },
}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


PATHS = {
    "/cqps": {
        "get": {
            "operationId": "listCqps",
            "summary": "Les CQP",
            "responses": {
                "200": {
                    "description": "Les CQP en vigueur",
                    **_json(
                        {
                            "type": "object",
                            "required": ["cqps"],
                            "properties": {"cqps": {"type": "array", "items": CQP}},
                        }
                    ),
                }
            },
        }
    },
    "/cqps/{slug}": {
        "get": {
            "operationId": "getReferential",
            "summary": "Le référentiel d'un CQP, avec ses codes stables",
            "parameters": [
                {
                    "name": "slug",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "minLength": 1},
                }
            ],
            "responses": {
                "200": {"description": "Le référentiel", **_json(REFERENTIAL)},
                "404": {"description": "CQP inconnu", **_json(ERRORS)},
            },
        }
    },
    "/eligibility": {
        "post": {
            "operationId": "checkEligibility",
            "summary": "Vérifier la recevabilité et la couverture du référentiel",
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": ELIGIBILITY_REQUEST, "example": EXAMPLE}
                },
            },
            "responses": {
                "200": {"description": "Le verdict et ses raisons", **_json(VERDICT)},
                "400": {"description": "Requête invalide", **_json(ERRORS)},
            },
        }
    },
    "/mastery": {
        "post": {
            "operationId": "checkMastery",
            "summary": "Appliquer la règle de maîtrise de la source à des évaluations",
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": MASTERY_REQUEST,
                        "example": MASTERY_EXAMPLE,
                    }
                },
            },
            "responses": {
                "200": {
                    "description": "Le résultat par unité et pour le CQP",
                    **_json(MASTERY),
                },
                "400": {"description": "Requête invalide", **_json(ERRORS)},
            },
        }
    },
}


def openapi_document() -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Portail CQP-VAE : vérification d'éligibilité",
            "version": "1.0.0",
            "description": (
                "Indique si une candidature à la VAE pour un CQP est recevable, pourquoi, et "
                "comment les activités déclarées couvrent le référentiel ; applique la règle de "
                "maîtrise de la source à des évaluations d’éléments. Indicatif : seul le "
                "certificateur décide."
            ),
        },
        "servers": [{"url": "/api/v1"}],
        "paths": PATHS,
    }
