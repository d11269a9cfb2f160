"""The API of the portal, composed of its routers; ``openapi_document`` is what
``GET /api/v1/openapi.json`` serves."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest

from selfcheck.selectors import cqp_list, referential_or_none

from . import jury, referentials, selfcheck
from .document import per_cqp
from .http import PortalApi

api = PortalApi(
    title="Portail CQP-VAE : vérification d'éligibilité",
    version="1.0.0",
    description=(
        "Indique si une candidature à la VAE pour un CQP est recevable, pourquoi, et "
        "comment les activités déclarées couvrent le référentiel ; applique la règle de "
        "maîtrise de la source à des évaluations d’éléments. Indicatif : seul le "
        "certificateur décide."
    ),
    servers=[{"url": "/api/v1"}],
    urls_namespace="selfcheck_api",
    # Served below as an operation (a JSON 405 for other methods); no docs page (it loads
    # its scripts from a CDN).
    openapi_url=None,
    docs_url=None,
)
api.add_router("", referentials.router)
api.add_router("", selfcheck.router)
api.add_router("", jury.router)


def openapi_document() -> dict[str, Any]:
    """The document as served (JSON: status codes as strings), paths relative to the server,
    its request bodies told per CQP in force (``document.per_cqp``)."""
    schema = api.get_openapi_schema(path_prefix="")
    document = json.loads(api.renderer.render(None, schema, response_status=200))
    in_force = (referential_or_none(cqp["slug"]) for cqp in cqp_list())
    return per_cqp(document, [ref for ref in in_force if ref is not None])


@api.get("/openapi.json", include_in_schema=False, url_name="openapi")
def openapi(request: HttpRequest):
    return openapi_document()
