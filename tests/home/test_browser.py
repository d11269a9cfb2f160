"""The public pages in Chromium: they open, pass axe-core and work with the keyboard."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/cqp/",
    "/cqp/assistant-formation/",
    "/cqp/assistant-industries-sante/",
    "/cqp/conseiller-offres-services/",
    "/comprendre-les-cqp-et-la-vae/",
    "/recherche/?q=formation",
    "/accessibilite/",
    "/plan-du-site/",
    "/mentions-legales/",
    "/donnees-personnelles/",
]


@pytest.mark.parametrize("path", PAGES)
def test_public_page_opens_and_passes_axe(live_server, site_pages, page, assert_accessible, path):
    response = page.goto(live_server.url + path)
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("main").count() == 1
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_keyboard_reaches_a_notice_and_its_call_to_action(live_server, site_pages, page):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.inner_text() == "Aller au contenu"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
    # Tab from the main content to the first notice link, then follow it with Enter.
    for _ in range(20):
        page.keyboard.press("Tab")
        if "/cqp/" in (page.evaluate("document.activeElement.getAttribute('href')") or ""):
            break
    target = page.evaluate("document.activeElement.getAttribute('href')")
    assert target.startswith("/cqp/")
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + target)
    assert page.locator("h1").inner_text()
    cta = page.get_by_role("link", name="Vérifier mon éligibilité").first
    cta.focus()
    assert page.evaluate("document.activeElement.textContent.trim()") == "Vérifier mon éligibilité"


def test_catalogue_filter_works_with_the_keyboard(live_server, site_pages, page):
    page.goto(live_server.url + "/cqp/")
    page.get_by_label("Certificateur").focus()
    page.keyboard.press("ArrowDown")  # selects the first certifier
    page.get_by_label("Certificateur").select_option("Ucanss")
    page.get_by_role("button", name="Filtrer").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**certificateur=Ucanss**")
    assert page.get_by_role("link", name="CQP Conseiller offres de services (COS)").is_visible()
    assert page.get_by_text("1 CQP").is_visible()


def test_site_search_from_the_header(live_server, site_pages, page):
    page.goto(live_server.url + "/cqp/")
    page.get_by_label("Rechercher sur le portail").fill("Ucanss")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=Ucanss")
    assert page.get_by_role("link", name="CQP Conseiller offres de services (COS)").is_visible()
