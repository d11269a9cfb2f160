"""Editors change the four pages' text in the Wagtail admin, and insert the portal's facts."""

from __future__ import annotations

import pytest

from home.demo_accounts import DEMO_PASSWORD, EDITOR_EMAIL, create_demo_accounts
from home.legal.models import LEGAL_PAGE_TYPES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def lenient_templates(settings):
    """Wagtail's admin templates rely on missing variables rendering empty."""
    templates = [dict(t, OPTIONS=dict(t["OPTIONS"])) for t in settings.TEMPLATES]
    templates[0]["OPTIONS"]["string_if_invalid"] = ""
    settings.TEMPLATES = templates


@pytest.mark.parametrize("model", LEGAL_PAGE_TYPES)
def test_an_editor_opens_each_page_in_the_admin(client, site_pages, model):
    create_demo_accounts()
    assert client.login(username=EDITOR_EMAIL, password=DEMO_PASSWORD)
    page = model.objects.get()
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    # The block that states a setting's value, offered beside the narrative's (its choices
    # are in the editor's script data).
    assert "retention_months" in html and "session_minutes" in html
