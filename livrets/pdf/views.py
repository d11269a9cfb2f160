"""The livret's PDF download and progress page (the owner and the accompagnateurs they
invited), and the shared answers when a PDF cannot be given."""

from __future__ import annotations

from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control

from ..models import Livret
from . import limits
from .access import can_download_pdf
from .worker import PdfBusy, PdfTimeout, PdfTooLarge

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


def _readable(request, pk: int) -> Livret:
    livret = get_object_or_404(
        Livret.objects.select_related("referential_version", "cqp", "owner").defer(
            "referential_version__data"
        ),
        pk=pk,
    )
    # Before anything is read from the cache, every time: an accompagnateur whose access
    # was revoked gets a 404, never the PDF kept for the candidate.
    if not can_download_pdf(request.user, livret):
        raise Http404
    return livret


def livret_pdf(request, pk: int):
    from portal.pdf.export import export_response

    from .export import livret_export

    livret = _readable(request, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return export_response(request, livret_export(livret))


def livret_pdf_progress(request, pk: int):
    from portal.pdf.export import progress_response

    from .export import livret_export

    livret = _readable(request, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return progress_response(request, livret_export(livret))
