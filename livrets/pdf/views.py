"""The PDF downloads: the livret (owner only) and the shared response with its limits."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control

from ..models import Livret
from . import limits
from . import render as rendering
from .access import can_download_pdf
from .worker import PdfBusy, PdfError, PdfTimeout, PdfTooLarge

logger = logging.getLogger(__name__)

MESSAGES = {
    PdfTimeout: (
        "La création du PDF a pris trop de temps et a été interrompue. Votre livret n’est pas "
        "perdu : réessayez dans quelques minutes. Si le problème continue, raccourcissez les "
        "textes les plus longs ou contactez-nous."
    ),
    PdfTooLarge: (
        "Ce document est trop volumineux pour être mis en PDF. Votre livret n’est pas perdu : "
        "raccourcissez les textes les plus longs puis réessayez, ou contactez-nous."
    ),
    PdfBusy: (
        "Le service de création des PDF est très sollicité en ce moment. Réessayez dans "
        "quelques minutes."
    ),
}
FAILED = (
    "Le PDF n’a pas pu être créé. Votre livret n’est pas perdu : réessayez dans quelques "
    "minutes ou contactez-nous."
)


def _refused(request, *, status: int, title: str, message: str, back: str) -> HttpResponse:
    response = render(
        request,
        "pdf/unavailable.html",
        {"title": title, "message": message, "back": back},
        status=status,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def pdf_response(
    request, make_html: Callable[[], str], *, filename: str, back: str
) -> HttpResponse:
    """Count the export, render under the limits, answer the PDF or a message in French."""
    if not limits.take_export(request):
        per_hour = limits.exports_per_hour()
        message = (
            f"Vous avez déjà téléchargé {per_hour} PDF au cours de la dernière heure, "
            "le maximum autorisé. Réessayez dans une heure."
        )
        if not request.user.is_authenticated:
            message = (
                "Le nombre maximal de PDF téléchargés en une heure depuis cette connexion est "
                "atteint. Réessayez dans une heure."
            )
        response = _refused(
            request, status=429, title="Trop de téléchargements", message=message, back=back
        )
        response["Retry-After"] = str(limits.WINDOW_SECONDS)
        return response
    try:
        rendered = rendering.html_to_pdf(make_html())
    except PdfError as error:
        logger.warning("PDF not rendered for %s: %s", request.path, error)
        return _refused(
            request,
            status=503,
            title="PDF indisponible",
            message=MESSAGES.get(type(error), FAILED),
            back=back,
        )
    response = HttpResponse(rendered.pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


def livret_pdf(request, pk: int):
    livret = get_object_or_404(
        Livret.objects.select_related("referential_version", "cqp", "owner"), pk=pk
    )
    if not can_download_pdf(request.user, livret):
        raise Http404
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return pdf_response(
        request,
        lambda: rendering.livret_html(livret),
        filename=f"livret-2-{livret.cqp.slug}-version-{livret.number}.pdf",
        back=reverse("livrets:detail", args=[livret.pk]),
    )
