"""An export not ready within a second: a progress page that starts the download when ready,
with htmx polling or, without JavaScript, by refreshing itself."""

from __future__ import annotations

import re
import threading
import time

import pytest
from django.urls import reverse

from portal.pdf import render as rendering
from portal.pdf.worker import PdfTimeout
from tests.support.data import make_candidate

PDF = b"%PDF-1.7 stub"


pytestmark = pytest.mark.usefixtures("fresh_pdf_caches")


@pytest.fixture
def slow_render(monkeypatch, settings):
    """Exports wait 50 ms at most; a render ends when the test opens the gate."""
    settings.PDF_WAIT_SECONDS = 0.05
    gate = threading.Event()
    made: list[str] = []
    outcome: dict = {"error": None}

    def render(html: str) -> rendering.Rendered:
        made.append(html)
        assert gate.wait(30), "the test never opened the gate"
        if outcome["error"]:
            raise outcome["error"]
        return rendering.Rendered(PDF, 0.5, 0)

    monkeypatch.setattr(rendering, "html_to_pdf", render)
    yield gate, made, outcome
    gate.set()


def _wait_until_ready(client, url: str) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if client.get(url, HTTP_HX_REQUEST="true").status_code != 200:
            return
        time.sleep(0.05)
    raise AssertionError("the render never ended")


@pytest.mark.django_db
def test_a_slow_export_shows_its_progress_then_starts_the_download(
    client_of, livret, candidate, slow_render
):
    gate, made, _ = slow_render
    client = client_of(candidate)
    url = reverse("livrets:pdf", args=[livret.pk])
    progress_url = reverse("livrets:pdf_progress", args=[livret.pk])

    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == progress_url

    page = client.get(progress_url)
    assert page.status_code == 200
    html = page.text
    assert '<html lang="fr">' in html and "<h1>Préparation de votre PDF</h1>" in html
    assert re.search(r'<p id="pdf-status"[^>]*role="status"', html)
    assert "en cours de préparation" in html
    assert '<label for="pdf-progress-bar">Avancement estimé</label>' in html
    assert re.search(r'<progress id="pdf-progress-bar" max="100" value="\d+">', html)
    # Without JavaScript the page refreshes itself, and says how to do it by hand.
    assert re.search(r'<noscript>\s*<meta http-equiv="refresh" content="2">\s*</noscript>', html)
    assert f'<a id="pdf-refresh" href="{progress_url}">Actualiser la page</a>' in html
    # With JavaScript, htmx polls the fragment.
    assert f'data-hx-get="{progress_url}" data-hx-trigger="every 1s"' in html
    assert "no-store" in page["Cache-Control"]

    fragment = client.get(progress_url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert "<html" not in fragment.text and 'data-hx-trigger="every 1s"' in fragment.text
    assert "hx-swap-oob" not in fragment.text  # no announcement while nothing changes

    # Asking again while it renders follows the same render.
    assert client.get(url)["Location"] == progress_url
    assert len(made) == 1

    gate.set()
    _wait_until_ready(client, progress_url)
    ready = client.get(progress_url, HTTP_HX_REQUEST="true")
    assert ready.status_code == 286  # htmx stops polling
    assert "prêt" in ready.text and 'hx-swap-oob="innerHTML"' in ready.text
    assert f'href="{url}" data-pdf-download' in ready.text
    assert "hx-trigger" not in ready.text

    no_js = client.get(progress_url)
    assert re.search(
        rf'<noscript>\s*<meta http-equiv="refresh" content="0; url={url}">\s*</noscript>',
        no_js.text,
    )
    download = client.get(url)
    assert download.status_code == 200 and download.content == PDF
    assert "attachment;" in download["Content-Disposition"]
    assert len(made) == 1


@pytest.mark.django_db
def test_a_failed_render_says_why_and_offers_to_try_again(
    client_of, livret, candidate, slow_render
):
    gate, _made, outcome = slow_render
    outcome["error"] = PdfTimeout("stub")
    client = client_of(candidate)
    url = reverse("livrets:pdf", args=[livret.pk])
    progress_url = reverse("livrets:pdf_progress", args=[livret.pk])
    assert client.get(url).status_code == 302
    gate.set()
    _wait_until_ready(client, progress_url)
    fragment = client.get(progress_url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 286 and "a pris trop de temps" in fragment.text
    page = client.get(progress_url)
    assert page.status_code == 503
    assert "n’a pas pu être créé" in page.text and f'href="{url}">Réessayer</a>' in page.text
    assert 'http-equiv="refresh"' not in page.text


@pytest.mark.django_db
def test_the_progress_page_of_a_pdf_nobody_prepares_offers_to_create_it(
    client_of, livret, candidate
):
    page = client_of(candidate).get(reverse("livrets:pdf_progress", args=[livret.pk]))
    assert page.status_code == 200
    assert "n’est plus en préparation" in page.text
    assert f'href="{reverse("livrets:pdf", args=[livret.pk])}">Créer le PDF</a>' in page.text
    assert 'http-equiv="refresh"' not in page.text


def _open_progress(page, live_server, livret_pk: int) -> None:
    page.goto(f"{live_server.url}/livrets/{livret_pk}/")
    link = page.get_by_role("link", name="Télécharger le PDF", exact=True)
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/pdf/preparation/$"))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "without-javascript"])
def test_in_chromium_the_download_starts_once_the_pdf_is_ready(
    browser, live_server, referentials, slow_render, assert_accessible, javascript
):
    from livrets.livret2 import services
    from tests.support.data import version_of

    gate, _made, _ = slow_render
    user = make_candidate("clara@example.fr")
    livret = services.start_livret(owner=user, version=version_of("conseiller-offres-services"))
    context = browser.new_context(locale="fr-FR", java_script_enabled=javascript)
    try:
        from django.conf import settings as django_settings
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
        from django.contrib.sessions.backends.db import SessionStore

        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = django_settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        context.add_cookies(
            [
                {
                    "name": django_settings.SESSION_COOKIE_NAME,
                    "value": store.session_key,
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        page.set_default_timeout(30_000)
        _open_progress(page, live_server, livret.pk)
        status = page.get_by_role("status")
        assert "en cours de préparation" in status.inner_text()
        assert page.get_by_label("Avancement estimé").is_visible()
        if javascript:
            assert_accessible(page)
        with page.expect_download() as download:
            gate.set()
        assert download.value.suggested_filename.startswith("livret-2-conseiller-offres")
        with open(download.value.path(), "rb") as pdf:
            assert pdf.read() == PDF
        if javascript:  # the page itself says so, and the live region announced it
            page.wait_for_function(
                "document.getElementById('pdf-status').textContent.includes('prêt')"
            )
            assert page.get_by_role("link", name="Télécharger le PDF").is_visible()
            assert_accessible(page)
    finally:
        context.close()
