"""Limits that a new cookie or a proxy cannot reset, error pages in French, accounts."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from livrets.livret2 import services as livret_services
from livrets.review import services as review
from portal.passwords import strong_enough
from portal.pdf import render as rendering
from portal.ratelimit import client_address
from tests.support.data import PASSWORD, make_candidate, version_of
from tests.support.wizard import fill, period, post, url

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _request(remote: str, forwarded: str = ""):
    extra = {"REMOTE_ADDR": remote}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@override_settings(FORWARDED_ALLOW_IPS=["10.0.0.1"])
def test_the_client_address_is_forwarded_only_by_a_trusted_proxy():
    assert client_address(_request("203.0.113.7")) == "203.0.113.7"
    # A client cannot name itself: only the trusted proxy's word counts.
    assert client_address(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"
    assert client_address(_request("10.0.0.1", "198.51.100.1")) == "198.51.100.1"
    # Whatever the client wrote itself stays to the left of what the proxy added.
    assert client_address(_request("10.0.0.1", "1.2.3.4, 198.51.100.1")) == "198.51.100.1"


def _self_check_client(forwarded: str) -> Client:
    client = Client(HTTP_X_FORWARDED_FOR=forwarded)
    fill(client)
    post(client, "verification")
    client.get(url("fin"))
    return client


def test_a_new_cookie_does_not_reset_the_anonymous_pdf_limit(referentials, settings, monkeypatch):
    monkeypatch.setattr(
        rendering, "html_to_pdf", lambda html: rendering.Rendered(b"%PDF-1.7 stub", 0.0, 0.0)
    )
    settings.PDF_EXPORTS_PER_HOUR = 10
    settings.PDF_EXPORTS_PER_HOUR_PER_ADDRESS = 3
    pdf = "/verifier-mon-eligibilite/resultat/pdf/"
    statuses = [_self_check_client("198.51.100.1").get(pdf).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]  # four sessions, one address
    refused = _self_check_client("198.51.100.1").get(pdf)
    assert "depuis cette connexion" in refused.text
    assert _self_check_client("198.51.100.2").get(pdf).status_code == 200  # another person


def test_the_wizard_refuses_dates_out_of_range(client, referentials):
    post(client, "cqp", {"cqp-cqp": "conseiller-offres-services"})
    post(client, "situation", {"situation-situation": "salarie"})
    from tests.support.wizard import experiences

    for start, end in [("0001-01-01", "2020-01-01"), ("2020-01-01", "9999-12-31")]:
        response = post(client, "experiences", experiences(period(start=start, end=end)))
        assert response.status_code == 200
        assert "Saisissez une date entre le 01/01/1900 et le 31/12/2100." in response.text


def test_the_export_holds_what_the_person_did_as_accompagnateur(referentials, settings):
    candidate = make_candidate("alice@example.fr")
    coach = make_candidate("coach@example.fr")
    coach.first_name, coach.last_name = "Camille", "Roux"
    coach.save()
    livret = livret_services.start_livret(
        owner=candidate, version=version_of("conseiller-offres-services")
    )
    invitation = review.invite(livret=livret, email=coach.email, organisation="AFPA").invitation
    review.accept(invitation=invitation, user=coach)
    review.add_comment(livret=livret, author=coach, body="Précisez le contexte.")
    client = Client()
    client.force_login(coach)
    response = client.get(reverse("livrets:export"))
    data = json.loads(
        zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).read("donnees.json")
    )
    done = data["accompagnement"]
    assert [i["organisme"] for i in done["invitations_recues"]] == ["AFPA"]
    assert [c["commentaire"] for c in done["commentaires_ecrits"]] == ["Précisez le contexte."]
    client.force_login(candidate)
    response = client.get(reverse("livrets:export"))
    data = json.loads(
        zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).read("donnees.json")
    )
    mine = data["accompagnement_de_mes_livrets"]
    [sent] = mine["invitations_envoyees"]
    assert (sent["adresse_invitee"], sent["accompagnateur"]) == ("coach@example.fr", "Camille Roux")
    assert [c["auteur"] for c in mine["commentaires"]] == ["Camille Roux"]
    settings.DATA_EXPORTS_PER_HOUR = 1
    refused = client.get(reverse("livrets:export"))
    assert refused.status_code == 429
    assert "Vous avez déjà téléchargé vos données 1 fois" in refused.text


def test_error_pages_are_french_in_the_site_layout(client, site_pages):
    missing = client.get("/cette-page-n-existe-pas/")
    assert missing.status_code == 404
    assert "Page introuvable" in missing.text and 'lang="fr"' in missing.text
    assert "Rechercher sur le portail" in missing.text
    api = client.get("/api/v1/nulle/part")
    assert api.status_code == 404 and api["Content-Type"] == "application/json"


def test_the_500_page_renders_without_request_context_or_database(django_assert_num_queries):
    from portal.errors import server_error

    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/livrets/"))
    assert response.status_code == 500
    assert "Erreur du serveur" in response.content.decode()
    assert "INVALID_TEMPLATE_VARIABLE" not in response.content.decode()
    api = server_error(RequestFactory().get("/api/v1/eligibility"))
    assert json.loads(api.content) == {
        "errors": {"$": ["Erreur du serveur : réessayez plus tard."]}
    }


def test_an_unexpected_error_shows_the_french_500_page(site_pages, monkeypatch):
    import home.views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(home.views, "clean_query", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/recherche/", {"q": "x"})
    assert response.status_code == 500
    assert "Erreur du serveur" in response.text


def test_a_stale_form_answers_a_french_403(site_pages):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "x@example.fr", "password": "x"})
    assert response.status_code == 403
    assert "Formulaire expiré" in response.text


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("123456789012", False),
        ("aaaaaaaaaaaa", False),
        ("Motdepasse12", False),  # no special character and under 14
        ("Motdepasse12!", True),  # 12+ with the four kinds
        ("Motdepasse1234", True),  # 14+ with capitals, small letters and digits
        ("cheval agrafe batterie correcte lune verte rapide", True),  # a passphrase of 80 bits
        ("bonjour bonjour bonjour", False),
        ("aa bb cc dd ee ff gg", False),  # two-letter words are no words
        ("le la les un une des du", False),
    ],
)
def test_the_cnil_minimums(password, ok):
    assert strong_enough(password) is ok


def signup(client, **overrides):
    data = {
        "email": "nina@example.fr",
        "first_name": "Nina",
        "last_name": "Durand",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    return client.post(reverse("account_signup"), data)


@pytest.mark.parametrize("weak", ["123456789012", "aaaaaaaaaaaa", "Nina@example.fr1"])
def test_weak_passwords_are_refused_at_sign_up_with_the_reason_in_french(client, db, weak):
    response = signup(client, password1=weak, password2=weak)
    assert response.status_code == 200
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.exists()
    assert "n&#x27;est pas assez robuste" in response.text or "trop semblable" in response.text


def test_sign_up_asks_the_names_and_explains_the_password_rule(client, db):
    form = client.get(reverse("account_signup")).text
    assert 'name="first_name"' in form and 'name="last_name"' in form
    assert "recommandation de la CNIL" in form
    missing = signup(client, first_name="")
    assert "Indiquez votre prénom." in missing.text
    assert signup(client).status_code == 302
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email="nina@example.fr")
    assert (user.first_name, user.last_name) == ("Nina", "Durand")


def test_people_appear_by_name_to_those_they_work_with(referentials):
    candidate = make_candidate("alice@example.fr")
    candidate.first_name, candidate.last_name = "Alice", "Martin"
    candidate.save()
    coach = make_candidate("coach@example.fr")
    coach.first_name, coach.last_name = "Camille", "Roux"
    coach.save()
    livret = livret_services.start_livret(
        owner=candidate, version=version_of("conseiller-offres-services")
    )
    review.accept(invitation=review.invite(livret=livret, email=coach.email).invitation, user=coach)
    review.add_comment(livret=livret, author=coach, body="Bien.")
    client = Client()
    client.force_login(coach)
    assert "Alice Martin" in client.get(reverse("review:dashboard")).text
    client.force_login(candidate)
    access = client.get(reverse("review:access", args=[livret.pk])).text
    assert "Camille Roux" in access
    assert "Camille Roux" in client.get(reverse("review:livret", args=[livret.pk])).text


@pytest.mark.parametrize("next_url", ['"', "review:dashboard", "https://ailleurs.example/", "//x"])
def test_a_bad_next_address_sends_back_to_the_section(referentials, next_url):
    """Found by the fuzz: a bare word was taken by ``redirect`` for a view name (500)."""
    candidate = make_candidate("alice@example.fr")
    coach = make_candidate("coach@example.fr")
    livret = livret_services.start_livret(
        owner=candidate, version=version_of("conseiller-offres-services")
    )
    review.accept(invitation=review.invite(livret=livret, email=coach.email).invitation, user=coach)
    client = Client()
    client.force_login(coach)
    response = client.post(
        reverse("review:section_status", args=[livret.pk, "motivation"]),
        {"status": "ready", "next": next_url},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/accompagnement/livrets/{livret.pk}/partie/motivation/"
