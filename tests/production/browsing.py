"""Open every page of the site map in Chromium, each as its visitor (shared by the gates)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.test import Client

from .site_map import Target, failed_submits, make_people, targets, wagtail_pages

HTML = "text/html"
READY_PDF = "data-pdf-download"  # the mark of a progress page whose PDF is ready
# A PDF download (``…/pdf/``): answered by the browser itself with an empty file. The gates
# read HTML pages; a real download would spend the visitor's hourly exports, and past them
# the refusal page (HTML) would replace the progress page under the gate's eyes.
PDF_DOWNLOAD = re.compile(r"/pdf/(\?.*)?$")
EMPTY_PDF = {
    "status": 200,
    "body": b"%PDF-1.4\n%%EOF\n",
    "headers": {"Content-Type": "application/pdf", "Content-Disposition": "attachment"},
}

# Posts a form built from `data` (with the page's CSRF token) the way a browser submits one;
# a list value gives one field per item (checkboxes).
SUBMIT = """([url, data]) => {
  const form = document.createElement("form");
  form.method = "post";
  form.action = url;
  const token = document.querySelector("[name=csrfmiddlewaretoken]");
  const fields = Object.entries(data);
  if (token) fields.push(["csrfmiddlewaretoken", token.value]);
  for (const [name, value] of fields) {
    for (const item of [].concat(value)) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      input.value = item;
      form.append(input);
    }
  }
  document.body.append(form);
  form.submit();
}"""


def settled_evaluate(page, script: str):
    """``page.evaluate``, again on the page shown once loaded if a navigation replaced the
    page meanwhile (seen only in the full suite, under load; the gate then reads that page,
    which is a page of the portal too)."""
    from playwright.sync_api import Error as PlaywrightError

    for attempt in range(3):
        try:
            return page.evaluate(script)
        except PlaywrightError as error:
            if attempt == 2 or "Execution context was destroyed" not in str(error):
                raise
            print(f"settled_evaluate: {page.url} replaced the page, read again")
            page.wait_for_load_state()
    return None


def submit_refused(page, live_server, submit) -> None:
    """Post ``submit`` (and the posts before it) from the page that shows its form."""
    for url, data in [*submit.before, (submit.url, submit.data)]:
        shown_at = submit.shown_at if url == submit.url and submit.shown_at else url
        page.goto(live_server.url + shown_at)
        with page.expect_navigation():
            page.evaluate(SUBMIT, [url, data])


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@contextmanager
def visitors(browser, live_server, people: dict, **context_options) -> Iterator[dict]:
    """One signed-in browser page per visitor of the site map ("anon", "owner", ...)."""
    pages = {}
    for actor, user in people.items():
        context = browser.new_context(locale="fr-FR", **context_options)
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
        context.route(PDF_DOWNLOAD, lambda route: route.fulfill(**EMPTY_PDF))
        pages[actor] = context.new_page()
    try:
        yield pages
    finally:
        for page in pages.values():
            page.context.close()


def every_html_page(browser, live_server, **context_options) -> Iterator[tuple[Target, object]]:
    """(target, page) for every HTML page of the site map, opened in its visitor's browser.

    Raises AssertionError on a server error; skips redirects to files, JSON and POST-only URLs.
    """
    from playwright.sync_api import Error as PlaywrightError

    site = make_people()
    found, _ = targets(site["ids"])
    with visitors(browser, live_server, site["people"], **context_options) as pages:
        for target in [*wagtail_pages(), *found]:
            page = pages[target.actor]
            query = "&".join(f"{k}={v}" for k, v in target.query.items())
            url = f"{live_server.url}{target.url}" + (f"?{query}" if query else "")
            try:
                response = page.goto(url)
            except PlaywrightError:  # an error status with an empty body (405 on POST-only URLs)
                response = page.request.get(url)
            assert response.status < 500, f"{target.name} {url}: HTTP {response.status}"
            if response.status == 405 or HTML not in response.headers.get("content-type", ""):
                continue
            if READY_PDF in response.text():
                # A ready progress page starts its download as its DOM is read: let that
                # navigation end (a file, or a page) before the gate reads what is shown.
                page.wait_for_load_state("networkidle")
            yield target, page
        # Then each form as it comes back after a refused submit.
        for submit in failed_submits(site["ids"]):
            page = pages[submit.actor]
            submit_refused(page, live_server, submit)
            yield Target(f"{submit.name} (failed submit)", submit.url, submit.actor), page
