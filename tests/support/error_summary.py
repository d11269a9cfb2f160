"""Reads the shared error summary (templates/includes/error_summary.html) out of a page."""

from __future__ import annotations

from html.parser import HTMLParser


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.summaries: list[dict] = []
        self.links: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if "data-error-summary" in attrs:
            self.summaries.append(attrs)
            self._depth = 1
        elif self._depth and tag == "div":
            self._depth += 1
        if self._depth and tag == "a":
            self.links.append(attrs.get("href", ""))

    def handle_endtag(self, tag):
        if self._depth and tag == "div":
            self._depth -= 1


def assert_shared_summary(response, *forms) -> list[str]:
    """The page shows the shared summary once, focused on load, with one link per field error
    of ``forms`` (in their order) to ``#id_<field>`` (a group's first choice: ``_0``), each
    reaching an element of the page. Returns the links."""
    page = _Page()
    page.feed(response.content.decode())
    assert len(page.summaries) == 1, "one shared error summary"
    [summary] = page.summaries
    assert summary.get("id") == "erreurs" and summary.get("tabindex") == "-1"
    assert "autofocus" in summary and summary.get("role") == "alert"
    expected = []
    for form in forms:
        for bound in form:
            for _error in bound.errors:
                expected.append(bound.id_for_label or f"{bound.auto_id}_0")
    assert expected, "the refused form has field errors"
    assert all(e.startswith("id_") for e in expected)
    assert page.links == [f"#{e}" for e in expected]
    assert set(expected) <= page.ids
    return page.links
