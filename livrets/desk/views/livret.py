"""The livret 2 deposited, as the staff of its CQP read it: its PDF (the candidate's own
export, served from the desk's addresses) and its documents."""

from __future__ import annotations

import dataclasses

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import render
from django.urls import reverse

from livrets.desk import jury_selectors, selectors
from livrets.desk.views.common import staff_view
from livrets.livret2.models import Document
from livrets.livret2.pdf.export import livret_export
from livrets.livret2.views.documents import document_response
from portal.pdf.export import PdfExport, export_response, progress_response
from portal.sessions import base_context


def _livret(request, rpk: int):
    rq = selectors.request_at_desk(request.user, rpk)
    return rq, jury_selectors.livret_at_desk(rq.candidature)


@staff_view
def livret(request, rpk: int):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    rq, lv = _livret(request, rpk)
    return render(
        request,
        "desk/livret.html",
        {
            **base_context(request),
            "rq": rq,
            "c": rq.candidature,
            "livret": lv,
            "documents": list(lv.documents.order_by("section_code", "pk")),
        },
    )


def _pdf_export(rq, lv) -> PdfExport:
    return dataclasses.replace(
        livret_export(lv),
        download_url=reverse("desk:livret_pdf", args=[rq.pk]),
        progress_url=reverse("desk:livret_pdf_progress", args=[rq.pk]),
        back=reverse("desk:livret", args=[rq.pk]),
    )


@staff_view
def pdf(request, rpk: int):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    rq, lv = _livret(request, rpk)
    return export_response(request, _pdf_export(rq, lv))


@staff_view
def pdf_progress(request, rpk: int):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    rq, lv = _livret(request, rpk)
    return progress_response(request, _pdf_export(rq, lv))


@staff_view
def document(request, rpk: int, did: int):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    _, lv = _livret(request, rpk)
    found = Document.objects.filter(livret=lv, pk=did).first()
    if found is None:
        raise Http404
    return document_response(found)
