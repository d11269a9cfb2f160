"""The livret's PDF read as a screen reader does: its structure tree (PDF/UA)."""

from __future__ import annotations

from datetime import date

import pytest

from livrets.livret2 import services
from livrets.livret2.pdf.document import livret_pdf
from tests.support.data import fill_situation, version_of
from tests.support.livret_pdf import fill_everything
from tests.support.pdf import flat, pages_text, reader

pytestmark = pytest.mark.django_db


def structure(pdf: bytes) -> list[tuple[int, dict]]:
    """Every structure element, depth first, with its depth: (depth, element)."""
    root = reader(pdf).trailer["/Root"]["/StructTreeRoot"]
    found = []

    def walk(node, depth):
        kids = node.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and kid.get("/Type") == "/StructElem":
                found.append((depth, kid))
                walk(kid, depth + 1)

    walk(root, 0)
    return found


def kinds(pdf: bytes) -> list[str]:
    return [str(e["/S"]) for _, e in structure(pdf)]


def full_pdf(slug: str, candidate) -> bytes:
    livret = services.start_livret(owner=candidate, version=version_of(slug))
    fill_everything(livret)
    return livret_pdf(livret, today=date(2026, 3, 2)).pdf


def test_the_structure_of_a_full_livret(referentials, candidate):
    """One render (they cost seconds), every check of its structure tree."""
    pdf = full_pdf("conseiller-offres-services", candidate)
    assert_headings_never_skip_and_labels_are_not_headings(pdf)
    assert_the_table_of_contents_is_toc_and_toci(pdf)
    assert_links_say_where_they_go_in_words(pdf)
    assert_pages_are_labelled_as_printed(pdf)


def test_table_header_cells_have_a_scope(referentials, candidate):
    # assistant-formation: the « activités réalisées » tables, headers of columns and rows.
    pdf = full_pdf("assistant-formation", candidate)
    scopes = [str(e["/A"].get("/Scope")) for _, e in structure(pdf) if e["/S"] == "/TH"]
    assert scopes and "None" not in scopes
    assert {"/Column", "/Row"} <= set(scopes)


def assert_headings_never_skip_and_labels_are_not_headings(pdf):
    levels = [int(k[2]) for k in kinds(pdf) if k in ("/H1", "/H2", "/H3", "/H4", "/H5")]
    assert levels[0] == 1
    skips = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert skips == []
    # Six situations: one H3 each; the labels of their fields are paragraphs.
    assert levels.count(3) == 6
    assert 4 not in levels


def assert_the_table_of_contents_is_toc_and_toci(pdf):
    tree = structure(pdf)
    found = [str(e["/S"]) for _, e in tree]
    assert "/TOC" in found
    # Every section, the documents and the declaration; then nested, each situation.
    assert found.count("/TOCI") >= 7 + 2 + 6
    for _, element in tree:
        if element["/S"] == "/TOCI":
            assert element["/P"].get_object()["/S"] == "/TOC"
    assert "/L" not in [str(e["/S"]) for _, e in tree if _is_under(e, "/TOC")]


def _is_under(element, kind: str) -> bool:
    parent = element.get("/P")
    while parent is not None:
        parent = parent.get_object()
        if parent.get("/S") == kind:
            return True
        parent = parent.get("/P")
    return False


def assert_links_say_where_they_go_in_words(pdf):
    contents = [
        str(annotation.get_object().get("/Contents", ""))
        for page in reader(pdf).pages
        for annotation in page.get("/Annots", [])
        if annotation.get_object()["/Subtype"] == "/Link"
    ]
    assert len(contents) >= 15
    assert "Situation 1" in contents and "Déclaration sur l’honneur" in contents
    assert not [c for c in contents if c.startswith(("partie-", "situation-")) or not c]


def assert_pages_are_labelled_as_printed(pdf):
    document = reader(pdf)
    assert document.page_labels[:3] == ["1", "2", "3"]
    assert len(document.page_labels) == len(document.pages)


def test_a_situations_part_without_situation_says_so(referentials, candidate):
    livret = services.start_livret(
        owner=candidate, version=version_of("conseiller-offres-services")
    )
    fill_situation(livret, "activite-1")
    text = flat(" ".join(pages_text(livret_pdf(livret, today=date(2026, 3, 2)).pdf)))
    # Activities 2, 3 and 4 have no situation: each says « Non renseigné » (its other
    # fields say « Aucune case cochée »), where activity 1 shows its situation.
    titles = [
        flat(s.title.replace("'", "’"))
        for s in livret.referential_version.referential.livret_sections
    ]
    body = text[text.index("Déclaration sur l’honneur") :]  # after the table of contents
    starts = [body.index(t) for t in titles] + [body.index("Documents joints")]
    parts = {
        s.code: body[a:b]
        for s, a, b in zip(
            livret.referential_version.referential.livret_sections, starts, starts[1:], strict=False
        )
    }
    assert "Situation 1" in parts["activite-1"] and "Non renseigné" not in parts["activite-1"]
    for code in ("activite-2", "activite-3", "activite-4"):
        assert "Non renseigné" in parts[code] and "Situation 1" not in parts[code], code
