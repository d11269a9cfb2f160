"""A PDF download: count the export, render under the limits, answer the PDF or a message."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from . import limits
from . import render as rendering
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


def refused(request, *, status: int, title: str, message: str, back: str) -> HttpResponse:
    response = render(
        request,
        "pdf/unavailable.html",
        {"title": title, "message": message, "back": back},
        status=status,
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


def too_many(request, *, back: str) -> HttpResponse:
    """The answer past the per-hour export limit."""
    per_hour = limits.exports_per_hour()
    response = refused(
        request,
        status=429,
        title="Trop de téléchargements",
        message=(
            f"Vous avez déjà téléchargé {per_hour} PDF au cours de la dernière heure, "
            "le maximum autorisé. Réessayez dans une heure."
        ),
        back=back,
    )
    response["Retry-After"] = str(limits.WINDOW_SECONDS)
    return response


def failed(request, error: PdfError, *, back: str) -> HttpResponse:
    return refused(
        request,
        status=503,
        title="PDF indisponible",
        message=MESSAGES.get(type(error), FAILED),
        back=back,
    )


def pdf_file(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


def pdf_response(
    request, make_html: Callable[[], str], *, filename: str, back: str
) -> HttpResponse:
    """Count the export, render under the limits, answer the PDF or a message in French.

    Rendered on every request, for small documents; ``portal.pdf.export`` adds the cache and
    the progress page (the livret, the self-check result).
    """
    if not limits.take_export(request):
        return too_many(request, back=back)
    try:
        rendered = rendering.html_to_pdf(make_html())
    except PdfError as error:
        logger.warning("PDF not rendered for %s: %s", request.path, error)
        return failed(request, error, back=back)
    return pdf_file(rendered.pdf, filename)
