"""A portal administrator names the certifiers' staff in the Wagtail admin; editors cannot."""

from __future__ import annotations

import pytest

from home.demo_accounts import DEMO_PASSWORD, EDITOR_EMAIL, create_demo_accounts
from home.referentials.models import Cqp
from livrets.desk.models import StaffMembership
from tests.support.data import make_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def lenient_templates(settings):
    """Wagtail's admin templates rely on missing variables rendering empty."""
    templates = [dict(t, OPTIONS=dict(t["OPTIONS"])) for t in settings.TEMPLATES]
    templates[0]["OPTIONS"]["string_if_invalid"] = ""
    settings.TEMPLATES = templates


def test_an_administrator_names_a_secretariat_member(client, referentials):
    admin = make_candidate("admin@example.fr")
    admin.is_superuser = admin.is_staff = True
    admin.save()
    member = make_candidate("commission@ucanss.example")
    client.force_login(admin)
    assert client.get("/admin/bureaux/").status_code == 200
    cqp = Cqp.objects.get(slug="conseiller-offres-services")
    response = client.post(
        "/admin/bureaux/new/", {"user": member.pk, "cqp": cqp.pk, "role": "secretariat"}
    )
    assert response.status_code == 302
    assert StaffMembership.objects.get(user=member).role_label == "Commission de recevabilité"


def test_an_editor_cannot_name_staff(client, referentials):
    create_demo_accounts()
    assert client.login(username=EDITOR_EMAIL, password=DEMO_PASSWORD)
    assert client.get("/admin/bureaux/").status_code in (302, 403)
    assert not StaffMembership.objects.exists()
