"""The livret's PDF download (the owner and the accompagnateurs they invited)."""

from __future__ import annotations

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404
from django.urls import reverse

from portal.pdf.response import pdf_response

from ..models import Livret
from .access import can_download_pdf
from .document import livret_html


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
        lambda: livret_html(livret),
        filename=f"livret-2-{livret.cqp.slug}-version-{livret.number}.pdf",
        back=reverse("livrets:detail", args=[livret.pk]),
    )
