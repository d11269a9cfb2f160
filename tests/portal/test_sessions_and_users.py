"""Every signed-in request reads its session and its user with written-out statements
(portal.sessions, portal.auth): who is signed in must not change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.support.data import PASSWORD, make_candidate

pytestmark = pytest.mark.django_db

ACCOUNT = "/livrets/"


@pytest.fixture
def signed_in(client):
    user = make_candidate("ines@example.fr")
    response = client.post(
        reverse("account_login"), {"login": "ines@example.fr", "password": PASSWORD}
    )
    assert response.status_code == 302
    return client, user


def test_a_signed_in_candidate_sees_their_pages(signed_in):
    client, user = signed_in
    response = client.get(ACCOUNT)
    assert response.status_code == 200
    assert response.context["user"] == user


def test_an_expired_session_signs_out(signed_in):
    client, _ = signed_in
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_unknown_session_key_is_a_visitor(signed_in, settings):
    client, _ = signed_in
    client.cookies[settings.SESSION_COOKIE_NAME] = "x" * 32
    assert client.get(ACCOUNT).status_code == 302


def test_a_deactivated_or_deleted_account_is_signed_out(signed_in):
    client, user = signed_in
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get(ACCOUNT).status_code == 302
    user.is_active = True
    user.save(update_fields=["is_active"])
    client.force_login(user)
    assert client.get(ACCOUNT).status_code == 200
    user.delete()
    assert client.get(ACCOUNT).status_code == 302


def test_a_password_changed_elsewhere_signs_this_session_out(signed_in):
    client, user = signed_in
    user.set_password("Un autre mot de passe, 2026 !")
    user.save(update_fields=["password"])
    assert client.get(ACCOUNT).status_code == 302
