"""The self-check in Chromium: from a notice to the PDF with the keyboard only, axe-core on
every step, htmx periods, the browser's back button, and the same journey without JavaScript."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.support.browser import BROWSER_TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COS = "conseiller-offres-services"


def press_on(page, locator, key="Enter"):
    locator.focus()
    page.keyboard.press(key)


def type_into(page, locator, text):
    locator.focus()
    page.keyboard.type(text)


def test_whole_journey_from_a_notice_to_the_pdf_with_the_keyboard(
    live_server, site_pages, page, assert_accessible
):
    page.goto(f"{live_server.url}/cqp/{COS}/")
    press_on(page, page.get_by_role("link", name="Vérifier mon éligibilité").first)
    page.wait_for_url(re.compile(r"/etape/cqp/"))
    assert page.get_by_text("Étape 1 sur 5").is_visible()
    assert page.get_by_label("CQP Conseiller offres de services (COS)").is_checked()
    assert_accessible(page)
    press_on(page, page.get_by_role("button", name="Continuer"))

    page.wait_for_url(re.compile(r"/etape/situation/"))
    assert page.get_by_text("Étape 2 sur 5").is_visible()
    assert_accessible(page)
    press_on(page, page.get_by_label("Je suis salarié(e)"), "Space")
    type_into(
        page, page.get_by_label("Votre emploi ou activité actuelle (facultatif)"), "Conseillère"
    )
    page.keyboard.press("Enter")  # implicit submission continues

    page.wait_for_url(re.compile(r"/etape/experiences/"))
    assert page.get_by_text("Étape 3 sur 5").is_visible()
    assert_accessible(page)
    type_into(page, page.get_by_label("Emploi ou fonction"), "Conseillère d'accueil")
    type_into(page, page.get_by_label("Début"), "01012023")
    page.get_by_label("Fin").fill("2024-04-30")
    press_on(page, page.get_by_label("Oui"), "Space")
    # htmx: a second period appears without leaving the page, focused, then goes away.
    page.evaluate("window.notReloaded = true")
    press_on(page, page.get_by_role("button", name="Ajouter une période"))
    page.get_by_text("Période 2", exact=True).wait_for()
    assert page.evaluate("window.notReloaded") is True
    assert page.evaluate("document.activeElement.id") == "id_experiences-1-kind"
    assert page.locator("#id_experiences-0-title").input_value() == "Conseillère d'accueil"
    assert_accessible(page)
    press_on(page, page.get_by_role("button", name="Supprimer la période 2"))
    page.get_by_text("Période 2", exact=True).wait_for(state="detached")
    assert page.evaluate("window.notReloaded") is True
    # Focus is not lost: it lands on "Ajouter une période" once htmx has settled (and would
    # take a key pressed before that moment with it).
    expect(page.get_by_role("button", name="Ajouter une période")).to_be_focused()
    press_on(page, page.get_by_role("button", name="Continuer"))

    page.wait_for_url(re.compile(r"/etape/activities/"))
    assert page.get_by_text("Étape 4 sur 5").is_visible()
    assert_accessible(page)
    for code in ("A1.I1", "A1.I2", "A2.I1"):
        press_on(page, page.locator(f"input[value='{code}']"), "Space")
    press_on(page, page.get_by_role("button", name="Continuer"))

    page.wait_for_url(re.compile(r"/etape/verification/"))
    assert page.get_by_text("Étape 5 sur 5").is_visible()
    assert page.get_by_role("cell", name=re.compile("Conseillère d'accueil")).is_visible()
    assert_accessible(page)
    # Change an answer from the summary and come back to it.
    press_on(page, page.get_by_role("link", name="Modifier votre situation"))
    page.wait_for_url(re.compile(r"/etape/situation/\?retour=verification"))
    press_on(page, page.get_by_label("Je cherche un emploi"), "Space")
    press_on(page, page.get_by_role("button", name="Enregistrer et revenir au récapitulatif"))
    page.wait_for_url(re.compile(r"/etape/verification/$"))
    assert page.get_by_text("Je cherche un emploi").is_visible()
    press_on(page, page.get_by_role("button", name="Voir le résultat"))

    page.wait_for_url(re.compile(r"/resultat/$"))
    assert page.get_by_role("heading", name="Votre demande peut être recevable").is_visible()
    assert page.get_by_text("15 mois d'expérience en lien avec le CQP, 12 requis.").is_visible()
    livret = page.get_by_role("link", name="Commencer mon livret 2")
    assert livret.get_attribute("href") == f"/livrets/nouveau/?cqp={COS}"
    assert_accessible(page)
    with page.expect_download() as download:
        press_on(page, page.get_by_role("link", name="Télécharger en PDF"))
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename == f"eligibilite-{COS}.pdf"


def test_previous_and_the_back_button_keep_what_was_typed(live_server, site_pages, page):
    page.goto(f"{live_server.url}/verifier-mon-eligibilite/?cqp={COS}")
    page.get_by_role("button", name="Continuer").click()
    page.get_by_label("Je travaille à mon compte").check()
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_url(re.compile(r"/etape/experiences/"))
    page.get_by_label("Emploi ou fonction").fill("Formatrice")
    page.get_by_role("button", name="Précédent").click()
    page.wait_for_url(re.compile(r"/etape/situation/"))
    assert page.get_by_label("Je travaille à mon compte").is_checked()
    page.go_back()
    page.wait_for_url(re.compile(r"/etape/experiences/"))
    assert page.get_by_label("Emploi ou fonction").input_value() == "Formatrice"
    page.reload()
    assert page.get_by_label("Emploi ou fonction").input_value() == "Formatrice"


def test_the_journey_works_without_javascript(live_server, site_pages, browser):
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    try:
        page.goto(f"{live_server.url}/verifier-mon-eligibilite/?cqp=assistant-formation")
        page.get_by_role("button", name="Continuer").click()
        page.get_by_label("Je suis salarié(e)").check()
        page.get_by_role("button", name="Continuer").click()
        page.wait_for_url(re.compile(r"/etape/experiences/"))
        page.get_by_label("Emploi ou fonction").fill("Assistante de formation")
        page.get_by_label("Début").fill((date.today() - timedelta(days=100)).isoformat())
        page.get_by_label("En cours").check()
        page.get_by_label("Oui").check()
        page.get_by_role("button", name="Ajouter une période").click()
        page.get_by_text("Période 2", exact=True).wait_for()
        page.locator("#id_experiences-1-kind").select_option("benevole")
        page.locator("#id_experiences-1-title").fill("Trésorière d'association")
        page.locator("#id_experiences-1-start").fill("2015-01-01")
        page.locator("#id_experiences-1-end").fill("2016-12-31")
        page.locator("#id_experiences-1-related_1").check()
        page.get_by_role("button", name="Continuer").click()
        page.wait_for_url(re.compile(r"/etape/activities/"))
        page.locator("input[value='C1.I1']").check()
        page.get_by_role("button", name="Continuer").click()
        page.get_by_role("button", name="Voir le résultat").click()
        page.wait_for_url(re.compile(r"/resultat/$"))
        assert page.get_by_role("heading", name="Pas encore recevable").is_visible()
        assert page.get_by_text(
            "La période « Trésorière d'association » n'est pas comptée"
        ).is_visible()
        assert page.get_by_text("1 sur 7").is_visible()
        # (axe-core cannot run with JavaScript off: the same pages pass it in the other tests.)
    finally:
        context.close()


def test_an_expired_session_is_told_to_restart(live_server, site_pages, page, assert_accessible):
    page.goto(f"{live_server.url}/verifier-mon-eligibilite/etape/activities/")
    assert page.get_by_text("la vérification doit recommencer").is_visible()
    assert page.get_by_text("Étape 1 sur 5").is_visible()
    assert_accessible(page)
