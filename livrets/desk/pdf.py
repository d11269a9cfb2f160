"""The « e-certif » file of a 000 candidature: the candidate's deposited file (the request's
PDF and, once finalised, the latest livret 2) followed by the evaluators' tool, rendered each
by the portal's PDF engine (tagged, PDF/UA) and joined with pikepdf into one tagged PDF: the
parts' structure trees kept, one bookmark per part."""

from __future__ import annotations

import io

import pikepdf
from pikepdf import Array, Dictionary, Name

from livrets.candidatures.models import Candidature
from livrets.livret2.models import Livret
from livrets.livret2.pdf.document import livret_html
from livrets.recevabilite.pdf import request_html
from portal.pdf.render import html_to_pdf
from portal.pdf.worker import PdfError

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


def _graft(out, src, *, into, offset: int) -> int:
    """Append ``src``'s pages to ``out`` and its structure tree under ``into`` (its top
    element becomes a ``Part``), its parent tree's keys shifted by ``offset``; the keys used."""
    start = len(out.pages)
    # With the named destinations its links use (the livret's table of contents); the
    # bookmarks are the joined file's own.
    out.add_pages_from(src, outlines="ignore")
    # The tree's page references land on the pages just copied (one copier per source).
    tree = out.copy_foreign(src.Root.StructTreeRoot)
    for top in tree.K:
        top.S, top.P = Name.Part, into
        into.K.append(top)
    pairs = list(tree.ParentTree.Nums)
    keys = [int(k) for k in pairs[0::2]]
    nums = into.P.ParentTree.Nums
    for key, value in zip(keys, pairs[1::2], strict=True):
        nums.extend([key + offset, value])
    for page in out.pages[start:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annot in page.obj.get("/Annots", []):
            if "/StructParent" in annot:
                annot.StructParent = int(annot.StructParent) + offset
    return max(keys, default=-1) + 1


def join(parts: list[tuple[str, bytes]], *, title: str = TITLE) -> bytes:
    """One tagged PDF of the parts (each a tagged PDF of the portal's engine), in order: their
    pages, their structure trees as the ``Part``s of one ``Document`` (so the joined file is
    read as the parts were), a bookmark at the start of each part, the first part's XMP."""
    out = pikepdf.new()
    root = out.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array()))
    root.ParentTree = out.make_indirect(Dictionary(Nums=Array()))
    document = out.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Document, P=root, K=Array())
    )
    root.K.append(document)
    starts, sources, offset = [], [], 0
    try:
        for name, data in parts:
            src = pikepdf.open(io.BytesIO(data))
            sources.append(src)  # open until the joined file is saved
            starts.append((name, len(out.pages)))
            offset += _graft(out, src, into=document, offset=offset)
        root.ParentTreeNextKey = offset
        out.Root.StructTreeRoot = root
        out.Root.MarkInfo = Dictionary(Marked=True)
        out.Root.Lang = pikepdf.String("fr")
        out.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        with out.open_outline() as outline:
            for name, page in starts:
                outline.root.append(pikepdf.OutlineItem(name, page))
        if "/Metadata" in sources[0].Root:
            out.Root.Metadata = out.copy_foreign(sources[0].Root.Metadata)
            with out.open_metadata(set_pikepdf_as_editor=False) as meta:
                meta["dc:title"] = title
        out.docinfo["/Title"] = title
        buffer = io.BytesIO()
        out.save(buffer)
        return buffer.getvalue()
    finally:
        for src in sources:
            src.close()


def ecertif_pdf(rq, *, grid_html: str) -> bytes:
    """The joined file; a part the join cannot read is the PDF failing (``PdfError``)."""
    parts = [(name, html_to_pdf(html).pdf) for name, html in parts_of(rq, grid_html=grid_html)]
    try:
        return join(parts)
    except pikepdf.PdfError as error:
        raise PdfError(f"e-certif: a part cannot be joined ({error})") from error
