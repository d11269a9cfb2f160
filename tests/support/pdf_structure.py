"""A PDF read as a screen reader does: its structure tree, what is tagged and what is an
artifact, and the outside checker pdfua (PyPI: PDF/UA-1's machine-checkable rules)."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.support.pdf import reader

HEADINGS = ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")
ROW_GROUPS = ("/THead", "/TBody", "/TFoot")
PAGE_NUMBER = re.compile(r"Page \d+ sur \d+")


def _kids(node) -> list:
    kids = node.get("/K")
    if kids is None:
        return []
    kids = kids if isinstance(kids, list) else [kids]
    return [k.get_object() if hasattr(k, "get_object") else k for k in kids]


def _is_element(kid) -> bool:
    return isinstance(kid, dict) and kid.get("/Type") == "/StructElem"


def elements(pdf: bytes) -> list[dict]:
    """Every structure element of the tree, depth first."""
    found = []

    def walk(node):
        for kid in _kids(node):
            if _is_element(kid):
                found.append(kid)
                walk(kid)

    walk(reader(pdf).trailer["/Root"]["/StructTreeRoot"])
    return found


def children(element, role: str | None = None) -> list[dict]:
    return [k for k in _kids(element) if _is_element(k) and role in (None, k["/S"])]


def heading_levels(pdf: bytes) -> list[int]:
    return [int(str(e["/S"])[2]) for e in elements(pdf) if e["/S"] in HEADINGS]


def heading_skips(levels: list[int]) -> list[tuple[int, int]]:
    """Where a heading goes down more than one level (H2 then H4), and a first heading not H1."""
    skips = [(0, levels[0])] if levels and levels[0] != 1 else []
    return skips + [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]


def marks_content(element) -> bool:
    """Whether the element or one of its descendants holds marked content (an MCID)."""
    for kid in _kids(element):
        if isinstance(kid, int) or (isinstance(kid, dict) and kid.get("/Type") == "/MCR"):
            return True
        if _is_element(kid) and marks_content(kid):
            return True
    return False


def rows(table) -> list[dict]:
    direct = children(table, "/TR")
    return direct + [
        r
        for g in _kids(table)
        if _is_element(g)
        for r in children(g, "/TR")
        if g["/S"] in ROW_GROUPS
    ]


@dataclass(frozen=True)
class TableShape:
    captions: int
    header_groups: int
    rows: int


def tables(pdf: bytes) -> list[TableShape]:
    return [
        TableShape(len(children(t, "/Caption")), len(children(t, "/THead")), len(rows(t)))
        for t in elements(pdf)
        if t["/S"] == "/Table"
    ]


def unresolved_headers(pdf: bytes) -> list[str]:
    """Header ids a data cell names that no header cell of the tree carries."""
    tree = elements(pdf)
    ids = {str(e["/ID"]) for e in tree if e["/S"] == "/TH" and "/ID" in e}
    named = [
        str(h)
        for e in tree
        if e["/S"] == "/TD" and "/A" in e
        for h in e["/A"].get_object().get("/Headers", [])
    ]
    return [h for h in named if h not in ids]


@dataclass(frozen=True)
class Shown:
    """A piece of text drawn on a page, and how it is marked."""

    page: int
    text: str
    artifact: str | None  # the artifact's /Subtype (or "artifact"), None when tagged
    tagged: bool


def shown_text(pdf: bytes) -> list[Shown]:
    """Every piece of text drawn, with the marked-content sequence around it."""
    shown = []
    for number, page in enumerate(reader(pdf).pages, start=1):
        stack: list[tuple[str, str | None]] = []

        def before(operator, operands, cm, tm, stack=stack):
            if operator in (b"BDC", b"BMC"):
                properties = operands[1] if len(operands) > 1 else {}
                properties = properties.get_object() if hasattr(properties, "get_object") else {}
                subtype = properties.get("/Subtype") if hasattr(properties, "get") else None
                stack.append((str(operands[0]), str(subtype) if subtype else None))
            elif operator == b"EMC" and stack:
                stack.pop()

        def text(chunk, cm, tm, font, size, stack=stack, number=number):
            if not chunk.strip():
                return
            outer = stack[0] if stack else None
            artifact = outer is not None and outer[0] == "/Artifact"
            shown.append(
                Shown(
                    number,
                    chunk.strip(),
                    (outer[1] or "artifact") if artifact else None,
                    outer is not None and not artifact,
                )
            )

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return shown


def orphan_elements(pdf: bytes) -> int:
    """Structure elements in the file that the tree does not reach."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        reached, todo = set(), [document.Root.StructTreeRoot]
        while todo:
            node = todo.pop()
            kids = node.get("/K")
            kids = [] if kids is None else kids if isinstance(kids, pikepdf.Array) else [kids]
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                    reached.add(kid.objgen)
                    todo.append(kid)
        return sum(
            1
            for o in document.objects
            if isinstance(o, pikepdf.Dictionary)
            and o.get("/Type") == "/StructElem"
            and o.objgen not in reached
        )


def pdfua_report(pdf: bytes):
    """pdfua's report on the PDF (its library API: the same checks as ``pdfua check``)."""
    from pdfua import validate

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "document.pdf"
        path.write_bytes(pdf)
        return validate(str(path))
