"""What a PDF export answers (``portal.pdf.export``): the file, or a message in French when the
per-hour limit is reached or the render failed."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from . import limits
from .worker import PdfBusy, PdfError, PdfTimeout, PdfTooLarge

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
    message = (
        f"Vous avez déjà téléchargé {per_hour} PDF au cours de la dernière heure, "
        "le maximum autorisé. Réessayez dans une heure."
    )
    if not request.user.is_authenticated:  # counted per session and per address
        message = (
            "Le nombre maximal de PDF téléchargés en une heure depuis cette connexion est "
            "atteint. Réessayez dans une heure."
        )
    response = refused(
        request, status=429, title="Trop de téléchargements", message=message, back=back
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
