"""Every page of the site map links, in its footer, to the four pages a public portal owes its
users; and the site map reaches those four pages."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from home.legal.models import FOOTER

from .site_map import failed_submits, make_people, targets, wagtail_pages

HTML = "text/html"
EXPECTED = {f"/{slug}/": title for slug, title in FOOTER}


def _client(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def footer_links(html: str) -> dict[str, str]:
    start = html.find('<footer class="site-footer">')
    if start < 0:
        return {}
    footer = html[start : html.index("</footer>", start)]
    return dict(re.findall(r'<a href="([^"]+)">([^<]+)</a>', footer))


@pytest.mark.django_db
def test_every_page_links_to_the_four_pages_in_its_footer(site_pages):
    site = make_people()
    found, _ = targets(site["ids"])
    clients = {actor: _client(user) for actor, user in site["people"].items()}
    pages: dict[str, str] = {}
    tree = wagtail_pages()
    for target in [*tree, *found]:
        response = clients[target.actor].get(target.url, target.query)
        if HTML not in response.get("Content-Type", "") or response.status_code in (301, 302, 405):
            continue
        pages[f"{target.name} {target.url}"] = response.content.decode()
    for submit in failed_submits(site["ids"]):
        client = clients[submit.actor]
        for url, data in submit.before:
            client.post(url, data)
        response = client.post(submit.url, submit.data, follow=True)
        pages[f"{submit.name} (failed submit)"] = response.content.decode()
    missing = [name for name, html in pages.items() if footer_links(html) != EXPECTED]
    assert missing == []
    assert len(pages) >= 40
    assert set(EXPECTED) <= {target.url for target in tree}
