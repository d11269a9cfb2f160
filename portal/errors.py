"""Error answers: French pages in the site's layout, JSON under the API.

Django's default error views render ``400.html``, ``403.html``, ``404.html`` and ``500.html``
(templates/); these handlers only add that the API (``/api/``) answers JSON everywhere, and
that the 500 page never fails itself (it renders with no request, context or database).
"""

from __future__ import annotations

import logging

from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
ADMIN_PREFIX = "/admin/"
API_MESSAGES = {
    400: "Requête incorrecte.",
    403: "Accès refusé.",
    404: "Adresse inconnue dans l'API.",
    500: "Erreur du serveur : réessayez plus tard.",
}
# If even the 500 template cannot render (a storage without its manifest, say).
PLAIN_500 = (
    '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
    "<title>Erreur du serveur – Portail CQP-VAE</title></head><body><main>"
    "<h1>Erreur du serveur</h1><p>Le portail a rencontré une erreur. Réessayez dans quelques "
    'minutes.</p><p><a href="/">Aller à l\'accueil du portail</a></p></main></body></html>'
)


def _api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(status: int) -> JsonResponse:
    return JsonResponse(
        {"errors": {"$": [API_MESSAGES[status]]}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def bad_request(request, exception):
    return _json(400) if _api(request) else defaults.bad_request(request, exception)


def permission_denied(request, exception):
    if _api(request):
        return _json(403)
    if request.path.startswith(ADMIN_PREFIX):
        return render(request, "403.html", {"admin_area": True}, status=403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    return _json(404) if _api(request) else defaults.page_not_found(request, exception)


def server_error(request):
    if _api(request):
        return _json(500)
    try:
        return HttpResponseServerError(loader.get_template("500.html").render())
    except Exception:  # the last resort must answer whatever failed
        logger.exception("The 500 page could not be rendered")
        return HttpResponse(PLAIN_500, status=500)
