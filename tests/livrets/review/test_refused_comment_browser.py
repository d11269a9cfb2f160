"""Chromium: an empty comment is refused out loud, with or without JavaScript.

With htmx the 400 answer is swapped in: the error is shown beside the field, which it
describes, and the focus goes to that field; without JavaScript a page titled « Erreur »
focuses the shared error summary, whose link reaches the field.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from livrets.livret2 import services as livret_services
from livrets.review import services
from livrets.review.models import Comment
from tests.support.browser import signed_in_page
from tests.support.data import fill_section, make_candidate, version_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMPTY = "Écrivez votre commentaire avant de l'envoyer."


@pytest.fixture
def coach_livret(referentials):
    owner = make_candidate("clara@example.fr")
    coach = make_candidate("coach@example.fr")
    livret = livret_services.start_livret(
        owner=owner, version=version_of("conseiller-offres-services")
    )
    fill_section(livret, "motivation", {"raisons": "Faire reconnaître mon expérience."})
    services.accept(
        invitation=services.invite(livret=livret, email=coach.email).invitation, user=coach
    )
    return coach, livret


def _post_empty(page, live_server, livret) -> None:
    page.goto(f"{live_server.url}/accompagnement/livrets/{livret.pk}/partie/motivation/")
    thread = page.locator("#fil-champ-motivation-raisons")
    thread.locator("summary").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.type("   ")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")


def test_with_htmx_the_error_is_shown_beside_the_field_and_focused(
    browser, live_server, coach_livret, assert_accessible
):
    coach, livret = coach_livret
    with signed_in_page(browser, live_server, coach) as page:
        _post_empty(page, live_server, livret)
        thread = page.locator("#fil-champ-motivation-raisons")
        expect(thread).to_contain_text(EMPTY)
        field = thread.get_by_label("Votre commentaire")
        expect(field).to_be_focused()
        assert field.get_attribute("aria-invalid") == "true"
        described = page.locator(f"#{field.get_attribute('aria-describedby')}")
        expect(described).to_have_text(f"Erreur : {EMPTY}")
        assert_accessible(page)
        # Once written, the comment is published in place.
        page.keyboard.type("Donnez un exemple concret.")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(thread).to_contain_text("Commentaire publié.")
    assert Comment.objects.get().body == "Donnez un exemple concret."


def test_without_javascript_a_page_titled_erreur_links_to_the_field(
    browser, live_server, coach_livret
):
    coach, livret = coach_livret
    with signed_in_page(browser, live_server, coach, java_script_enabled=False) as page:
        page.goto(f"{live_server.url}/accompagnement/livrets/{livret.pk}/partie/motivation/")
        thread = page.locator("#fil-champ-motivation-raisons")
        thread.locator("summary").click()
        thread.get_by_label("Votre commentaire").fill("   ")
        with page.expect_navigation():
            thread.get_by_role("button", name="Publier le commentaire").click()
        assert page.title().startswith("Erreur :")
        assert page.evaluate("() => document.activeElement.id") == "erreurs"
        summary = page.locator("[data-error-summary]")
        expect(summary).to_contain_text(EMPTY)
        target = summary.locator("a").get_attribute("href")
        assert page.locator(target).get_attribute("aria-invalid") == "true"
        # Sent again from that page, it is published and the person is back on the section.
        page.locator(target).fill("Donnez un exemple concret.")
        with page.expect_navigation():
            page.get_by_role("button", name="Publier le commentaire").click()
        assert "/partie/motivation/" in page.url
        expect(page.locator("main")).to_contain_text("Commentaire publié.")
    assert Comment.objects.get().body == "Donnez un exemple concret."
