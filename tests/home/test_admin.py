"""Editors browse the referentials in the Wagtail admin and cannot change them there."""

import pytest
from django.contrib.auth.models import Group

from home.demo_accounts import DEMO_PASSWORD, EDITOR_EMAIL, create_demo_accounts
from home.referentials.models import ReferentialVersion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def lenient_templates(settings):
    """Wagtail's admin templates rely on missing variables rendering empty."""
    templates = [dict(t, OPTIONS=dict(t["OPTIONS"])) for t in settings.TEMPLATES]
    templates[0]["OPTIONS"]["string_if_invalid"] = ""
    settings.TEMPLATES = templates


@pytest.fixture
def editor_client(client, referentials):
    create_demo_accounts()
    assert client.login(username=EDITOR_EMAIL, password=DEMO_PASSWORD)
    return client


def test_demo_editor_is_an_editor():
    lines = create_demo_accounts()
    assert any(EDITOR_EMAIL in line and DEMO_PASSWORD in line for line in lines)
    assert Group.objects.get(name="Editors").user_set.filter(username=EDITOR_EMAIL).exists()
    create_demo_accounts()  # idempotent
    assert Group.objects.get(name="Editors").user_set.count() == 1


def test_editor_lists_and_inspects_referentials(editor_client):
    listing = editor_client.get("/admin/referentiels/")
    assert listing.status_code == 200
    html = listing.content.decode()
    for version in ReferentialVersion.objects.all():
        assert version.title.replace("'", "&#x27;") in html
    version = ReferentialVersion.objects.get(cqp__slug="conseiller-offres-services")
    inspect = editor_client.get(f"/admin/referentiels/inspect/{version.pk}/")
    assert inspect.status_code == 200
    assert "35543" in inspect.content.decode()


def test_editor_cannot_add_edit_or_delete_a_referential(editor_client):
    version = ReferentialVersion.objects.first()
    for url in (
        "/admin/referentiels/new/",
        f"/admin/referentiels/edit/{version.pk}/",
        f"/admin/referentiels/delete/{version.pk}/",
    ):
        response = editor_client.get(url)
        assert response.status_code in (302, 403), url
        assert editor_client.post(url, {"title": "Piraté"}).status_code in (302, 403), url
    version.refresh_from_db()
    assert version.title != "Piraté"


def test_the_admin_shows_no_outside_avatar(editor_client):
    """No avatar from an outside service (the admin's CSP blocks it: a broken image, and the
    editor's address hash sent away)."""
    html = editor_client.get("/admin/").content.decode()
    assert 'class="avatar' in html
    assert "gravatar" not in html.lower()
