"""The livret's print template, rendered to HTML and to PDF by the portal's render processes."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from livrets.livret2.pdf.content import build
from portal.pdf.render import html_to_pdf, render_html
from portal.pdf.worker import Rendered


def livret_html(livret, *, today: date | None = None) -> str:
    doc = build(livret, today=today or timezone.localdate())
    return render_html("pdf/livret.html", {"doc": doc})


def livret_pdf(livret, *, today: date | None = None) -> Rendered:
    """The livret's PDF, as the candidate downloads it."""
    return html_to_pdf(livret_html(livret, today=today))
