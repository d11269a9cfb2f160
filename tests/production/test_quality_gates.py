"""Quality gates over every page listed from the URL configuration and the page tree."""

from __future__ import annotations

import pytest

from .browsing import every_html_page
from .site_map import make_people, targets


@pytest.fixture
def site(site_pages):
    return make_people()


def test_every_id_bearing_url_has_a_registry_entry(site):
    found, unknown = targets(site["ids"])
    assert unknown == [], f"URL names taking an id without an entry in site_map.REGISTRY: {unknown}"
    assert len(found) >= 40


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_every_page_passes_axe_in_chromium(live_server, site_pages, browser):
    from tests.support.browser import axe_violations

    audited, failures = [], []
    for target, page in every_html_page(browser, live_server):
        violations = axe_violations(page)
        audited.append(target.name)
        if violations:
            failures.append(f"{target.name} {page.url}: {violations}")
    assert failures == []
    # Public pages, every wizard step and the candidate's pages were all opened.
    assert audited.count("selfcheck:step") >= 5
    assert {"wagtail_serve", "livrets:detail", "livrets:section", "livrets:list"} <= set(audited)
