"""The « e-certif » file of a 000 candidature: the candidate's deposited file (the request's
PDF and, once finalised, the latest livret 2) followed by the evaluators' tool, rendered each
by the portal's PDF engine and joined with pikepdf into one PDF, one bookmark per part."""

from __future__ import annotations

import io

import pikepdf

from livrets.candidatures.models import Candidature
from livrets.livret2.models import Livret
from livrets.livret2.pdf.document import livret_html
from livrets.recevabilite.pdf import request_html
from portal.pdf.render import html_to_pdf

TITLE = "Dossier pour « e-certif »"


def deposited_livret(c: Candidature) -> Livret | None:
    return (
        Livret.objects.filter(candidature=c, status=Livret.Status.FINALISED)
        .order_by("-number", "-pk")
        .first()
    )


def parts_of(rq, *, grid_html: str) -> list[tuple[str, str]]:
    """(bookmark title, print HTML) of each part, in the file's order."""
    parts = [("Demande de recevabilité", request_html(rq))]
    if livret := deposited_livret(rq.candidature):
        parts.append((f"Livret 2, version {livret.number}", livret_html(livret)))
    parts.append(("Évaluation des compétences du candidat", grid_html))
    return parts


def join(parts: list[tuple[str, bytes]], *, title: str = TITLE) -> bytes:
    """One PDF of the parts' pages, in order, with a bookmark at the start of each part."""
    out = pikepdf.new()
    starts, sources = [], []
    try:
        for name, data in parts:
            src = pikepdf.open(io.BytesIO(data))
            sources.append(src)  # open until the joined file is saved
            starts.append((name, len(out.pages)))
            out.pages.extend(src.pages)
        with out.open_outline() as outline:
            for name, page in starts:
                outline.root.append(pikepdf.OutlineItem(name, page))
        out.docinfo["/Title"] = title
        out.Root.Lang = pikepdf.String("fr-FR")
        buffer = io.BytesIO()
        out.save(buffer)
        return buffer.getvalue()
    finally:
        for src in sources:
            src.close()


def ecertif_pdf(rq, *, grid_html: str) -> bytes:
    return join([(name, html_to_pdf(html).pdf) for name, html in parts_of(rq, grid_html=grid_html)])
