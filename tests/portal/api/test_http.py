"""What the API answers whatever the operation: HEAD, wrong methods, oversized bodies."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db


def test_head_is_answered_like_get(client, referentials):
    response = client.head("/api/v1/cqps")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_head_where_only_post_is_accepted_is_refused_in_json(client):
    response = client.head("/api/v1/mastery")
    assert response.status_code == 405
    assert response["Allow"] == "POST"


@pytest.mark.parametrize("url", ["/api/v1/eligibility", "/api/v1/mastery"])
def test_a_body_over_what_django_reads_answers_400_in_json(client, url, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100 * 1024
    raw = json.dumps({"cqp": "x", "padding": "x" * 200_000})
    response = client.post(url, raw, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"errors": {"$": ["Le corps de la requête dépasse 64 Ko."]}}


def test_an_empty_mastery_body_is_not_json(client):
    response = client.post("/api/v1/mastery", "", content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"errors": {"$": ["JSON invalide."]}}


def test_the_answers_are_utf8_not_escaped(client, referentials):
    answer = client.post(
        "/api/v1/eligibility", json.dumps({"cqp": "x"}), content_type="application/json"
    )
    assert "expériences attendue" in answer.content.decode()


def test_a_whole_number_written_as_a_decimal_is_a_whole_number(client, referentials):
    experience = {
        "kind": "salarie",
        "title": "Conseillère",
        "start": "2020-01-01",
        "end": None,
        "part_time_percent": 80.0,
        "related": True,
    }
    data = {"cqp": "conseiller-offres-services", "as_of": "2025-06-30", "experiences": [experience]}
    response = client.post("/api/v1/eligibility", json.dumps(data), content_type="application/json")
    assert response.status_code == 200
    experience["part_time_percent"] = 80.5
    response = client.post("/api/v1/eligibility", json.dumps(data), content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("url", "raw"),
    [
        ("/api/v1/mastery", '{"cqp": "assistant-formation", "ratings": {"\\ud800": "acquis"}}'),
        ("/api/v1/eligibility", '{"cqp": "x", "experiences": [], "x\\udfff": 1}'),
    ],
)
def test_a_lone_surrogate_is_invalid_json_not_a_server_error(client, referentials, url, raw):
    response = client.post(url, raw, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"errors": {"$": ["JSON invalide."]}}
