"""The self-check result's PDF: same module, same style, dated, one or two pages."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import date_format

from tests.support.pdf import embedded_fonts, flat, pages_text, reader
from tests.support.wizard import fill, post, url

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_result_pdf_has_the_verdict_coverage_and_next_steps_on_two_pages_at_most(
    client, referentials
):
    fill(client)
    post(client, "verification")
    client.get(url("fin"))
    response = client.get("/verifier-mon-eligibilite/resultat/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages = pages_text(response.content)
    assert 1 <= len(pages) <= 2
    text = flat(" ".join(pages))
    assert "Votre demande peut être recevable" in text
    assert "Vos activités et le référentiel" in text and "Et maintenant ?" in text
    assert date_format(timezone.localdate(), "j F Y") in text
    assert f"Page 1 sur {len(pages)}" in text
    document = reader(response.content)
    assert document.trailer["/Root"]["/Lang"] == "fr"
    assert "/StructTreeRoot" in document.trailer["/Root"]
    assert document.metadata.title.startswith("Vérification d’éligibilité")
    assert all(embedded_fonts(response.content).values())


def test_the_same_result_is_exported_again_from_the_cache_for_its_requester_only(
    client, referentials, monkeypatch
):
    from django.test import Client

    from portal.pdf import render as rendering

    made = []

    def stub(html):
        made.append(html)
        return rendering.Rendered(b"%PDF-stub " + str(len(made)).encode(), 0, 0)

    monkeypatch.setattr(rendering, "html_to_pdf", stub)
    pdf_url = "/verifier-mon-eligibilite/resultat/pdf/"
    fill(client)
    post(client, "verification")
    client.get(url("fin"))
    first = client.get(pdf_url)
    assert client.get(pdf_url).content == first.content == b"%PDF-stub 1"
    assert len(made) == 1

    # Another visitor with the very same answers gets a render of their own.
    other = Client()
    fill(other)
    post(other, "verification")
    other.get(url("fin"))
    assert other.get(pdf_url).content == b"%PDF-stub 2"
    # Changed answers: another PDF.
    fill(client, activities={"activities-A1": ["A1.I1"]})
    post(client, "verification")
    client.get(url("fin"))
    assert client.get(pdf_url).content == b"%PDF-stub 3"
