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

WeasyPrint also builds the tree page by page, so an element laid out over two pages becomes
two elements (a table cut by a page break is two ``Table``, the first one sometimes a
caption without rows), and it tags the running heads, page numbers and a table header
repeated on the next page as content. ``fragments`` merges each later page's piece into
the element's first one; ``mark_artifacts`` (called between layout and painting) makes the
margin boxes and repeated table headers ``/Artifact`` marked content, out of the tree.

``finish`` is the ``write_pdf`` finisher: page labels 1, 2, 3… as the footer prints them,
and the merged pieces emptied. Django-free. The PDF tests read the structure tree back: a
WeasyPrint upgrade that changes ``_build_box_tree`` or ``Stream.marked`` fails them rather
than silently dropping the structure.
"""

from __future__ import annotations

from contextlib import contextmanager

import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags as weasyprint_tags
from weasyprint.pdf.stream import Stream

from . import fragments

# A laid-out box with this attribute is painted as an artifact with these properties.
ARTIFACT = "portal_artifact"

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


def _is_own(box) -> bool:
    """Whether the elements WeasyPrint yields for ``box`` are made for it, not its children."""
    return not (
        box.element is None
        or isinstance(box, (boxes.PageBox, boxes.MarginBox))
        or box.element_tag in ("html", "body")
    )


def _build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
    if getattr(box, ARTIFACT, None) is not None:
        fragments.stand_in_cells(box)  # painted as an artifact: nothing to tag
        return
    for element in _original(box, parent, pdf, page_number, nums, annotations, tags):
        if not _is_own(box):
            yield element
            continue
        complete(box, element)
        if element["S"] == "/Table":
            fragments.share_header_ids(pdf, box)
        if not fragments.merged(pdf, box, element, page_number):
            yield element


_original_marked = Stream.marked


@contextmanager
def _marked(self, box, tag):
    """WeasyPrint's ``marked``, an ``/Artifact`` sequence for a box ``mark_artifacts`` set."""
    properties = getattr(box, ARTIFACT, None)
    if properties is None or self._tags is None:
        with _original_marked(self, box, tag):
            yield
        return
    self.begin_marked_content("Artifact", pydyf.Dictionary(properties))
    try:
        yield
    finally:
        self.end_marked_content()


def install() -> None:
    """Wrap WeasyPrint's tagging (idempotent); its recursion goes through the wrapper too."""
    weasyprint_tags._build_box_tree = _build_box_tree
    Stream.marked = _marked


def _flag(box, properties: dict) -> None:
    for descendant in box.descendants():
        setattr(descendant, ARTIFACT, properties)


def _subtype(at_keyword: str) -> dict:
    """A top margin box is a running head, a bottom one a running foot (ISO 32000-1, table
    330); the side boxes have no subtype."""
    for start, subtype in (("@top", "/Header"), ("@bottom", "/Footer")):
        if at_keyword.startswith(start):
            return {"Subtype": subtype}
    return {}


def mark_artifacts(document) -> None:
    """Between layout and painting: running heads and page numbers (the page's margin boxes)
    and a table header repeated on a later page become pagination artifacts (ISO 32000-1,
    14.8.2.2), which screen readers skip and text search ignores."""
    seen_headers = set()
    for page in document.pages:
        for box in page._page_box.descendants():
            if isinstance(box, boxes.MarginBox):
                _flag(box, {"Type": "/Pagination", **_subtype(box.at_keyword)})
            elif isinstance(box, boxes.TableRowGroupBox) and box.is_header:
                if box.element in seen_headers:
                    _flag(box, {"Type": "/Pagination"})
                seen_headers.add(box.element)


def finish(document, pdf) -> None:
    """``write_pdf`` finisher: page labels, and the merged pieces of elements emptied."""
    page_labels(document, pdf)
    fragments.empty_orphans(pdf)


def page_labels(document, pdf) -> None:
    """``write_pdf`` finisher: page labels 1, 2, 3… matching the printed page numbers."""
    pdf.catalog["PageLabels"] = pydyf.Dictionary(
        {"Nums": pydyf.Array([0, pydyf.Dictionary({"S": "/D"})])}
    )
