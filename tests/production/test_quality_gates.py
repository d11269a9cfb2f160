"""Quality gates over every page listed from the URL configuration and the page tree."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from .site_map import make_people, targets, wagtail_pages

HTML = "text/html"


@pytest.fixture
def site(site_pages):
    return make_people()


def test_every_id_bearing_url_has_a_registry_entry(site):
    found, unknown = targets(site["ids"])
    assert unknown == [], f"URL names taking an id without an entry in site_map.REGISTRY: {unknown}"
    assert len(found) >= 40


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_passes_axe_in_chromium(live_server, site_pages, browser):
    from playwright.sync_api import Error as PlaywrightError

    from tests.support.browser import axe_violations

    site = make_people()
    found, _ = targets(site["ids"])
    pages = {}
    for actor, user in site["people"].items():
        context = browser.new_context(locale="fr-FR")
        if user is not None:
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": _session_cookie(user),
                        "url": live_server.url,
                    }
                ]
            )
        pages[actor] = context.new_page()
    audited, failures = [], []
    for target in [*wagtail_pages(), *found]:
        page = pages[target.actor]
        query = "&".join(f"{k}={v}" for k, v in target.query.items())
        url = f"{live_server.url}{target.url}" + (f"?{query}" if query else "")
        try:
            response = page.goto(url)
        except PlaywrightError:  # an error status with an empty body (405 on POST-only URLs)
            response = page.request.get(url)
        if response.status >= 500:
            failures.append(f"{target.name} {url}: HTTP {response.status}")
            continue
        if response.status == 405 or HTML not in response.headers.get("content-type", ""):
            continue  # POST-only endpoints, JSON, PDF and files
        violations = axe_violations(page)
        audited.append(target.name)
        if violations:
            failures.append(f"{target.name} {url}: {violations}")
    for page in pages.values():
        page.context.close()
    assert failures == []
    # Public pages, every wizard step and the candidate's pages were all opened.
    assert audited.count("selfcheck:step") >= 5
    assert {"wagtail_serve", "livrets:detail", "livrets:section", "livrets:list"} <= set(audited)
