"""Passwords: the CNIL's minimums, then zxcvbn with the person's names and email as context."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

PREDICTABLE = [
    "aa bb cc dd ee ff gg",
    "le la les un une des du",
    "Aaaaaaaaaaa1!",
    "Password1234!",
    "Azerty123456!",
    "Motdepasse1234",
    "NinaDurand1990!",
    "Durand.Nina1990",
    "Nina1990Durand!",
]
STRONG = "Cheval agrafe batterie correcte, lune verte"


def signup(client, password):
    return client.post(
        reverse("account_signup"),
        {
            "email": "nina.durand@example.fr",
            "first_name": "Nina",
            "last_name": "Durand",
            "password1": password,
            "password2": password,
        },
    )


@pytest.mark.django_db
@pytest.mark.parametrize("password", PREDICTABLE)
def test_predictable_passwords_are_refused_at_sign_up_in_french(client, password):
    response = signup(client, password)
    assert response.status_code == 200
    assert not get_user_model().objects.exists()
    text = response.text
    assert "pas assez robuste" in text or "trop facile à deviner" in text


@pytest.mark.django_db
def test_a_strong_passphrase_is_accepted(client):
    assert signup(client, STRONG).status_code == 302
    assert get_user_model().objects.filter(email="nina.durand@example.fr").exists()


@pytest.mark.django_db
def test_the_strength_is_told_as_the_person_types(client):
    form = client.get(reverse("account_signup")).text
    url = reverse("password_strength")
    assert f'data-strength-url="{url}"' in form
    assert 'id="id_password1_strength"' in form and "password-strength.js" in form
    person = {"email": "nina.durand@example.fr", "first_name": "Nina", "last_name": "Durand"}
    weak = client.post(url, {**person, "password": "Durand.Nina1990"}).json()
    assert weak["accepted"] is False and weak["level"] in ("très faible", "faible")
    short = client.post(url, {**person, "password": "abc"}).json()
    assert short["message"] == "Il faut au moins 12 caractères."
    strong = client.post(url, {**person, "password": STRONG}).json()
    assert strong == {"level": "robuste", "accepted": True, "message": "Ce mot de passe convient."}
