"""The livret's PDF download and progress page (the owner and the reviewers they
invited)."""

from __future__ import annotations

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404

from livrets.livret2.models import Livret
from livrets.livret2.pdf.access import can_download_pdf
from livrets.livret2.pdf.export import livret_export
from portal.pdf.export import export_response, progress_response


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
    livret = _readable(request, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return export_response(request, livret_export(livret, reader=request.user))


def livret_pdf_progress(request, pk: int):
    livret = _readable(request, pk)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    return progress_response(request, livret_export(livret, reader=request.user))
