"""The self-check result's PDF, made by the portal's shared PDF machinery (``portal.pdf``).

Same print stylesheet, URL fetcher, render processes with their time and memory limits, and
per-user export limit as the livret's PDF.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from portal.pdf.render import render_html
from portal.pdf.response import pdf_response

TEMPLATE = "pdf/selfcheck_result.html"


def result_html(context: dict) -> str:
    return render_html(TEMPLATE, {**context, "printed_on": timezone.localdate()})


def result_response(request, context: dict) -> HttpResponse:
    return pdf_response(
        request,
        lambda: result_html(context),
        filename=f"eligibilite-{context['referential'].slug}.pdf",
        back=reverse("selfcheck:result"),
    )
