"""The shared PDF engine's tagging (``portal.pdf.tagging``, ``portal.pdf.fragments``) on a
small document: a table over several pages stays one table, its header repeated on each page
is an artifact, the running head and page numbers are artifacts."""

from __future__ import annotations

from portal.pdf.engine import write_pdf
from tests.support.pdf import reader
from tests.support.pdf_structure import (
    PAGE_NUMBER,
    TableShape,
    elements,
    orphan_elements,
    pdfua_report,
    shown_text,
    tables,
    unresolved_headers,
)

ROWS = 60
HTML = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Essai de tableau</title>
<style>
@page {{ size: A6; margin: 15mm 10mm;
  @top-left {{ content: "En-tête courant"; }}
  @bottom-right {{ content: "Page " counter(page) " sur " counter(pages); }} }}
</style></head>
<body><h1>Essai</h1><main><h2>Un long tableau</h2>
<table><caption>Les éléments et leur note</caption>
<thead><tr><th scope="col">Élément</th><th scope="col">Note</th></tr></thead>
<tbody>{rows}</tbody></table><p>Après le tableau.</p></main></body></html>"""


def render() -> bytes:
    rows = "".join(
        f'<tr><th scope="row">Élément {n}</th><td>Acquis</td></tr>' for n in range(1, ROWS + 1)
    )
    return write_pdf(HTML.format(rows=rows), roots=(), static_url="/static/")


def test_a_table_over_several_pages_is_one_table_its_repeated_header_an_artifact():
    pdf = render()
    assert len(reader(pdf).pages) >= 3
    assert tables(pdf) == [TableShape(captions=1, header_groups=1, rows=ROWS + 1)]
    tree = elements(pdf)
    assert [str(e["/S"]) for e in tree].count("/Part") == 1  # <main>, not one per page
    assert [str(e["/S"]) for e in tree].count("/TH") == 2 + ROWS
    # Every data cell names header cells kept in the tree, on later pages too.
    assert unresolved_headers(pdf) == []
    shown = shown_text(pdf)
    repeated = [s for s in shown if s.text == "Note" and s.page > 1]
    assert repeated and all(s.artifact == "artifact" for s in repeated)
    assert [s for s in shown if s.text == "Note" and s.tagged] == [
        s for s in shown if s.text == "Note" and s.page == 1
    ]


def test_running_heads_and_page_numbers_are_pagination_artifacts():
    pdf = render()
    shown = shown_text(pdf)
    pages = len(reader(pdf).pages)
    heads = [s for s in shown if s.text == "En-tête courant"]
    numbers = [s for s in shown if PAGE_NUMBER.fullmatch(s.text)]
    assert [s.page for s in heads] == [s.page for s in numbers] == list(range(1, pages + 1))
    assert {s.artifact for s in heads} == {"/Header"}
    assert {s.artifact for s in numbers} == {"/Footer"}
    assert [s for s in shown if s.artifact is None and not s.tagged] == []
    # No structure element left out of the tree for them, nor for the table's later pieces.
    assert orphan_elements(pdf) == 0
    assert list(pdfua_report(pdf).findings) == []
