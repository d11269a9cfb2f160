"""Fixtures for the livret tests: a livret, the PDF cache emptied and renders counted."""

from __future__ import annotations

import hashlib
import threading

import pytest
from django.core.cache import caches

from livrets.livret2 import services
from portal.pdf import render as rendering
from tests.support.data import version_of


@pytest.fixture
def livret(referentials, candidate):
    """An empty draft livret of conseiller-offres-services."""
    return services.start_livret(owner=candidate, version=version_of("conseiller-offres-services"))


@pytest.fixture
def fresh_pdf_caches():
    """The shared and PDF caches empty before and after the test (kept PDFs, running renders)."""
    for alias in ("default", "pdf"):
        caches[alias].clear()
    yield
    for alias in ("default", "pdf"):
        caches[alias].clear()


@pytest.fixture
def renders(monkeypatch):
    """Count the renders; each PDF is a stub naming the HTML it was made from."""
    made: list[str] = []

    def stub(html: str) -> rendering.Rendered:
        made.append(html)
        return rendering.Rendered(b"%PDF-stub " + hashlib.sha256(html.encode()).digest(), 0, 0)

    monkeypatch.setattr(rendering, "html_to_pdf", stub)
    return made


@pytest.fixture
def slow_render(monkeypatch, settings, fresh_pdf_caches):
    """Renders that wait for the test to open the gate (``gate.set()``): a PDF being
    prepared for as long as the test needs; each PDF is then ``b"%PDF-1.7 stub"``."""
    settings.PDF_WAIT_SECONDS = 0.05
    gate = threading.Event()

    def render(html: str) -> rendering.Rendered:
        assert gate.wait(60), "the test never opened the gate"
        return rendering.Rendered(b"%PDF-1.7 stub", 0.5, 0)

    monkeypatch.setattr(rendering, "html_to_pdf", render)
    yield gate
    gate.set()
