"""Figures for `make bench`: the livret PDF against bare WeasyPrint and Chromium.

Two generated livrets (about 30 and 120 pages: every field filled, long texts) go through
the project's export path (`render.livret_pdf`: the livret read from the database, the print
template, a render
process under its limits, the bytes back) and, in the same run, their HTML goes straight
through WeasyPrint in this process, with the same stylesheet and fetcher. Runs alternate and
the median of each is kept, so that the machine's speed and load cancel out in the ratio.
The peak is the render process's maximum resident memory (each render has its own process,
so the figure is that document's alone). Chromium prints the same HTML
through Playwright (browser already started; only the page load and the print are timed).
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import time
import uuid

FIGURES = tuple(
    f"pdf_{label}_{what}"
    for label in ("30p", "120p")
    for what in ("pages", "seconds", "weasyprint_seconds", "ratio", "peak_mib")
) + ("pdf_30p_chromium_seconds", "pdf_30p_vs_chromium")
# Rounds per size: the short document's times are the noisier, at this machine's scale.
ROUNDS = {"30p": 11, "120p": 5}
PARAGRAPH = (
    "J’ai accueilli l’assurée, vérifié son dossier et expliqué les pièces manquantes ; "
    "nous avons ensuite fixé ensemble un rendez-vous « de suivi » pour la semaine suivante. "
)


def _pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


# The CQP with the most fields (six compétences, their tables and questions): a long livret
# within the rules (each part has its number of situations, each field its length).
SLUG = "assistant-formation"


def _livret(owner, paragraphs: int):
    """Every field filled, each multiline one with ``paragraphs`` more paragraphs."""
    from livrets.livret2 import services
    from tests.support.data import version
    from tests.support.livret_pdf import fill_everything

    livret = services.start_livret(owner=owner, version=version(SLUG))
    fill_everything(livret, long_text="\n\n".join(PARAGRAPH * 3 for _ in range(paragraphs)))
    return livret


def _sized_livret(owner, target_pages: int):
    """A livret of about ``target_pages`` pages: two probes, then a proportional guess."""
    from livrets.livret2.pdf.document import livret_pdf

    short = _pages(livret_pdf(_livret(owner, 0)).pdf)
    longer = _pages(livret_pdf(_livret(owner, 2)).pdf)
    per_paragraph = max((longer - short) / 2, 0.5)
    return _livret(owner, max(0, round((target_pages - short) / per_paragraph)))


def _chromium_seconds(html: str) -> float | None:
    from playwright.sync_api import sync_playwright

    from portal.pdf.fetcher import resolve
    from portal.pdf.render import static_roots

    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        return None
    roots = static_roots()

    def serve(route):
        found = resolve(route.request.url, roots=roots, static_url="/static/")
        if found is None:
            route.abort()
        else:
            route.fulfill(body=found.read_bytes(), content_type="text/css")

    timings = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        page.route("**/*", serve)
        for _ in range(ROUNDS["30p"]):
            start = time.perf_counter()
            page.set_content(html.replace("<head>", '<head><base href="https://pdf.invalid/">'))
            page.pdf(format="A4", print_background=True, tagged=True)
            timings.append(time.perf_counter() - start)
        browser.close()
    return statistics.median(timings)


def bare_weasyprint(html: str, roots: tuple[str, ...]) -> bytes:
    """The same HTML through WeasyPrint alone, with the same fetcher and PDF variant."""
    from weasyprint import HTML

    from portal.pdf.engine import PDF_VARIANT
    from portal.pdf.fetcher import BASE_URL, StaticOnlyFetcher

    fetcher = StaticOnlyFetcher(roots=roots, static_url="/static/")
    return HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf(
        pdf_variant=PDF_VARIANT
    )


def run() -> dict[str, float | str]:
    from django.contrib.auth import get_user_model
    from django.db import connections

    from livrets.livret2.pdf.document import livret_html, livret_pdf
    from portal.pdf.render import static_roots

    email = f"bench-pdf-{uuid.uuid4().hex[:8]}@bench.invalid"
    user = get_user_model().objects.create_user(username=email, email=email, password=email)
    figures: dict[str, float | str] = {}
    html_30 = ""
    project_30 = 0.0
    try:
        roots = static_roots()
        for label, target in (("30p", 30), ("120p", 120)):
            livret = _sized_livret(user, target)
            html = livret_html(livret)
            pages = _pages(livret_pdf(livret).pdf)  # warm-up, untimed
            bare_weasyprint(html, roots)
            project, bare, peak = [], [], 0.0
            for _ in range(ROUNDS[label]):
                start = time.perf_counter()
                rendered = livret_pdf(livret)
                project.append(time.perf_counter() - start)
                peak = max(peak, rendered.peak_mib)
                start = time.perf_counter()
                bare_weasyprint(html, roots)
                bare.append(time.perf_counter() - start)
            figures[f"pdf_{label}_pages"] = pages
            figures[f"pdf_{label}_seconds"] = statistics.median(project)
            figures[f"pdf_{label}_weasyprint_seconds"] = statistics.median(bare)
            figures[f"pdf_{label}_ratio"] = statistics.median(project) / statistics.median(bare)
            figures[f"pdf_{label}_peak_mib"] = peak
            if label == "30p":
                html_30, project_30 = html, statistics.median(project)
    finally:
        from portal.accounts.services import delete_account

        delete_account(user=user)
    connections.close_all()
    chromium = _chromium_seconds(html_30)
    if chromium:
        figures["pdf_30p_chromium_seconds"] = chromium
        figures["pdf_30p_vs_chromium"] = project_30 / chromium
    else:
        for name in ("pdf_30p_chromium_seconds", "pdf_30p_vs_chromium"):
            figures[name] = "unavailable (Chromium missing)"
    return figures
