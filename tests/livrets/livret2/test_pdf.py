"""The livret's PDF: faithful to the CQP's structure, tagged, safe, limited."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from livrets.livret2 import services
from livrets.livret2.pdf.content import typo
from livrets.livret2.pdf.document import livret_html, livret_pdf
from livrets.livret2.structure import SITUATION_FIELDS, section_fields
from portal.pdf import render as rendering
from portal.pdf.engine import write_pdf
from portal.pdf.fetcher import BASE_URL, resolve
from portal.pdf.render import static_roots
from tests.support.data import complete_cos, version_of
from tests.support.livret_pdf import ACCENTS, fill_everything
from tests.support.pdf import (
    assert_in_order,
    embedded_fonts,
    flat,
    page_pixels,
    pages_text,
    reader,
    watermark_pixels,
)

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]

CQPS = ["conseiller-offres-services", "assistant-formation", "assistant-industries-sante"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def expected_order(ref, livret) -> list[str]:
    """Every section, field, table row and situation, as the CQP orders them."""
    expected = []
    situations = list(livret.situations.all())
    for section in ref.livret_sections:
        expected.append(typo(section.title))
        for spec in section_fields(ref, section):
            if spec.widget == "yesno":
                expected.append(typo(spec.label))
            elif spec.key.endswith((".exemples", ".documents")):
                continue  # columns of the "activités réalisées" table
            else:
                expected.append(typo(spec.label))
        own = [s for s in situations if s.section_code == section.code]
        for number, _situation in enumerate(own, 1):
            expected.append(f"Situation {number}")
            for spec in SITUATION_FIELDS:
                expected += [typo(spec.label), f"{section.code} situation {number} {spec.key}"]
    return expected + ["Documents joints", "Déclaration sur l’honneur"]


@pytest.mark.parametrize("slug", CQPS)
def test_a_full_livret_has_every_part_in_order_tagged_with_embedded_fonts(
    referentials, candidate, slug
):
    livret = services.start_livret(owner=candidate, version=version_of(slug))
    fill_everything(livret)
    ref = livret.referential_version.referential
    pdf = livret_pdf(livret, today=date(2026, 3, 2)).pdf

    pages = pages_text(pdf)
    text = flat(" ".join(pages))
    # The table of contents comes first: check the order in the body, after it.
    body_start = text.index("Déclaration sur l’honneur") + 1
    assert_in_order(text, expected_order(ref, livret), start=body_start)
    assert ACCENTS in text
    assert "« œuvre »" in text and "cœur d’équipe" in text
    # Cover.
    assert ref.title in pages[0] and "Livret 2 – Dossier de validation" in pages[0]
    assert ref.certifier.name in pages[0] and "2 mars 2026" in pages[0]
    assert (ref.version_label or "non indiquée par la source") in flat(pages[0])
    assert livret.referential_version.label not in flat(pages[0])
    if ref.rncp:
        assert f"RNCP{ref.rncp}" in pages[0]
    # Footers agree with the page count; the running header names the CQP.
    count = len(pages)
    for number, page in enumerate(pages, 1):
        assert f"Page {number} sur {count}" in flat(page)
    assert all(ref.short_title in flat(p) for p in pages[1:])
    # Tagged PDF/UA with its metadata.
    document = reader(pdf)
    root = document.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "fr"
    assert root["/MarkInfo"]["/Marked"]
    meta = document.metadata
    assert meta.title == f"Livret 2 – Dossier de validation – {ref.title}"
    assert meta.author and ref.title in meta.subject
    # Bookmarks: every section and situation.
    outline = [item for item in document.outline if not isinstance(item, list)]
    assert [o.title for o in outline][: len(ref.livret_sections)] == [
        typo(s.title) for s in ref.livret_sections
    ]
    fonts = embedded_fonts(pdf)
    assert fonts and all(fonts.values()), fonts


def test_the_watermark_is_on_every_page_of_a_draft_and_gone_once_finalised(livret):
    complete_cos(livret)
    draft_pdf = livret_pdf(livret).pdf
    draft = pages_text(draft_pdf)
    assert "sera complétée lorsque le livret sera finalisé" in flat(" ".join(draft))
    # Drawn on every page as a background: an artifact, not words of the livret.
    assert not any("BROUILLON" in page for page in draft)
    drafted = [watermark_pixels(draft_pdf, n) for n in range(1, len(draft) + 1)]

    services.finalise(
        livret=livret, sworn_name="Alice Martin", sworn_on=date(2026, 3, 2), sworn_place="Bron"
    )
    final_pdf = livret_pdf(livret).pdf
    final = pages_text(final_pdf)
    finals = [watermark_pixels(final_pdf, n) for n in range(1, len(final) + 1)]
    # Page by page, the same text with and without the word, which covers some thousands of
    # a page's 150,000 pixels at 40 dpi.
    assert len(drafted) == len(finals)
    assert all(d - f > 1_500 for d, f in zip(drafted, finals, strict=True)), (drafted, finals)
    sworn = flat(final[-1])
    assert "Je soussigné(e) Alice Martin déclare conformes et sincères" in sworn
    assert "Fait à Bron, le 2 mars 2026." in sworn


def test_the_table_of_contents_gives_the_page_of_each_part(referentials, candidate):
    livret = services.start_livret(owner=candidate, version=version_of("assistant-formation"))
    fill_everything(livret)
    ref = livret.referential_version.referential
    pages = [flat(p) for p in pages_text(livret_pdf(livret).pdf)]
    toc = pages[1]
    assert toc.startswith("Sommaire")
    titles = [typo(s.title) for s in ref.livret_sections]
    for title in [*titles, "Documents joints", "Déclaration sur l’honneur"]:
        found = re.search(re.escape(flat(title)) + r" (\d+)", toc)
        assert found, f"{title!r} has no page number in {toc[:300]!r}"
        number = int(found.group(1))
        # The part's heading, under the running header, starts that page.
        assert flat(title) in pages[number - 1][:400], (title, number)


def test_the_memory_savings_change_nothing_in_the_file(referentials, candidate, monkeypatch):
    from weasyprint import HTML

    from portal.pdf import engine, tagging
    from portal.pdf.engine import PDF_VARIANT
    from portal.pdf.fetcher import StaticOnlyFetcher

    monkeypatch.setattr(engine, "LONG_DOCUMENT_PAGES", 1)

    livret = services.start_livret(owner=candidate, version=version_of("assistant-formation"))
    fill_everything(livret)
    html = livret_html(livret, today=date(2026, 3, 2))
    roots = static_roots()
    fetcher = StaticOnlyFetcher(roots=roots, static_url="/static/")
    # WeasyPrint as the engine calls it (its artifacts and finisher), without the memory savings.
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        pdf_variant=PDF_VARIANT
    )
    tagging.mark_artifacts(document)
    bare = document.write_pdf(pdf_variant=PDF_VARIANT, finisher=tagging.finish)
    assert write_pdf(html, roots=roots, static_url="/static/") == bare


def test_a_render_process_that_grew_past_its_limit_is_replaced(referentials):
    from portal.pdf.worker import RenderPool

    html = "<html lang='fr'><title>t</title><p>Une page.</p></html>"
    kept = RenderPool(roots=static_roots(), static_url="/static/", size=1, recycle_mib=10_000)
    replaced = RenderPool(roots=static_roots(), static_url="/static/", size=1, recycle_mib=1)
    try:
        first, second = (kept.render(html, time_limit=60) for _ in range(2))
        assert first.process == second.process
        first, second = (replaced.render(html, time_limit=60) for _ in range(2))
        assert first.process != second.process
        assert second.pdf.startswith(b"%PDF-")
    finally:
        kept.close()
        replaced.close()


def test_hostile_text_is_shown_as_text_and_nothing_is_fetched(referentials, candidate):
    livret = services.start_livret(owner=candidate, version=version_of("assistant-formation"))
    markup = '<script>alert("x")</script>\n<img src="file:///etc/passwd">'
    word = "W" * 10_000
    long_cell = " ".join(f"Exemple{n:04d}." for n in range(700))
    answers = {
        ("motivation", "raisons"): f"Premier paragraphe.\n\n{markup}\nDernière ligne.",
        ("contexte", "description"): word,
        ("competence-1", "C1.I1.realise"): "oui",
        ("competence-1", "C1.I1.exemples"): long_cell,
    }
    for (section, key), text in answers.items():
        services.save_answer(livret=livret, section=section, key=key, text=text, base_version=0)
    html = livret_html(livret)
    assert "<script>" not in html and "&lt;script&gt;" in html

    fetched: list[str] = []
    pdf = write_pdf(html, roots=static_roots(), static_url="/static/", log=fetched)
    # The stylesheet and the draft's watermark, both the project's own static files.
    assert fetched == [f"{BASE_URL}static/css/pdf.css", f"{BASE_URL}static/pdf/brouillon.png"]
    text = " ".join(pages_text(pdf))
    assert '<script>alert("x")</script>' in flat(text)
    assert '<img src="file:///etc/passwd">' in flat(text)
    assert "root:" not in text
    # The 10,000-character word wraps across lines and pages, nothing cut off.
    assert text.count("W") == 10_000
    assert max(len(run) for run in re.findall(r"W+", re.sub(r"\s+", "", text))) >= 2_000
    # The long table cell breaks across pages, to its last word.
    assert "Exemple0000." in text and "Exemple0699." in text


def test_the_url_fetcher_serves_only_the_project_static_files(settings):
    roots = static_roots()
    assert all("site-packages" not in r for r in roots)
    assert resolve(f"{BASE_URL}static/css/pdf.css", roots=roots, static_url="/static/")
    for url in (
        "file:///etc/passwd",
        "https://example.com/static/css/pdf.css",
        "http://127.0.0.1:8000/static/css/pdf.css",
        f"{BASE_URL}static/../portal/settings/base.py",
        f"{BASE_URL}static/%2e%2e/portal/settings/base.py",
        f"{BASE_URL}static//etc/passwd",
        f"{BASE_URL}media/livrets/x.pdf",
        f"{BASE_URL}static/admin/css/base.css",
        f"{BASE_URL}static/css/pdf.css?x=1",
        "data:text/css,body{}",
    ):
        assert resolve(url, roots=roots, static_url="/static/") is None, url


def test_only_the_owner_gets_the_pdf(client_of, livret, other_candidate, candidate):
    url = reverse("livrets:pdf", args=[livret.pk])
    assert client_of(other_candidate).get(url).status_code == 404
    assert client_of(other_candidate).post(url).status_code == 404
    response = client_of(candidate).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert "attachment;" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    detail = client_of(candidate).get(reverse("livrets:detail", args=[livret.pk]))
    assert f'href="{url}"' in detail.text and "Télécharger le PDF" in detail.text


def test_the_eleventh_export_in_an_hour_is_refused(client_of, livret, candidate, monkeypatch):
    rendered = rendering.Rendered(b"%PDF-1.7 stub", 0.0, 0.0)
    monkeypatch.setattr(rendering, "html_to_pdf", lambda html: rendered)
    client = client_of(candidate)
    url = reverse("livrets:pdf", args=[livret.pk])

    def change(n: int) -> None:  # each export renders: the livret changed since the last
        services.save_answer(
            livret=livret, section="motivation", key="raisons", text=f"Raison {n}", base_version=n
        )

    for n in range(10):
        change(n)
        assert client.get(url).status_code == 200
    # The PDF kept for an unchanged livret costs no render: not counted.
    assert client.get(url).status_code == 200
    change(10)
    refused = client.get(url)
    assert refused.status_code == 429
    assert "au cours de la dernière heure" in refused.text
    assert refused["Retry-After"] == "3600"


def test_past_the_time_limit_the_candidate_gets_a_message_and_the_server_keeps_serving(
    client_of, livret, candidate, settings
):
    complete_cos(livret)
    client = client_of(candidate)
    url = reverse("livrets:pdf", args=[livret.pk])
    settings.PDF_TIME_LIMIT_SECONDS = 0.05
    response = client.get(url)
    assert response.status_code == 503
    assert "a pris trop de temps" in response.text
    settings.PDF_TIME_LIMIT_SECONDS = 60
    assert client.get(url).status_code == 200


def test_past_the_memory_limit_the_render_stops_cleanly(referentials):
    from portal.pdf.worker import PdfTooLarge, RenderPool

    pool = RenderPool(roots=static_roots(), static_url="/static/", size=1, memory_mib=48)
    try:
        huge = "<html lang='fr'><body>" + "<p>Une ligne de texte.</p>" * 200_000 + "</body></html>"
        with pytest.raises(PdfTooLarge):
            pool.render(huge, time_limit=60)
    finally:
        pool.close()


def test_a_rendered_page_is_not_blank(livret):
    complete_cos(livret)
    pixels = page_pixels(livret_pdf(livret).pdf, 3)
    dark = sum(1 for p in pixels if p < 128)
    # Text on a white page: some hundreds of dark pixels at 40 dpi, most pixels light.
    assert 200 < dark < len(pixels) // 4, f"{dark} dark pixels of {len(pixels)}"
