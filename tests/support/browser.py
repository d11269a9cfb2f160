"""Chromium driven by Playwright, and axe-core: what the browser tests and the bench share."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.support.data import PASSWORD

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# How long a browser step may wait (a navigation, an element). Generous: CI shares two cores
# between the live server, Chromium and the test; a step that never comes still fails.
BROWSER_TIMEOUT_MS = 30_000


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package.")
    return path


AXE_SOURCE = None


def axe_violations(page) -> list[dict]:
    """Serious or critical axe-core violations on the page as it is now."""
    global AXE_SOURCE
    if AXE_SOURCE is None:
        import axe_playwright_python

        AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
    from playwright.sync_api import Error as PlaywrightError

    for attempt in (1, 2):
        try:
            page.evaluate(AXE_SOURCE)
            result = page.evaluate(
                "async () => await axe.run(document, {resultTypes: ['violations']})"
            )
            break
        except PlaywrightError as error:
            # Seen once in CI in the walk over every page: a navigation ended while axe ran
            # (the page was replaced under it). Audit again once the page has loaded.
            if attempt == 2 or "Execution context was destroyed" not in str(error):
                raise
            page.wait_for_load_state()
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def login(page, live_server, email: str, next_url: str):
    page.goto(f"{live_server.url}/accounts/login/?next={next_url}")
    page.locator("#id_login").focus()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: urlparse(url).path == urlparse(next_url).path)


def press(page, locator):
    locator.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


@contextmanager
def signed_in_page(browser, live_server, user, **context_options):
    """A Chromium page whose session is ``user``'s (no login form), closed afterwards."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="fr-FR", **context_options)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    try:
        yield page
    finally:
        context.close()


# Records each change of a live region's words (role alert or status, aria-live): what a
# screen reader would be asked to announce. One change per region and batch of DOM changes
# (a swap made of several steps is one announcement). Read back with LIVE_CHANGES_READ.
LIVE_CHANGES = """() => {
  window.__liveChanges = [];
  const live = (el) => el && el.closest("[role=alert], [role=status], [aria-live]");
  new MutationObserver((records) => {
    const regions = new Set();
    for (const r of records) {
      const region = live(r.target.nodeType === 1 ? r.target : r.target.parentElement);
      if (region && region.textContent.trim()) regions.add(region);
    }
    for (const region of regions) {
      window.__liveChanges.push(region.textContent.trim().replace(/\\s+/g, " "));
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
}"""
LIVE_CHANGES_READ = "() => window.__liveChanges"
