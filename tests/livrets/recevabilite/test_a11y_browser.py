"""Chromium: the recevabilité request held to the site's bar.

After a refused submit the focus is on the shared error summary, whose links reach the field,
itself described by its error; the PDF link goes through the progress page when the render is
slow (no ``download`` attribute saving that page); the periods table keeps its column headers
at 320 px.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import signed_in_page
from tests.support.data import make_candidate
from tests.support.recevabilite import AF, start

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.7 stub"


@pytest.fixture
def owner_request(referentials):
    owner = make_candidate("clara@example.fr")
    return owner, start(owner, AF)


def _refused(page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).first.click()
    assert page.title().startswith("Erreur :"), page.title()
    assert page.evaluate("() => document.activeElement.id") == "erreurs", page.url


def _link_reaches_described_field(page, field_id: str, message: str) -> None:
    page.locator(f'[data-error-summary] a[href="#{field_id}"]').click()
    assert page.evaluate("() => document.activeElement.id") == field_id
    field = page.locator(f"#{field_id}")
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby") or ""
    assert described, f"#{field_id} has no aria-describedby"
    texts = " ".join(page.locator(f"#{i}").inner_text() for i in described.split())
    assert message in texts


def test_focus_goes_to_the_summary_after_each_refused_form(browser, live_server, owner_request):
    owner, rq = owner_request
    base = f"{live_server.url}/mes-demarches/recevabilite/{rq.pk}/"
    with signed_in_page(browser, live_server, owner) as page:
        page.goto(f"{live_server.url}/mes-demarches/recevabilite/nouvelle/")
        page.locator("#id_cqp").evaluate("(select) => { select.selectedIndex = -1; }")
        _refused(page, "Commencer ma demande")
        page.locator('[data-error-summary] a[href="#id_cqp"]').click()
        assert page.evaluate("() => document.activeElement.id") == "id_cqp"

        page.goto(base + "identite/")
        page.locator("#id_email").fill("pas-une-adresse")
        _refused(page, "Enregistrer")
        _link_reaches_described_field(page, "id_email", "adresse")

        page.goto(base + "formation/")
        page.locator("input[name=diplomas][value=aucun]").check()
        page.locator("input[name=diplomas][value=bac]").check()
        _refused(page, "Enregistrer")
        # Every checkbox of the group is described by the group's error.
        _link_reaches_described_field(page, "id_diplomas_0", "« Aucun diplôme »")
        for box in page.locator("input[name=diplomas]").all():
            assert box.get_attribute("aria-describedby") == "id_diplomas_error"

        page.goto(base + f"periodes/{rq.periods.first().pk}/")
        page.locator("#id_current").uncheck()
        page.locator("#id_start").fill("2023-05-01")
        page.locator("#id_end").fill("2023-01-01")
        _refused(page, "Enregistrer")
        _link_reaches_described_field(page, "id_end", "ne peut pas précéder")

        page.goto(base + "declaration/")
        page.locator("#id_count-other_requests_this_year").fill("-1")
        _refused(page, "Enregistrer ma réponse")
        _link_reaches_described_field(page, "id_count-other_requests_this_year", "positif")


def test_a_slow_request_pdf_shows_its_progress_then_downloads(
    browser, live_server, owner_request, slow_render
):
    owner, rq = owner_request
    with signed_in_page(browser, live_server, owner, accept_downloads=True) as page:
        page.goto(f"{live_server.url}/mes-demarches/recevabilite/{rq.pk}/")
        link = page.get_by_role("link", name=re.compile("Télécharger"))
        assert link.first.get_attribute("download") is None
        link.first.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/pdf/preparation/$"))
        expect(page.get_by_role("status")).to_contain_text("en cours de préparation")
        with page.expect_download() as download:
            slow_render.set()
        assert download.value.suggested_filename.endswith(".pdf")
        with open(download.value.path(), "rb") as pdf:
            assert pdf.read() == PDF


def test_the_periods_table_keeps_its_headers_at_320px(browser, live_server, owner_request):
    owner, rq = owner_request
    with signed_in_page(
        browser, live_server, owner, viewport={"width": 320, "height": 640}
    ) as page:
        page.goto(f"{live_server.url}/mes-demarches/recevabilite/{rq.pk}/")
        table = page.locator("table.periods")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
        # What Chromium gives assistive technologies: a table with its column headers.
        cdp = page.context.new_cdp_session(page)
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
        roles = [
            (n["role"]["value"], n.get("name", {}).get("value", ""))
            for n in nodes
            if not n.get("ignored")
        ]
        headers = [name for role, name in roles if role == "columnheader"]
        assert headers == ["Période", "Dates", "En lien avec le CQP", "Pièces"]
        assert ("table", "Périodes d’expérience et pièces justificatives") in roles
        # And for the eye, each cell says its column.
        cell = table.locator("tbody tr").first.locator("td").nth(1)
        expect(cell).to_contain_text("En lien avec le CQP :")
        assert cell.locator(".cell-label").is_visible()
