"""The public JSON API: CQPs, their referentials, eligibility. Thin views over `payload` and
the engine; CSRF-exempt (no cookie-based authority), never a server error on bad input."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

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


@login_not_required
@require_GET
def cqps(request):
    return _json({"cqps": cqp_list()})


@login_not_required
@require_GET
def cqp_detail(request, slug: str):
    ref = referential_or_none(slug)
    if ref is None:
        return _errors({"$.slug": ["CQP inconnu."]}, status=404)
    return _json(referential_data(ref))


@login_not_required
@csrf_exempt
@require_POST
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


@login_not_required
@require_GET
def openapi(request):
    return _json(openapi_document())
