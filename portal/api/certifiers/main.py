"""The certifiers' API: a bearer token on every operation but its document, French JSON
errors with JSON paths (as the public API), bodies up to Django's request limit (a letter in
base64); ``openapi_document`` is what ``GET /api/certificateurs/v1/openapi.json`` serves."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja.errors import AuthenticationError, ValidationError
from ninja.security import HttpBearer

from livrets.desk import tokens
from portal.api.http import INVALID_JSON, Errors, JsonParser, PortalApi, errors_response

from . import candidatures, jury

UNAUTHORISED = (
    "Authentification requise : envoyez l'en-tête « Authorization: Bearer <jeton> » avec un "
    "jeton en vigueur (celui-ci est absent, inconnu ou révoqué)."
)
MAX_BODY_BYTES = settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def _mo(size: float) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


# Django's limit on a request body (``DATA_UPLOAD_MAX_MEMORY_SIZE``): base64 adds a third.
TOO_LARGE = (
    f"Le corps de la requête dépasse {_mo(MAX_BODY_BYTES)} Mo : par l'API, la lettre en PDF "
    f"pèse au plus environ {_mo(MAX_BODY_BYTES * 3 / 4)} Mo."
)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        return tokens.authenticate(token)


def _unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = errors_response({"$": [UNAUTHORISED]}, 401)
    response["WWW-Authenticate"] = 'Bearer realm="api-certificateurs"'
    return response


def _unknown(request: HttpRequest, exc: candidatures.UnknownCandidature) -> HttpResponse:
    return errors_response({"$": [candidatures.NOT_FOUND]}, 404)


def _message(error: dict) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "missing":
        return "Champ obligatoire."
    if kind in ("literal_error", "enum"):
        return f"Valeur inconnue : choisissez parmi {ctx.get('expected', '')}."
    if kind == "string_too_long":
        return f"Texte trop long : {ctx.get('max_length')} caractères au plus."
    if kind == "string_too_short":
        return "Texte vide."
    if kind.startswith("date") or kind == "string_pattern_mismatch":
        return "Valeur invalide (une date s'écrit AAAA-MM-JJ ; aucun caractère nul)."
    if kind == "extra_forbidden":
        return "Champ inconnu."
    if kind in ("greater_than_equal", "less_than_equal"):
        return "Nombre hors des limites permises."
    return "Valeur invalide."


def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Every error at its JSON path: the body's fields under ``$`` (``$.lettre.nom``), the
    query's parameters by name (``$.statut``)."""
    errors: Errors = {}
    for error in exc.errors:
        source, *where = error.get("loc") or ("body",)
        if source == "body":
            where = where[1:]  # the operation's parameter name
            if not where and error.get("type") in ("missing", "model_attributes_type"):
                errors.setdefault("$", []).append(INVALID_JSON)
                continue
        path = "$" + "".join(f"[{w}]" if isinstance(w, int) else f".{w}" for w in where)
        message = _message(error)
        if message not in errors.get(path, []):
            errors.setdefault(path, []).append(message)
    return errors_response(errors, 400)


api = PortalApi(
    title="Portail CQP-VAE : API des certificateurs",
    version="1.0.0",
    description=(
        "Pour le système d'un certificateur : lister les candidatures déposées sur le "
        "portail pour ses CQP (par statut, par pages), lire une candidature, enregistrer la "
        "décision de recevabilité et celle du jury avec, s'il le veut, sa lettre en PDF. Un "
        "jeton par système, "
        "créé par un administrateur du portail, limité aux CQP qu'il nomme ; une candidature "
        "d'un autre CQP répond 404. Chaque acte est inscrit à l'historique de la candidature "
        "avec « via api:<système> »."
    ),
    servers=[{"url": "/api/certificateurs/v1"}],
    urls_namespace="certifier_api",
    openapi_url=None,
    docs_url=None,
    auth=TokenAuth(),
    parser=JsonParser(max_bytes=MAX_BODY_BYTES, too_large=TOO_LARGE),
)
api.add_exception_handler(AuthenticationError, _unauthorised)
api.add_exception_handler(ValidationError, _validation_error)
api.add_exception_handler(candidatures.UnknownCandidature, _unknown)
api.add_router("", candidatures.router)
api.add_router("", jury.router)


def openapi_document() -> dict[str, Any]:
    """The document as served (JSON: status codes as strings), paths relative to the server."""
    schema = api.get_openapi_schema(path_prefix="")
    return json.loads(api.renderer.render(None, schema, response_status=200))


@api.get("/openapi.json", include_in_schema=False, url_name="openapi", auth=None)
def openapi(request: HttpRequest):
    return openapi_document()
