"""Chromium: what a screen reader is asked to announce on the livret's pages, counted.

The session warning speaks at thresholds only and is extended with the keyboard; the autosave
announces a save, not each keystroke; the PDF progress box keeps the focus when it refreshes.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from livrets.livret2 import services
from tests.support.browser import LIVE_CHANGES, LIVE_CHANGES_READ, signed_in_page
from tests.support.data import make_candidate, version_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def owner_livret(referentials):
    owner = make_candidate("clara@example.fr")
    livret = services.start_livret(owner=owner, version=version_of("conseiller-offres-services"))
    return owner, livret


def _seconds(n: int) -> str:
    return f"00:{n // 60:02d}:{n % 60:02d}"


def test_the_session_warning_speaks_at_thresholds_and_is_extended_with_the_keyboard(
    browser, live_server, owner_livret
):
    owner, livret = owner_livret
    age = settings.SESSION_COOKIE_AGE
    with signed_in_page(browser, live_server, owner) as page:
        page.clock.install()
        page.goto(f"{live_server.url}/livrets/{livret.pk}/partie/motivation/")
        page.evaluate(LIVE_CHANGES)
        warning = page.locator("#session-warning")
        button = page.get_by_role("button", name="Prolonger ma session")

        page.clock.run_for(_seconds(age - 125))
        expect(warning).to_be_hidden()
        page.clock.run_for(_seconds(10))  # 1 min 55 s left
        expect(warning).to_be_visible()
        expect(warning).to_contain_text("1 min 5")
        # The focus is on the button: Enter extends the session.
        expect(button).to_be_focused()
        page.clock.run_for(_seconds(70))  # 45 s left: the visible countdown ran every second
        expect(warning).to_contain_text("4")
        page.keyboard.press("Enter")
        expect(warning).to_be_hidden()
        expect(page.locator("#contenu")).to_be_focused()

        # Left alone again until it expires.
        page.clock.run_for(_seconds(age + 5))
        expect(warning).to_contain_text("Votre session a expiré")
        announced = page.evaluate(LIVE_CHANGES_READ)
    # About 250 seconds of countdown; six announcements.
    assert [re.sub(r"\d+ minutes", "N minutes", a)[:45] for a in announced] == [
        "Votre session va expirer dans N minutes faute",
        "Votre session va expirer dans moins d'une min",
        "Votre session est prolongée.",
        "Votre session va expirer dans N minutes faute",
        "Votre session va expirer dans moins d'une min",
        "Votre session a expiré. Reconnectez-vous pour",
    ]


def test_the_autosave_announces_the_save_not_each_keystroke(browser, live_server, owner_livret):
    owner, livret = owner_livret
    text = "Je veux faire reconnaître huit ans de conseil auprès du public !"
    with signed_in_page(browser, live_server, owner) as page:
        page.goto(f"{live_server.url}/livrets/{livret.pk}/partie/motivation/")
        page.evaluate(LIVE_CHANGES)
        field = page.locator("[data-autosave]").first
        field.focus()
        page.keyboard.type(text, delay=5)
        status = page.locator(f'[data-status-for="{field.get_attribute("name")}"]')
        expect(status).to_contain_text("Enregistré à")
        announced = page.evaluate(LIVE_CHANGES_READ)
    assert len(text) == 64
    assert len(announced) == 1 and announced[0].startswith("Enregistré à")


def test_the_focus_stays_on_refresh_while_the_progress_box_updates(
    browser, live_server, owner_livret, slow_render
):
    owner, livret = owner_livret
    with signed_in_page(browser, live_server, owner) as page:
        page.goto(f"{live_server.url}/livrets/{livret.pk}/pdf/")
        page.wait_for_url(re.compile(r"/pdf/preparation/$"))
        refresh = page.get_by_role("link", name="Actualiser la page")
        refresh.focus()
        # Three refreshes of the box (every second): the focus is still on the link.
        for _ in range(3):
            with page.expect_response(lambda r: "/pdf/preparation/" in r.url):
                pass
        page.wait_for_timeout(300)
        assert page.evaluate("() => document.activeElement.id") == "pdf-refresh"
        # The running page is valid HTML for the Nu checker: htmx's data-hx-* attributes.
        box = page.locator("#pdf-progress")
        assert box.get_attribute("data-hx-get") and box.get_attribute("hx-get") is None
