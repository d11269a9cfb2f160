"""The public JSON API: CQPs, their referentials, eligibility. Thin views over `payload` and
the engine; CSRF-exempt (no cookie-based authority), never a server error on bad input."""

from __future__ import annotations

import functools
import json
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from .eligibility import assess
from .openapi import openapi_document
from .payload import MAX_BODY_BYTES, parse_eligibility, referential_data, verdict_data
from .selectors import cqp_list, referential_or_none

JSON_OPTIONS = {"ensure_ascii": False}


def _json(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params=JSON_OPTIONS)


def _errors(errors: dict[str, list[str]], status: int = 400) -> JsonResponse:
    return _json({"errors": errors}, status=status)


def _reject_constant(name: str):
    raise ValueError(name)


def json_body(request) -> tuple[Any, JsonResponse | None]:
    """The request's JSON, or the answer refusing it (over 64 KB, or not JSON)."""
    body = request.body
    if len(body) > MAX_BODY_BYTES:
        return None, _errors({"$": ["Le corps de la requête dépasse 64 Ko."]})
    try:
        return json.loads(body, parse_constant=_reject_constant), None
    except (ValueError, RecursionError):
        return None, _errors({"$": ["JSON invalide."]})


def not_allowed(method: str, allowed: list[str]) -> JsonResponse:
    response = _errors(
        {"$": [f"Méthode {method[:20]} non acceptée ici : utilisez {' ou '.join(allowed)}."]},
        status=405,
    )
    response["Allow"] = ", ".join(allowed)
    return response


def is_json(content_type: str) -> bool:
    return content_type.split(";", 1)[0].strip().lower() == "application/json"


def _has_body(request) -> bool:
    """A body was sent (an empty one is answered as invalid JSON, whatever its type)."""
    return request.META.get("CONTENT_LENGTH", "") not in ("", "0")


def endpoint(*methods: str):
    """A public API view: JSON answers for a wrong method (405) or body type (415) too.

    CSRF-exempt (no cookie carries any authority here) and exempt from login. A body must
    be sent as ``application/json``.
    """
    allowed = [*methods, "HEAD"] if "GET" in methods else list(methods)

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method not in allowed:
                return not_allowed(request.method, allowed)
            if (
                request.method == "POST"
                and _has_body(request)
                and not is_json(request.META.get("CONTENT_TYPE", ""))
            ):
                return _errors(
                    {"$": ["Le corps de la requête doit être du JSON (application/json)."]},
                    status=415,
                )
            return view(request, *args, **kwargs)

        return login_not_required(csrf_exempt(wrapped))

    return decorator


@endpoint("GET")
def cqps(request):
    return _json({"cqps": cqp_list()})


@endpoint("GET")
def cqp_detail(request, slug: str):
    ref = referential_or_none(slug)
    if ref is None:
        return _errors({"$.slug": ["CQP inconnu."]}, status=404)
    return _json(referential_data(ref))


@endpoint("POST")
def eligibility(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        return _errors({"$": ["Le corps de la requête dépasse 64 Ko."]})
    data, refused = json_body(request)
    if refused is not None:
        return refused
    checked, errors = parse_eligibility(
        data, today=timezone.localdate(), find_referential=referential_or_none
    )
    if checked is None:
        return _errors(errors)
    verdict = assess(
        checked.referential,
        periods=checked.periods,
        activities=checked.activities,
        as_of=checked.as_of,
    )
    return _json(verdict_data(verdict))


@login_not_required
@csrf_exempt
def not_found(request):
    return _errors({"$": ["Adresse inconnue dans l'API."]}, status=404)


@endpoint("GET")
def openapi(request):
    return _json(openapi_document())
