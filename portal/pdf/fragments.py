"""One structure element per HTML element, however many pages it is laid out on.

WeasyPrint tags each page on its own: an element cut by a page break gets one structure
element per page (a ``Table`` per page, the first one sometimes a caption without rows),
which a screen reader announces as so many tables. While the tree is built, ``merged``
moves a later page's piece into the element's first piece (its children keep their page
through their own ``/Pg``); the piece left is emptied once the tree is built. An element
holding marked content directly (a link) is left as it is: its content belongs to the page
of its ``/Pg``.

Table headers: WeasyPrint gives each header cell an ``/ID`` per piece of table and each data
cell ``/Headers`` pointing to its own piece's cells. ``share_header_ids`` points every data
cell to the header cells of the table's first piece, the ones kept in the tree; a header
repeated on a later page is an artifact (``tagging.mark_artifacts``) and gets a stand-in
that WeasyPrint can write its ``/ID`` into (``stand_in_cells``).

The state lives for one PDF (``pdf``), in a weak dictionary. Django-free.
"""

from __future__ import annotations

import weakref

import pydyf
from weasyprint.formatting_structure import boxes

# Per PDF being written: (HTML element, role) -> (page number, first structure element).
_firsts: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# Per PDF being written: the pieces merged into their first one.
_orphans: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _object(pdf, reference):
    return pdf.objects[int(bytes(reference).split()[0])]


def _first(pdf, element, role: str):
    return _firsts.setdefault(pdf, {}).get((element, role))


def merged(pdf, box, element, page_number: int) -> bool:
    """Whether ``element`` (made for ``box`` on ``page_number``) went into its first piece."""
    role = str(element["S"])
    firsts = _firsts.setdefault(pdf, {})
    key = (box.element, role)
    first = firsts.get(key)
    if first is None:
        firsts[key] = (page_number, element)
        return False
    page, target = first
    kids = element["K"]
    if page == page_number or any(isinstance(kid, int) for kid in kids):
        return False
    for kid in kids:
        target["K"].append(kid)
        child = _object(pdf, kid)
        if child.get("Type") == "/StructElem":
            child["P"] = target.reference
    element["K"] = pydyf.Array()
    _orphans.setdefault(pdf, []).append(element)
    return True


def empty_orphans(pdf) -> None:
    """Once the tree is built (a ``write_pdf`` finisher): the merged pieces, which nothing
    refers to any more, become empty dictionaries. Emptied, not freed: pydyf's compressed
    cross-reference stream still counts a freed object, and the offsets would shift. The
    PDF's state is dropped."""
    _firsts.pop(pdf, None)
    for element in _orphans.pop(pdf, []):
        element.clear()


def stand_in_cells(box) -> None:
    """A repeated header, not tagged: WeasyPrint's header mapping still writes to its cells."""
    for cell in box.descendants():
        if isinstance(cell, boxes.TableCellBox):
            cell.mark = pydyf.Dictionary({"A": pydyf.Dictionary()})


def _cells(table_box):
    for box in table_box.descendants():
        if isinstance(box, boxes.TableCellBox) and hasattr(box, "mark"):
            yield box


def share_header_ids(pdf, table_box) -> None:
    """Data cells of this piece of table point to the header cells kept in the tree."""
    kept = {}
    for cell in _cells(table_box):
        if cell.element_tag != "th" or "ID" not in cell.mark:
            continue
        first = _first(pdf, cell.element, "/TH")
        target = first[1] if first else cell.mark
        if target is not cell.mark and "ID" in target:
            kept[str(cell.mark["ID"].string)] = target["ID"]
    if not kept:
        return
    for cell in _cells(table_box):
        headers = cell.mark["A"].get("Headers")
        if cell.element_tag == "td" and headers:
            cell.mark["A"]["Headers"] = pydyf.Array([kept.get(str(h.string), h) for h in headers])
