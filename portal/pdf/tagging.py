"""PDF/UA structure that WeasyPrint's tagging leaves out, added while it tags the document.

WeasyPrint 70 tags a PDF/UA-1 document from the HTML (headings, lists, tables, links) but:
a table of contents is an ordinary list (no ``TOC``/``TOCI``); table header cells carry no
``/Scope``; a link annotation's ``/Contents`` is its target (``partie-1``), not its text;
and the document has no page labels. Each box passes through WeasyPrint's
``_build_box_tree`` with the structure element made for it; this module wraps that function
to complete the element from the HTML:

- ``<ol class="toc-list">`` becomes ``TOC``, its ``<li class="toc-item">`` ``TOCI``, the
  item's body ``Reference`` (PDF 1.7, 14.8.4.3.2);
- ``<th>`` gets ``/Scope /Column`` or ``/Row`` from its ``scope`` attribute;
- a link's annotation gets the link's text as ``/Contents`` (what a screen reader says).

``page_labels`` is a ``write_pdf`` finisher: pages labelled 1, 2, 3… as the footer prints
them. Django-free. The PDF tests read the structure tree back: a WeasyPrint upgrade that
changes ``_build_box_tree`` fails them rather than silently dropping the structure.
"""

from __future__ import annotations

import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags as weasyprint_tags

RETAG = {
    ("toc-list", "/L"): "/TOC",
    ("toc-item", "/LI"): "/TOCI",
    ("toc-item", "/LBody"): "/Reference",
}


def _classes(box) -> list[str]:
    return (box.element.get("class") or "").split()


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def complete(box, element) -> None:
    """Add to the structure element made for ``box`` what WeasyPrint leaves out."""
    if box.element is None or isinstance(box, (boxes.PageBox, boxes.MarginBox)):
        return
    if box.element_tag in ("html", "body"):
        return  # WeasyPrint yields their children's elements: already completed
    kind = element["S"]
    for name in _classes(box):
        if (name, kind) in RETAG:
            element["S"] = RETAG[(name, kind)]
    if kind == "/TH" and "A" in element:
        scope = box.element.get("scope", "col")
        element["A"]["Scope"] = "/Row" if scope in ("row", "rowgroup") else "/Column"
    if kind == "/Link" and box.link_annotation is not None:
        text = _text(box.element)
        if text:
            box.link_annotation["Contents"] = pydyf.String(text)


_original = weasyprint_tags._build_box_tree


def _build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
    for element in _original(box, parent, pdf, page_number, nums, annotations, tags):
        complete(box, element)
        yield element


def install() -> None:
    """Wrap WeasyPrint's tagging (idempotent); its recursion goes through the wrapper too."""
    weasyprint_tags._build_box_tree = _build_box_tree


def page_labels(document, pdf) -> None:
    """``write_pdf`` finisher: page labels 1, 2, 3… matching the printed page numbers."""
    pdf.catalog["PageLabels"] = pydyf.Dictionary(
        {"Nums": pydyf.Array([0, pydyf.Dictionary({"S": "/D"})])}
    )
