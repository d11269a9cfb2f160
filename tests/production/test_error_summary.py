"""After a failed submit, on every form: an error summary, focused, linking to each field."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from .browsing import submit_refused, visitors
from .site_map import failed_submits, make_people


class _Page(HTMLParser):
    """The summary's links and the ids of the page's form controls."""

    def __init__(self):
        super().__init__()
        self.controls: set[str] = set()
        self.links: list[str] = []
        self.summary: dict | None = None
        self._in_summary = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("input", "select", "textarea") and attrs.get("id"):
            self.controls.add(attrs["id"])
        if "data-error-summary" in attrs:
            self.summary = attrs
            self._in_summary = 1
        elif self._in_summary and tag == "div":
            self._in_summary += 1
        if self._in_summary and tag == "a":
            self.links.append(attrs.get("href", ""))

    def handle_endtag(self, tag):
        if self._in_summary and tag == "div":
            self._in_summary -= 1


def _post(client: Client, submit):
    for url, data in submit.before:
        client.post(url, data)
    return client.post(submit.url, submit.data, follow=True)


@pytest.mark.django_db
def test_every_failed_submit_shows_a_focused_summary_linking_to_the_fields(site_pages):
    site = make_people()
    clients = {}
    for actor, user in site["people"].items():
        clients[actor] = Client()
        if user is not None:
            clients[actor].force_login(user)
    checked = []
    for submit in failed_submits(site["ids"]):
        response = _post(clients[submit.actor], submit)
        page = _Page()
        page.feed(response.content.decode())
        assert page.summary is not None, f"{submit.name}: no error summary"
        assert "autofocus" in page.summary and page.summary.get("tabindex") == "-1", submit.name
        assert page.links, f"{submit.name}: the summary links to no field"
        targets = [link.removeprefix("#") for link in page.links]
        assert set(targets) <= page.controls, f"{submit.name}: {targets} {page.controls}"
        assert re.search(r"<title>\s*Erreur :", response.content.decode()), submit.name
        checked.append(submit.name)
    assert len(checked) >= 10


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_focus_lands_on_the_summary_and_its_links_reach_the_fields(
    live_server, site_pages, browser
):
    site = make_people()
    with visitors(browser, live_server, site["people"]) as pages:
        for submit in failed_submits(site["ids"]):
            page = pages[submit.actor]
            submit_refused(page, live_server, submit)
            focused = page.evaluate("() => document.activeElement.id")
            assert focused == "erreurs", f"{submit.name}: focus on #{focused}"
            link = page.locator("[data-error-summary] a").first
            target = link.get_attribute("href").removeprefix("#")
            link.click()
            assert page.evaluate("() => document.activeElement.id") == target, submit.name
