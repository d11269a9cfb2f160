"""« Mes données » and the account's pages: the export and the deletion as the person uses
them, sign-up and sign-in, the session's timer."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from livrets.livret2 import parts, services
from livrets.livret2.models import Answer, Document, Livret, Revision, Situation
from tests.support.data import PASSWORD, complete_cos, version_of
from tests.support.uploads import stored_bytes
from tests.support.urls import PDF, make_objects

pytestmark = pytest.mark.django_db


@pytest.fixture
def livret(referentials, candidate):
    return services.start_livret(owner=candidate, version=version_of("conseiller-offres-services"))


@pytest.fixture
def owned(livret):
    """One of each id-bearing object of the candidate's livret."""
    return make_objects(livret)


def test_export_contains_every_text_revision_and_file(client_of, owned, candidate):
    livret = Livret.objects.get(pk=owned["pk"])
    services.save_answer(
        livret=livret, section="contexte", key="description", text="v1", base_version=0
    )
    services.save_answer(
        livret=livret, section="contexte", key="description", text="v2", base_version=1
    )
    response = client_of(candidate).get(reverse("livrets:export"))
    assert response.streaming
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("donnees.json"))
    assert data["compte"]["email"] == "alice@example.fr"
    [exported] = data["livrets"]
    description = next(a for a in exported["reponses"] if a["champ"] == "description")
    assert description["texte"] == "v2"
    assert [r["texte"] for r in description["revisions"]] == ["v2", "v1"]
    [doc] = exported["documents"]
    assert [archive.read(doc["fichier"])] == stored_bytes(Document.objects.all())


def test_account_deletion_leaves_nothing_behind(client_of, livret, candidate, other_candidate):
    complete_cos(livret)
    parts.add_document(livret=livret, upload=SimpleUploadedFile("cv.pdf", PDF))
    services.finalise(livret=livret, sworn_name="Alice", sworn_on=livret.created_at.date())
    services.reopen(livret=livret)
    names = list(Document.objects.values_list("file", flat=True))
    storage = Document._meta.get_field("file").storage
    assert len(names) == 2 and all(storage.exists(n) for n in names)
    theirs = services.start_livret(owner=other_candidate, version=livret.referential_version)
    client = client_of(candidate)
    assert client.post(reverse("livrets:my_data"), {"password": "faux"}).status_code == 400
    response = client.post(reverse("livrets:my_data"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=candidate.pk).exists()
    assert list(Livret.objects.all()) == [theirs]
    assert not Situation.objects.exists() and not Answer.objects.exists()
    assert not Revision.objects.exists() and not Document.objects.exists()
    assert not any(storage.exists(n) for n in names)
    assert not EmailAddress.objects.filter(email="alice@example.fr").exists()


def test_signup_requires_verified_email_and_a_long_password(client, db):
    weak = client.post(
        reverse("account_signup"),
        {"email": "nina@example.fr", "password1": "court-123", "password2": "court-123"},
    )
    assert "Il doit contenir au minimum 12 caractères." in weak.text
    common = client.post(
        reverse("account_signup"),
        {"email": "nina@example.fr", "password1": "qwerty123456", "password2": "qwerty123456"},
    )
    assert "Ce mot de passe est trop courant." in common.text
    response = client.post(
        reverse("account_signup"),
        {
            "email": "nina@example.fr",
            "first_name": "Nina",
            "last_name": "Durand",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("livrets:list")).status_code == 302  # not verified: no session
    [message] = mail.outbox
    assert "un compte du Portail CQP-VAE." in message.body
    assert "nina@example.fr" not in message.body and "utilisateur" not in message.body
    link = re.search(r"https?://[^/]+(/accounts/confirm-email/\S+/)", message.body).group(1)
    client.post(link)
    assert client.get(reverse("livrets:list")).status_code == 200


def test_login_rotates_the_session_and_failed_logins_are_throttled(client, candidate):
    client.get(reverse("account_login"))
    before = client.cookies["sessionid"].value if "sessionid" in client.cookies else None
    response = client.post(
        reverse("account_login"), {"login": "alice@example.fr", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.cookies["sessionid"].value != before
    client.logout()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "alice@example.fr", "password": "mauvais"})
    blocked = client.post(
        reverse("account_login"), {"login": "alice@example.fr", "password": PASSWORD}
    )
    assert blocked.status_code in (200, 429)
    assert client.get(reverse("livrets:list")).status_code == 302


def test_extend_session(client_of, candidate, client):
    response = client_of(candidate).post(reverse("livrets:extend_session"))
    assert response.json()["expires_in"] > 25 * 60
    client.logout()
    assert client.post(reverse("livrets:extend_session")).status_code == 401
