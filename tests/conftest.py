"""Shared fixtures: loaded referentials, the public page tree, Chromium driven by Playwright."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.support.browser import (
    BROWSER_TIMEOUT_MS,
    CHROMIUM_ARGS,
    axe_violations,
    chromium_path,
)
from tests.support.data import make_candidate

# Property tests assert results, not timings: a loaded machine must not
# fail them for slowness, neither an example's (deadline) nor the generation's (too_slow).
hypothesis_settings.register_profile(
    "portal", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("portal")


@pytest.fixture
def referentials(db):
    """The three CQPs' referentials, loaded from the repository's data files."""
    from home.referentials.loader import load_files

    load_files(sorted(Path(settings.REFERENTIAL_DATA_DIR).glob("*.json")))


@pytest.fixture
def site_pages(referentials):
    """The public page tree (home, catalogue, a notice per CQP, the guide)."""
    from home.demo_content import build_site

    return build_site()


@pytest.fixture(scope="session")
def browser():
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(BROWSER_TIMEOUT_MS)
    yield page
    context.close()


@pytest.fixture
def assert_accessible():
    def check(page):
        violations = axe_violations(page)
        assert violations == [], f"{page.url}: {violations}"

    return check


@pytest.fixture
def candidate(db):
    return make_candidate("alice@example.fr")


@pytest.fixture
def other_candidate(db):
    return make_candidate("bruno@example.fr")


@pytest.fixture
def client_of(client):
    def login(user):
        client.force_login(user)
        return client

    return login
