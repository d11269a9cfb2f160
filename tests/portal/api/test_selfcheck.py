"""The public API: listing, referential, eligibility and every kind of bad input."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/v1/eligibility"
COS = "conseiller-offres-services"


def experience(**overrides):
    data = {
        "kind": "salarie",
        "title": "Conseillère d'accueil",
        "start": "2023-01-01",
        "end": "2024-02-29",
        "part_time_percent": 80,
        "related": True,
    }
    data.update(overrides)
    return data


def body(**overrides):
    data = {
        "cqp": COS,
        "as_of": "2025-06-30",
        "experiences": [experience()],
        "activities": ["A1.I1", "A1.I2", "A2.I1"],
    }
    data.update(overrides)
    return data


def post(client, data, raw=None, **extra):
    payload = raw if raw is not None else json.dumps(data)
    return client.post(URL, payload, content_type="application/json", **extra)


def test_lists_the_cqps(client, referentials, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/api/v1/cqps")
    assert response.status_code == 200
    cqps = {c["slug"]: c for c in response.json()["cqps"]}
    assert set(cqps) == {"assistant-formation", "assistant-industries-sante", COS}
    assert cqps[COS]["rncp"] == "35543"
    assert cqps[COS]["certifier"] == "Ucanss"
    assert cqps["assistant-formation"]["rncp"] is None


def test_returns_a_referential_with_stable_codes(client, referentials):
    data = client.get(f"/api/v1/cqps/{COS}").json()
    assert [u["code"] for u in data["units"]] == ["A1", "A2", "A3", "A4"]
    assert data["units"][0]["activity_items"][0]["code"] == "A1.I1"
    assert data["required_months"] == 12
    missing = client.get("/api/v1/cqps/inconnu")
    assert missing.status_code == 404
    assert missing.json() == {"errors": {"$.slug": ["CQP inconnu."]}}


def test_eligible_answer_with_reasons_and_coverage(
    client, referentials, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = post(client, body())
    assert response.status_code == 200
    data = response.json()
    assert data["eligible"] is True
    assert data["related_months"] == 13.9
    assert data["required_months"] == 12
    assert data["reasons"][0] == "13 mois d'expérience en lien avec le CQP, 12 requis."
    assert data["coverage"][0] == {
        "unit": "A1",
        "title": data["coverage"][0]["title"],
        "declared": 2,
        "total": 5,
        "missing": ["A1.I3", "A1.I4", "A1.I5"],
        "essential_missing": None,
    }
    assert [c["declared"] for c in data["coverage"]] == [2, 1, 0, 0]


def test_not_eligible_when_short(client, referentials):
    data = post(client, body(experiences=[experience(start="2024-09-01", end=None)])).json()
    assert data["eligible"] is False
    assert data["related_days"] == 303
    assert data["related_months"] == 9.9
    assert data["reasons"][0] == "9 mois d'expérience en lien avec le CQP, 12 requis."


def test_defaults_to_today_and_full_time(client, referentials):
    exp = experience(start="2000-01-01", end=None)
    del exp["part_time_percent"]
    data = post(client, body(experiences=[exp], as_of=None)).json()
    assert data["eligible"] is True
    assert not any("temps partiel" in r for r in data["reasons"])


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        (body(cqp="inconnu"), "$.cqp", "CQP inconnu."),
        (body(cqp=3), "$.cqp", "Identifiant de CQP attendu."),
        (body(experiences=[experience(kind="interim")]), "$.experiences[0].kind", "Type"),
        (body(activities=["A1.I1", "C1.I1"]), "$.activities[1]", "Code d'activité inconnu"),
        (
            body(experiences=[experience(start="01/02/2023")]),
            "$.experiences[0].start",
            "AAAA-MM-JJ",
        ),
        (
            body(experiences=[experience(start="2023-02-30")]),
            "$.experiences[0].start",
            "n'existe pas",
        ),
        (body(as_of="2025-13-01"), "$.as_of", "n'existe pas"),
        (
            body(experiences=[experience(part_time_percent=0)]),
            "$.experiences[0].part_time_percent",
            "1 à 100",
        ),
        (
            body(experiences=[experience(part_time_percent=101)]),
            "$.experiences[0].part_time_percent",
            "1 à 100",
        ),
        (
            body(experiences=[experience(part_time_percent=True)]),
            "$.experiences[0].part_time_percent",
            "1 à 100",
        ),
        (
            body(experiences=[experience(related="oui")]),
            "$.experiences[0].related",
            "true ou false",
        ),
        (body(experiences=[experience()] * 101), "$.experiences", "100 expériences au plus"),
        (body(experiences="beaucoup"), "$.experiences", "Liste"),
        (body(experiences=[42]), "$.experiences[0]", "Objet attendu"),
        (body(extra=1), "$.extra", "Champ inconnu"),
        ([1, 2], "$", "Objet JSON attendu"),
    ],
)
def test_bad_input_answers_400_with_a_french_message_at_its_json_path(
    client, referentials, data, path, message
):
    response = post(client, data)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert path in errors, errors
    assert any(message in m for m in errors[path]), errors


@pytest.mark.parametrize(
    ("dates", "why"),
    [
        ({"start": "2023-05-01", "end": "2023-04-30"}, "sa date de fin précède sa date de début"),
        ({"start": "2025-07-01", "end": None}, "elle commence après la date de référence"),
    ],
)
def test_dates_out_of_order_are_no_error_the_verdict_says_why_they_do_not_count(
    client, referentials, dates, why
):
    """No schema can tell dates out of order: the request is valid, the period not counted."""
    response = post(client, body(experiences=[experience(**dates)]))
    assert response.status_code == 200
    verdict = response.json()
    assert verdict["related_days"] == 0
    assert f"La période « Conseillère d'accueil » n'est pas comptée : {why}." in verdict["reasons"]


@pytest.mark.parametrize("raw", ["{", "", "NaN", '{"cqp": NaN}', "[" * 50_000, b"\xff\xfe{"])
def test_invalid_json_answers_400(client, referentials, raw):
    response = post(client, None, raw=raw)
    assert response.status_code == 400
    assert response.json() == {"errors": {"$": ["JSON invalide."]}}


def test_a_body_over_64_kb_answers_400(client, referentials):
    raw = json.dumps(body(padding="x" * 70_000))
    response = post(client, None, raw=raw)
    assert response.status_code == 400
    assert "64 Ko" in response.json()["errors"]["$"][0]


def test_every_error_is_reported_at_once(client, referentials):
    data = body(
        experiences=[experience(kind="x"), experience(start="2023-99-01")], activities=["?"]
    )
    errors = post(client, data).json()["errors"]
    assert {"$.experiences[0].kind", "$.experiences[1].start", "$.activities[0]"} <= set(errors)


def test_the_api_is_csrf_exempt(referentials):
    from django.test import Client

    response = post(Client(enforce_csrf_checks=True), body())
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("method", "url", "allowed"),
    [
        ("get", URL, "POST"),
        ("put", URL, "POST"),
        ("delete", URL, "POST"),
        ("post", "/api/v1/cqps", "GET, HEAD"),
        ("put", f"/api/v1/cqps/{COS}", "GET, HEAD"),
        ("patch", "/api/v1/openapi.json", "GET, HEAD"),
    ],
)
def test_other_methods_are_refused_in_json(client, referentials, method, url, allowed):
    response = client.generic(method.upper(), url, "{}", content_type="application/json")
    assert response.status_code == 405
    assert response["Allow"] == allowed
    assert response["Content-Type"] == "application/json"
    [message] = response.json()["errors"]["$"]
    assert "non acceptée ici" in message


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""],
)
def test_a_body_that_is_not_json_answers_415_in_json(client, referentials, content_type):
    response = client.post(URL, json.dumps(body()), content_type=content_type)
    assert response.status_code == 415
    assert response.json() == {
        "errors": {"$": ["Le corps de la requête doit être du JSON (application/json)."]}
    }


def test_json_with_a_charset_is_accepted(client, referentials):
    response = client.post(URL, json.dumps(body()), content_type="application/json; charset=utf-8")
    assert response.status_code == 200


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"])
def test_dates_out_of_range_answer_400_not_an_overflow(client, referentials, day):
    for data, path in [
        (body(as_of=day), "$.as_of"),
        (body(experiences=[experience(start=day)]), "$.experiences[0].start"),
        (body(experiences=[experience(start="2020-01-01", end=day)]), "$.experiences[0].end"),
    ]:
        response = post(client, data)
        assert response.status_code == 400, data
        errors = response.json()["errors"]
        assert errors[path] == ["Saisissez une date entre le 01/01/1900 et le 31/12/2100."]


def test_the_widest_dates_accepted_are_assessed(client, referentials):
    data = body(as_of="2100-12-31", experiences=[experience(start="1900-01-01", end="2100-12-31")])
    response = post(client, data)
    assert response.status_code == 200
    assert response.json()["eligible"] is True


def test_openapi_document_is_served(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert set(doc["paths"]) == {"/cqps", "/cqps/{slug}", "/eligibility", "/mastery"}


def test_unknown_api_addresses_answer_json(client):
    response = client.get("/api/v1/nulle-part")
    assert response.status_code == 404
    assert response.json() == {"errors": {"$": ["Adresse inconnue dans l'API."]}}


def test_the_current_version_is_cached_and_forgotten_when_a_cqp_is_saved(
    client, referentials, django_assert_num_queries
):
    from django.core.cache import cache

    from home.referentials.models import Cqp
    from selfcheck.selectors import CURRENT_KEY

    post(client, body())
    with django_assert_num_queries(0):
        assert post(client, body()).status_code == 200
    Cqp.objects.get(slug=COS).save()
    assert cache.get(CURRENT_KEY.format(COS)) is None
