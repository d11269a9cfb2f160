"""Chromium: the jury grid's confirmation where the person is, and its PDF link through the
progress page when the render is slow."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import signed_in_page
from tests.support.data import make_af_livret, make_candidate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.7 stub"


@pytest.fixture
def owner_livret(referentials):
    owner = make_candidate("claire@example.fr")
    return owner, make_af_livret(owner)


def test_a_saved_unit_is_confirmed_and_focused_in_the_unit(browser, live_server, owner_livret):
    owner, livret = owner_livret
    with signed_in_page(browser, live_server, owner) as page:
        page.goto(f"{live_server.url}/preparer-le-jury/livrets/{livret.pk}/")
        unit = page.locator("section#unite-C4")
        radio = unit.locator('fieldset[id="element-C4.E1"]').get_by_role(
            "radio", name="Acquis", exact=True
        )
        radio.focus()
        page.keyboard.press("Space")
        button = unit.get_by_role("button", name="Enregistrer mes évaluations (Compétence 4)")
        button.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        confirmation = unit.get_by_role("status")
        expect(confirmation).to_have_text("Compétence 4\u00a0: enregistré.")
        expect(confirmation).to_be_focused()
        assert page.url.endswith("#unite-C4-enregistre")
        # Not at the top of the page, far from the unit.
        assert page.locator(".messages").count() == 0
        # Shown once: a reload no longer says it.
        page.reload()
        expect(unit.get_by_role("status")).to_have_count(0)


def test_a_slow_grid_pdf_shows_its_progress_then_downloads(
    browser, live_server, owner_livret, slow_render
):
    owner, livret = owner_livret
    with signed_in_page(browser, live_server, owner, accept_downloads=True) as page:
        page.goto(f"{live_server.url}/preparer-le-jury/livrets/{livret.pk}/")
        link = page.get_by_role("link", name="Télécharger la grille en PDF")
        assert link.get_attribute("download") is None
        link.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/pdf/preparation/$"))
        expect(page.get_by_role("status")).to_contain_text("en cours de préparation")
        with page.expect_download() as download:
            slow_render.set()
        with open(download.value.path(), "rb") as pdf:
            assert pdf.read() == PDF
