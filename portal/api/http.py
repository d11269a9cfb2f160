"""What the API answers whatever the operation: JSON bodies read within limits, errors as
``{"errors": {"$.path": ["message en français"]}}``, a JSON 405 that lists the methods."""

from __future__ import annotations

import functools
import json
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import register_converter
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.parser import Parser
from ninja.renderers import JSONRenderer

from portal.inputs import NUL

MAX_BODY_BYTES = 64 * 1024
TOO_LARGE = "Le corps de la requête dépasse 64 Ko."
INVALID_JSON = "JSON invalide."
NOT_JSON = "Le corps de la requête doit être du JSON (application/json)."
HOLDS_NUL = "Aucun texte ne peut contenir le caractère nul (U+0000)."
UNKNOWN_ADDRESS = "Adresse inconnue dans l'API."
METHOD_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")

Errors = dict[str, list[str]]


def errors_response(errors: Errors, status: int) -> JsonResponse:
    return JsonResponse(
        {"errors": errors}, status=status, json_dumps_params={"ensure_ascii": False}
    )


class Refused(Exception):
    """A request body the API refuses before any operation reads it."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.errors: Errors = {"$": [message]}
        self.status = status


def _reject_constant(name: str):
    raise ValueError(name)


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    return False


class JsonParser(Parser):
    """JSON only (415 otherwise), 64 KB at most (``max_bytes``, said as ``too_large``), no
    NaN, Infinity, lone surrogate or NUL character (which no database text holds): the
    document's schemas say the same, so that a body is refused exactly when it breaks them."""

    def __init__(self, max_bytes: int = MAX_BODY_BYTES, too_large: str = TOO_LARGE) -> None:
        super().__init__()
        self.max_bytes, self.too_large = max_bytes, too_large

    def parse_body(self, request: HttpRequest) -> Any:
        if request.content_type.lower() != "application/json":
            raise Refused(NOT_JSON, status=415)
        if len(request.body) > self.max_bytes:
            raise Refused(self.too_large)
        try:
            data = json.loads(request.body, parse_constant=_reject_constant)
            # A lone surrogate ("\ud800") is no character: nothing could write it back.
            json.dumps(data, ensure_ascii=False).encode()
        except (ValueError, RecursionError) as error:
            raise Refused(INVALID_JSON) from error
        if _holds_nul(data):
            raise Refused(HOLDS_NUL)
        return data


class FrenchJSONRenderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}


class PortalApi(NinjaAPI):
    """A NinjaAPI whose every error is answered as the API's French error body."""

    def __init__(self, *, parser: JsonParser | None = None, **kwargs: Any) -> None:
        parser = parser or JsonParser()
        super().__init__(renderer=FrenchJSONRenderer(), parser=parser, **kwargs)
        self.add_exception_handler(HttpError, _http_error)
        self.add_exception_handler(ValidationError, _validation_error)
        self.add_exception_handler(Http404, _not_found)
        self.add_exception_handler(
            RequestDataTooBig, lambda request, exc: errors_response({"$": [parser.too_large]}, 400)
        )

    def get_content_type(self) -> str:
        return "application/json"


def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja wraps what the parser raises into an HttpError: the reason is its cause.
    cause = exc.__cause__
    if isinstance(cause, Refused):
        return errors_response(cause.errors, cause.status)
    return errors_response({"$": ["Requête incorrecte."]}, exc.status_code)


def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Operations take the body as sent (their pure parsers check it), so the only error
    ninja can find is a body that is missing: an empty body is not JSON."""
    errors: Errors = {}
    for error in exc.errors:
        source, *where = error.get("loc") or ("body",)
        if source == "body":
            path, message = "$", INVALID_JSON
        else:
            path, message = "$." + ".".join(map(str, where)), "Valeur invalide."
        if message not in errors.get(path, []):
            errors.setdefault(path, []).append(message)
    return errors_response(errors, 400)


def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return errors_response({"$": [UNKNOWN_ADDRESS]}, 404)


def json_methods(view):
    """ninja answers a method it does not route in plain text and routes no HEAD: answer
    HEAD as GET (as Django's views do) and a wrong method with the API's JSON 405."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if request.method == "HEAD":
            request.method = "GET"
            response = view(request, *args, **kwargs)
            request.method = "HEAD"
            if response.status_code != 405:
                return response
        else:
            response = view(request, *args, **kwargs)
        if response.status_code != 405 or "Allow" not in response:
            return response
        methods = {m.strip() for m in response["Allow"].split(",")}
        if "GET" in methods:
            methods.add("HEAD")
        allowed = [m for m in METHOD_ORDER if m in methods]
        refused = errors_response(
            {
                "$": [
                    f"Méthode {request.method[:20]} non acceptée ici : "
                    f"utilisez {' ou '.join(allowed)}."
                ]
            },
            status=405,
        )
        refused["Allow"] = ", ".join(allowed)
        return refused

    return wrapped


class AnyText:
    """A path segment that may hold anything, slashes included (the API answers 404 for an
    unknown slug, not a routing miss)."""

    regex = r"[\s\S]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(AnyText, "anytext")
