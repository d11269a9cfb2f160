"""The self-check result's PDF, made by the portal's shared PDF machinery (``portal.pdf``).

Same print stylesheet, URL fetcher, render processes with their time and memory limits,
per-user export limit, cache and progress page as the livret's PDF. The result lives in the
requester's session: its cache slot is the requester's (``limits.requester_key``), and its
revision the hash of the print HTML itself, which holds every answer, the verdict and the date.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from portal.pdf import limits
from portal.pdf.export import PdfExport, export_response, printed, progress_response
from portal.pdf.render import render_html

TEMPLATE = "pdf/selfcheck_result.html"


def result_html(context: dict) -> str:
    return render_html(TEMPLATE, {**context, "printed_on": timezone.localdate()})


def result_export(request, context: dict) -> PdfExport:
    return printed(
        slot=f"selfcheck:{limits.requester_key(request)}",
        html=result_html(context),
        filename=f"eligibilite-{context['referential'].slug}.pdf",
        download_url=reverse("selfcheck:result_pdf"),
        progress_url=reverse("selfcheck:result_pdf_progress"),
        back=reverse("selfcheck:result"),
    )


def result_response(request, context: dict) -> HttpResponse:
    return export_response(request, result_export(request, context))


def progress_page(request, context: dict) -> HttpResponse:
    return progress_response(request, result_export(request, context))
